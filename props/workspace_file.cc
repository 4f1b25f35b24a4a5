// The places a workspace file may be found, in order.
#include "props/workspace_file.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace dbgref::props {
namespace {

constexpr char kWorkspaceName[] = "dbgref";

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string SelfExecutable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  return std::string(buf, static_cast<size_t>(n));
}

std::vector<std::string> Candidates(const std::string& path) {
  std::vector<std::string> out;
  for (const char* var : {"TEST_SRCDIR", "RUNFILES_DIR"}) {
    const std::string dir = Env(var);
    if (!dir.empty())
      out.push_back(absl::StrCat(dir, "/", kWorkspaceName, "/", path));
  }
  const std::string exe = SelfExecutable();
  if (!exe.empty()) {
    out.push_back(absl::StrCat(exe, ".runfiles/", kWorkspaceName, "/", path));
  }
  if (const std::optional<std::string> workspace = BazelRunWorkspace()) {
    out.push_back(absl::StrCat(*workspace, "/", path));
  }
  out.push_back(path);
  return out;
}

}  // namespace

std::optional<std::string> BazelRunWorkspace() {
  const std::string workspace = Env("BUILD_WORKSPACE_DIRECTORY");
  if (workspace.empty()) return std::nullopt;
  return workspace;
}

absl::StatusOr<std::string> ReadWorkspaceFile(const std::string& path) {
  const std::vector<std::string> candidates = Candidates(path);
  for (const std::string& candidate : candidates) {
    std::ifstream in(candidate);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  return absl::NotFoundError(absl::StrCat("cannot read ", path, " (looked in ",
                                          absl::StrJoin(candidates, ", "),
                                          ")"));
}

}  // namespace dbgref::props
