#!/usr/bin/env bash
# docs/traceability.md must be what the generator prints now: a requirement,
# proof, property or test added, renamed or removed without regenerating
# the table fails here. The generator itself fails when a requirement lacks
# a spec section, a model predicate, a proof, a property or a test.
set -euo pipefail
cd "$TEST_SRCDIR/$TEST_WORKSPACE"
checked_in=$1
shift
generated="$TEST_TMPDIR/traceability.md"
"$@" >"$generated"
if ! diff -u "$checked_in" "$generated"; then
  echo "docs/traceability.md is stale: run bazel run //tests/traceability:update"
  exit 1
fi
echo "docs/traceability.md is up to date"
