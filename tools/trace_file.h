// Reading and writing trace files, with errors a user can act on.
#ifndef DBGREF_TOOLS_TRACE_FILE_H_
#define DBGREF_TOOLS_TRACE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/trace.h"

namespace dbgref {

// The trace in the file at path. Errors name the file: "PATH: cannot read
// (No such file or directory)" or "PATH: line L, column C: ...".
absl::StatusOr<Trace> ReadTraceFile(const std::string& path);

// Writes the trace to path, creating its folders.
absl::Status WriteTraceFile(const std::string& path, const Trace& trace,
                            const std::string& comment);

}  // namespace dbgref

#endif  // DBGREF_TOOLS_TRACE_FILE_H_
