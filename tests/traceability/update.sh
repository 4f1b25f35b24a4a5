#!/usr/bin/env bash
# Rewrites docs/traceability.md in the workspace from the generator.
set -euo pipefail
[[ -n "${BUILD_WORKSPACE_DIRECTORY:-}" ]] || {
  echo "run me with: bazel run //tests/traceability:update" >&2
  exit 2
}
out="$BUILD_WORKSPACE_DIRECTORY/docs/traceability.md"
tmp=$(mktemp)
"$@" >"$tmp"
mv "$tmp" "$out"
echo "wrote $out"
