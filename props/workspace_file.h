// Reading a file of this workspace (a manifest, a saved trace) by its path
// from the workspace root, from wherever the program runs: a test (its
// runfiles), `bazel run` (the binary's runfiles, or the workspace the
// command was started in), or a binary started by hand from the workspace.
#ifndef DBGREF_PROPS_WORKSPACE_FILE_H_
#define DBGREF_PROPS_WORKSPACE_FILE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace dbgref::props {

// The text of the file at `path` (relative to the workspace root), or
// NotFound naming the places looked in.
absl::StatusOr<std::string> ReadWorkspaceFile(const std::string& path);

// The workspace folder `bazel run` started the program from
// (BUILD_WORKSPACE_DIRECTORY); nothing when it was started otherwise.
std::optional<std::string> BazelRunWorkspace();

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_WORKSPACE_FILE_H_
