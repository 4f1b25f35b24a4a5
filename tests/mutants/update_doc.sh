#!/usr/bin/env bash
# Rewrites tests/mutants/MUTANTS.md in the workspace from the registry.
set -euo pipefail
[[ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]] || {
  echo "run me with: bazel run //tests/mutants:update_doc" >&2
  exit 2
}
out="${BUILD_WORKSPACE_DIRECTORY}/tests/mutants/MUTANTS.md"
tmp=$(mktemp)
bash "$@" >"${tmp}"
mv "${tmp}" "${out}"
chmod 644 "${out}"
echo "wrote ${out}"
