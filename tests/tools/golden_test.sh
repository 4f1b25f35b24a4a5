#!/usr/bin/env bash
# The golden outputs of the dbgref binary: each case of golden_cases.txt
# ("NAME ARGUMENTS...") run from the root of the runfiles, its stdout and
# exit status against golden/NAME.txt (stdout, then "--- exit N"). Also:
# every example trace of //docs:example_traces has its text and JSON
# replay cases, and no golden file is left without a case. None of these
# outputs
# holds a timing: list and replay print none.
#
#   golden_test.sh            compare (the test)
#   golden_test.sh --update   write golden/NAME.txt into
#                             $DBGREF_GOLDEN_OUT (update_golden.sh)
set -uo pipefail

root="${TEST_SRCDIR:-${RUNFILES_DIR:-}}/dbgref"
bin="$root/tools/dbgref"
cases="$root/tests/tools/golden_cases.txt"
update=0
[[ "${1:-}" == --update ]] && update=1
[[ -x "$bin" ]] || { echo "no dbgref binary at $bin"; exit 1; }
[[ -f "$cases" ]] || { echo "no case list at $cases"; exit 1; }
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/golden.XXXXXX")
failures=0
declare -A named=()

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

while read -r name args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  if [[ -n "${named[$name]:-}" ]]; then
    fail "case $name appears twice in golden_cases.txt"
    continue
  fi
  named[$name]="$args"
  # shellcheck disable=SC2086
  (cd "$root" && "$bin" $args) >"$work/out" 2>"$work/err"
  status=$?
  echo "--- exit $status" >>"$work/out"
  if [[ $status -eq 2 ]]; then
    fail "$name: dbgref $args: exit 2: $(cat "$work/err")"
    continue
  fi
  if [[ $update -eq 1 ]]; then
    cp "$work/out" "$DBGREF_GOLDEN_OUT/$name.txt"
    echo "wrote $name.txt"
    continue
  fi
  golden="$root/tests/tools/golden/$name.txt"
  if [[ ! -f "$golden" ]]; then
    fail "$name: no golden file tests/tools/golden/$name.txt (bazel run //tests/tools:update_golden)"
  elif ! diff -u "$golden" "$work/out" >"$work/diff"; then
    fail "$name: dbgref $args differs from tests/tools/golden/$name.txt (bazel run //tests/tools:update_golden if intended):"
    head -n 40 "$work/diff"
  else
    echo "ok: $name"
  fi
done <"$cases"

# Every example trace, in text and in JSON.
for trace in "$root"/docs/examples/*.trace; do
  rel="docs/examples/${trace##*/}"
  for want in "replay $rel" "replay $rel --format=json"; do
    found=0
    for args in "${named[@]}"; do
      [[ "$args" == "$want" ]] && found=1
    done
    [[ $found -eq 1 ]] || fail "no case in golden_cases.txt runs 'dbgref $want'"
  done
done

if [[ $update -eq 0 ]]; then
  # No golden file of this test without its case (check_*.txt belong to
  # revision_check_test).
  for golden in "$root"/tests/tools/golden/*.txt; do
    name=${golden##*/}
    name=${name%.txt}
    [[ "$name" == check_* ]] && continue
    [[ -n "${named[$name]:-}" ]] || fail "golden/$name.txt has no case in golden_cases.txt"
  done
fi

echo "$failures failed"
[[ $failures -eq 0 ]]
