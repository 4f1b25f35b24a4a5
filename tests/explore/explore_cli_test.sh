#!/usr/bin/env bash
# dbgref explore's input errors: exit 2, one line on stderr, nothing on
# stdout, for an unknown alphabet, a depth of 0 or below, an unknown
# revision and the real kernels (which have no full state to explore).
set -u
dbgref=$1
failures=0

expect_input_error() {
  local want=$1
  shift
  local out err rc
  out=$(mktemp)
  err=$(mktemp)
  "$dbgref" "$@" >"$out" 2>"$err"
  rc=$?
  if [[ $rc -ne 2 ]]; then
    echo "FAIL: dbgref $*: exit $rc, want 2"; failures=$((failures + 1))
  elif [[ -s $out ]]; then
    echo "FAIL: dbgref $*: printed on stdout"; failures=$((failures + 1))
  elif [[ $(wc -l <"$err") -ne 1 ]]; then
    echo "FAIL: dbgref $*: $(wc -l <"$err") lines on stderr, want 1"
    failures=$((failures + 1))
  elif ! grep -q -- "$want" "$err"; then
    echo "FAIL: dbgref $*: stderr lacks '$want': $(cat "$err")"
    failures=$((failures + 1))
  else
    echo "ok: dbgref $*: $(cat "$err")"
  fi
  rm -f "$out" "$err"
}

expect_input_error "unknown alphabet 'nope'" explore v2 --alphabet=nope
expect_input_error "at least 1" explore v2 --max-depth=0
expect_input_error "at least 1" explore v2 --max-depth=-1
expect_input_error "unknown revision 'v3'" explore v3
expect_input_error "needs a port's full state" explore linux-6.1
expect_input_error "needs a port's full state" explore linux-6.12
expect_input_error "explore REV" explore

# A good command line still runs: the tiny alphabet on v2 closes (exit 1:
# it reaches only REQ-SS of v2's findings, the others are missing).
out=$("$dbgref" explore v2 --alphabet=tiny --quiet 2>&1)
rc=$?
if [[ $rc -ne 1 ]] || ! grep -q "^closed: yes" <<<"$out"; then
  echo "FAIL: dbgref explore v2 --alphabet=tiny: exit $rc"; echo "$out"
  failures=$((failures + 1))
fi
exit $((failures > 0))
