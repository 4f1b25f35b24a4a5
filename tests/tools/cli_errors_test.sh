#!/usr/bin/env bash
# Bad input to the dbgref binary: an unknown subcommand, revision or flag,
# and a missing, unreadable or malformed trace file (with the parser's line
# and column) each get exit status 2, exactly one line on stderr that names
# the problem, nothing on stdout, and no file written.
set -uo pipefail

bin="$TEST_SRCDIR/$TEST_WORKSPACE/tools/dbgref"
[[ -x "$bin" ]] || { echo "no dbgref binary at $bin"; exit 1; }
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/cli.XXXXXX")
cd "$work" || exit 1
failures=0

# expect_refusal "<what the one stderr line must contain>" args...
expect_refusal() {
  local want=$1
  shift
  local out err status lines
  out=$("$bin" "$@" 2>"$work/.stderr")
  status=$?
  err=$(cat "$work/.stderr")
  rm -f "$work/.stderr"
  lines=$(printf '%s\n' "$err" | grep -c .)
  if [[ $status -ne 2 ]]; then
    echo "FAIL: dbgref $*: exit $status, want 2"
    failures=$((failures + 1))
  elif [[ $lines -ne 1 ]]; then
    echo "FAIL: dbgref $*: $lines lines on stderr, want 1: $err"
    failures=$((failures + 1))
  elif [[ "$err" != *"$want"* ]]; then
    echo "FAIL: dbgref $*: stderr '$err' does not name '$want'"
    failures=$((failures + 1))
  elif [[ -n "$out" ]]; then
    echo "FAIL: dbgref $*: wrote to stdout: $out"
    failures=$((failures + 1))
  elif [[ -n "$(ls -A "$work")" ]]; then
    echo "FAIL: dbgref $*: left files behind: $(ls -A "$work")"
    failures=$((failures + 1))
  else
    echo "ok: dbgref $* -> $err"
  fi
}

printf 'dbgref-trace v1\nrun read DBGBVR1_EL1\n' >"$work/../v1.trace"
printf 'dbgref-trace v7\n' >"$work/../v7.trace"
printf 'dbgref-trace v2\nhost id_aa64dfr0=0x305106\nprogram\n0x10000: mrs DBGBVR16_EL1\nend\nrun\n' \
  >"$work/../bad.trace"
printf 'dbgref-trace v2\nhost id_aa64dfr0=0x305106\nprogram\n0x10002: nop\nend\nrun\n' \
  >"$work/../unaligned.trace"
mkdir -p "$work/../adir"
printf 'dbgref-trace v2\n' >"$work/../secret.trace"
chmod 000 "$work/../secret.trace"

expect_refusal "no subcommand"
expect_refusal "unknown subcommand 'frobnicate'" frobnicate
expect_refusal "unknown revision 'v3' (model, v2, v2-review, final, linux-6.1, linux-6.12)" review v3
expect_refusal "unknown revision 'v3'" check v3
expect_refusal "usage: dbgref review REV" review
expect_refusal "usage: dbgref check [REV]" check v2 final
expect_refusal "unknown flag '--colour'" list --colour=yes
expect_refusal "unknown format 'xml'" review v2 --format=xml
expect_refusal "bad value 'many' for --sequences" review v2 --sequences=many
expect_refusal "unknown revision 'v9'" replay "$work/../bad.trace" --revision=v9
expect_refusal "cannot read (No such file or directory)" replay "$work/../missing.trace"
expect_refusal "cannot read (it is a directory)" replay "$work/../adir"
expect_refusal "bad.trace: line 4, column 14: unknown system register 'DBGBVR16_EL1'" \
  replay "$work/../bad.trace"
expect_refusal "unaligned.trace: line 4, column 1: address 0x10002 is not 4-aligned" \
  replay "$work/../unaligned.trace" --format=json
expect_refusal "line 1, column 14: this is a v1 trace" replay "$work/../v1.trace"
expect_refusal "unsupported trace version 'v7'" replay "$work/../v7.trace"
if [[ $(id -u) -ne 0 ]]; then
  # root reads a mode-000 file anyway; the check means something only
  # for other users.
  expect_refusal "cannot read (Permission denied)" replay "$work/../secret.trace"
fi
expect_refusal "cannot tell the format of 'out.gif'" diagram out.gif

echo "$failures failed"
[[ $failures -eq 0 ]]
