// Files that Bazel puts beside the dbgref binary (its runfiles): the
// benchmark binaries and the real-kernel oracle's initramfs.
#ifndef DBGREF_TOOLS_RUNFILES_H_
#define DBGREF_TOOLS_RUNFILES_H_

#include <string>

namespace dbgref::tools {

// The path of `path` (relative to the workspace root) in the runfiles of
// the program started as `program` (argv[0]): under RUNFILES_DIR when
// Bazel set it, otherwise under <program>.runfiles.
std::string RunfilePath(const std::string& program, const std::string& path);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_RUNFILES_H_
