// Where the command line saves the counterexamples it finds, one trace
// file per revision and requirement: out/traces/REV/REQ-*.trace in the
// workspace under `bazel run`, in the current folder otherwise.
#ifndef DBGREF_TOOLS_SAVED_TRACES_H_
#define DBGREF_TOOLS_SAVED_TRACES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "trace/trace.h"

namespace dbgref::tools {

// Saves the counterexample to requirement on revision, found from sequence
// seed `seed`, and returns its path; nothing when it could not be written.
std::optional<std::string> SaveCounterexample(const std::string& revision,
                                              const std::string& requirement,
                                              const trace::Trace& trace,
                                              uint64_t seed);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_SAVED_TRACES_H_
