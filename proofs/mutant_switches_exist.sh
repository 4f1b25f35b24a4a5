#!/bin/sh
# Every mutant switch the broken-rule tests compile with is one the model's
# rules test in an #if: a misspelt or retired switch would build the
# reference model and make its test meaningless.
# Usage: mutant_switches_exist.sh NAME... -- SOURCE...
names=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  names="$names $1"
  shift
done
shift
missing=0
count=0
for name in $names; do
  count=$((count + 1))
  if ! grep -Eq "^#(if|ifdef|ifndef|elif)\b.*\bDBGREF_MUTANT_${name}\b" "$@"; then
    echo "DBGREF_MUTANT_${name} is tested by no #if in the model's rules"
    missing=1
  fi
done
[ "$missing" -eq 0 ] && echo "all $count switches are in the model's rules"
exit "$missing"
