#!/usr/bin/env bash
# Regenerates the golden files of tests/tools/ in the workspace:
#
#   bazel run //tests/tools:update_golden
#
# The outputs of every case of golden_cases.txt (golden_test.sh --update) and the
# check renderings of the model and each port (revision_check_test with
# DBGREF_UPDATE_GOLDEN_DIR). Review the diff before committing it.
set -euo pipefail

[[ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]] ||
  { echo "update_golden: run it with bazel run //tests/tools:update_golden" >&2; exit 2; }
export RUNFILES_DIR="${RUNFILES_DIR:-$0.runfiles}"
root="$RUNFILES_DIR/dbgref"
ws="$BUILD_WORKSPACE_DIRECTORY"
golden="$ws/tests/tools/golden"
mkdir -p "$golden"

# The goldens are rewritten from scratch: a case that was removed leaves
# no file behind.
find "$golden" -name '*.txt' -delete
DBGREF_GOLDEN_OUT="$golden" "$root/tests/tools/golden_test.sh" --update
# revision_check_test is a gtest binary; in update mode it writes instead
# of comparing.
DBGREF_UPDATE_GOLDEN_DIR="$golden" "$root/tests/tools/revision_check_test" \
  --gtest_brief=1
echo "update_golden: wrote $(find "$golden" -name "*.txt" | wc -l) files into tests/tools/golden/"
