// The runfiles of the dbgref binary (see runfiles.h).
#include "tools/runfiles.h"

#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"

namespace dbgref::tools {

std::string RunfilePath(const std::string& program, const std::string& path) {
  const char* dir = std::getenv("RUNFILES_DIR");
  const std::string root = dir != nullptr && *dir != '\0'
                               ? std::string(dir)
                               : absl::StrCat(program, ".runfiles");
  return absl::StrCat(root, "/dbgref/", path);
}

}  // namespace dbgref::tools
