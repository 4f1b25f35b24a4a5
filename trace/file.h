// Trace files: reading one, with errors that name the file and the place
// in it, and writing one under a comment, creating its folders.
#ifndef DBGREF_TRACE_FILE_H_
#define DBGREF_TRACE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "trace/trace.h"

namespace dbgref::trace {

// The trace in the file at path. Errors name the file: "PATH: cannot read
// (No such file or directory)" or "PATH: line L, column C: ...".
absl::StatusOr<Trace> ReadTraceFile(const std::string& path);

// Writes the trace to path, creating its folders; each line of comment
// becomes a "# " line above the header.
absl::Status WriteTraceFile(const std::string& path, const Trace& trace,
                            const std::string& comment);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_FILE_H_
