#!/usr/bin/env bash
# tests/mutants/MUTANTS.md must be what mutants_doc.sh prints from the
# registry now: a mutant added, renamed or removed in mutants.bzl without
# regenerating the tables fails here.
# Usage: mutants_doc_test.sh MUTANTS.md mutants_doc.sh REGISTRY.tsv
set -euo pipefail
checked_in=$1
shift
generated="${TEST_TMPDIR:-/tmp}/MUTANTS.md"
bash "$@" >"${generated}"
if ! diff -u "${checked_in}" "${generated}"; then
  echo "tests/mutants/MUTANTS.md is stale:" \
    "run bazel run //tests/mutants:update_doc"
  exit 1
fi
echo "tests/mutants/MUTANTS.md is up to date"
