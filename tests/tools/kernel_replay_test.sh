#!/usr/bin/env bash
# kernel_replay_test.sh KERNEL (linux-6.1, linux-6.12): the dbgref binary
# on a real kernel, end to end.
#  1. Every example trace of //docs:example_traces replayed on the kernel
#     (replay --revision=KERNEL --format=json) exits 0 and gives, on the
#     fields spec/real-kernel.md compares (replay_fields), what the model's
#     replay gives.
#  2. A small review (review KERNEL --sequences=100) exits 0 and prints a
#     whole report: the heading, the summary, the kernel's manifest as
#     expecting it, one verdict line per requirement, the kernel's package,
#     package version and uname -r as the kernel cache records them, and
#     the note that MDCCINT_EL1 is left out because of the emulator.
#  3. The same review without the manifest (the binary run outside its
#     runfiles, which then hold no props/manifests/) says its outcomes have
#     no expectation, and no verdict line names a manifest.
# The kernels come from ./dbgref fetch-kernels; a missing one fails.
set -uo pipefail

kernel=${1:?usage: kernel_replay_test.sh KERNEL}
root="$TEST_SRCDIR/$TEST_WORKSPACE"
bin="$root/tools/dbgref"
fields="$root/tests/tools/replay_fields"
meta="${DBGREF_KERNEL_CACHE:-$HOME/.cache/dbgref/kernels}/$kernel/meta"
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/kernel_replay.XXXXXX")
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

[[ -x "$bin" ]] || { echo "no dbgref binary at $bin"; exit 1; }
[[ -f "$meta" ]] || { echo "no $meta: run ./dbgref fetch-kernels"; exit 1; }
meta_value() { sed -n "s/^$1=//p" "$meta"; }
package=$(meta_value package)
version=$(meta_value version)
release=$(meta_value kernel_release)

# 1. The example traces.
cd "$root" || exit 1
for trace in docs/examples/*.trace; do
  name=${trace##*/}
  "$bin" replay "$trace" --format=json >"$work/model.json" 2>"$work/err"
  status=$?
  [[ $status -eq 0 ]] || { fail "$name: the model's replay: exit $status: $(cat "$work/err")"; continue; }
  "$bin" replay "$trace" --revision="$kernel" --format=json >"$work/kernel.json" 2>"$work/err"
  status=$?
  if [[ $status -ne 0 ]]; then
    fail "$name on $kernel: exit $status, want 0 (the model's outcomes): $(cat "$work/err")"
  fi
  if ! "$fields" "$work/model.json" >"$work/model.fields" ||
      ! "$fields" "$work/kernel.json" >"$work/kernel.fields"; then
    fail "$name: a replay that replay_fields cannot read"
    continue
  fi
  if [[ ! -s "$work/model.fields" ]]; then
    fail "$name: the model's replay has no operations"
  elif ! diff -u --label model --label "$kernel" "$work/model.fields" "$work/kernel.fields" >"$work/diff"; then
    fail "$name: $kernel's outcomes differ from the model's:"
    cat "$work/diff"
  elif ! grep -q "\"revision\": \"$kernel\"" "$work/kernel.json"; then
    fail "$name: the kernel's replay does not name $kernel"
  else
    echo "ok: $name on $kernel: $(wc -l <"$work/kernel.fields") operations as the model"
  fi
done

# expect_in FILE TEXT WHAT: FILE holds the fixed string TEXT.
expect_in() {
  grep -qF -- "$2" "$1" || fail "$3: no '$2' in the report"
}

# The report of a review, on one line per sentence (the text wraps at 72
# columns; continuation lines are indented by two spaces).
unwrap() {
  sed -e ':a' -e '$!N' -e 's/\n  \([^ ]\)/ \1/' -e 'ta' -e 'P' -e 'D' "$1"
}

# 2. A small review with the kernel's manifest (from the test's folder: a
# counterexample would be saved under ./out/traces/).
cd "$work" || exit 1
"$bin" review "$kernel" --sequences=100 --quiet >"$work/review.txt" 2>"$work/err"
status=$?
[[ $status -eq 0 ]] || fail "review $kernel: exit $status, want 0: $(cat "$work/err")"
unwrap "$work/review.txt" >"$work/review.flat"
expect_in "$work/review.flat" "dbgref review of $kernel (real kernel:" "review"
expect_in "$work/review.flat" "requirements hold on $kernel" "review"
expect_in "$work/review.flat" "(100 sequences, seed 1)" "review"
expect_in "$work/review.flat" "as props/manifests/$kernel.txt expects" "review"
expect_in "$work/review.flat" "$kernel: $package $version, uname -r $release" "review"
expect_in "$work/review.flat" "MDCCINT_EL1 is excluded because of the emulator: QEMU 7.2 implements MDCCINT_EL1 as a no-op" "review"
"$bin" list | sed -n 's/^  \(REQ-[A-Z-]*\) .*/\1/p' >"$work/requirements"
[[ $(wc -l <"$work/requirements") -eq 20 ]] || fail "dbgref list does not name 20 requirements"
while read -r req; do
  n=$(grep -cE "^$req +(holds|broken|not observed) " "$work/review.flat")
  [[ $n -eq 1 ]] || fail "review: $n verdict lines for $req, want 1"
done <"$work/requirements"
if grep -q "manifest says" "$work/review.flat"; then
  fail "review: an outcome differs from props/manifests/$kernel.txt: $(grep "manifest says" "$work/review.flat")"
fi

# 3. The same without a manifest: a copy of the binary outside its
# runfiles, with runfiles that hold the initramfs alone.
mkdir -p "$work/alone/bin" "$work/alone/runfiles/dbgref/oracle/vmm" "$work/alone/cwd"
cp "$bin" "$work/alone/bin/dbgref"
ln -s "$root/oracle/vmm/initramfs.cpio" "$work/alone/runfiles/dbgref/oracle/vmm/initramfs.cpio"
(cd "$work/alone/cwd" && env -u BUILD_WORKSPACE_DIRECTORY \
  TEST_SRCDIR="$work/alone/runfiles" RUNFILES_DIR="$work/alone/runfiles" \
  "$work/alone/bin/dbgref" review "$kernel" --sequences=20 --quiet) \
  >"$work/alone.txt" 2>"$work/err"
status=$?
[[ $status -eq 0 ]] || fail "review $kernel without a manifest: exit $status, want 0: $(cat "$work/err")"
unwrap "$work/alone.txt" >"$work/alone.flat"
expect_in "$work/alone.flat" "no manifest: its outcomes have no expectation" "review without a manifest"
expect_in "$work/alone.flat" "uname -r $release" "review without a manifest"
if grep -qE "manifest says|props/manifests/" "$work/alone.flat"; then
  fail "review without a manifest names one: $(grep -E "manifest says|props/manifests/" "$work/alone.flat")"
fi

echo "$failures failed"
if [[ $failures -ne 0 ]]; then
  echo "--- the review:"; cat "$work/review.txt"
  echo "--- the review without a manifest:"; cat "$work/alone.txt"
fi
[[ $failures -eq 0 ]]
