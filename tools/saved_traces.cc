// Saving counterexamples under out/traces (see saved_traces.h).
#include "tools/saved_traces.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "props/workspace_file.h"
#include "trace/file.h"
#include "trace/trace.h"

namespace dbgref::tools {

std::optional<std::string> SaveCounterexample(const std::string& revision,
                                              const std::string& requirement,
                                              const trace::Trace& trace,
                                              uint64_t seed) {
  const std::string path =
      absl::StrCat(props::BazelRunWorkspace().value_or("."), "/out/traces/",
                   revision, "/", requirement, ".trace");
  if (!trace::WriteTraceFile(
           path, trace,
           absl::StrCat(requirement, " broken on ", revision, ", seed ", seed))
           .ok()) {
    return std::nullopt;
  }
  return path;
}

}  // namespace dbgref::tools
