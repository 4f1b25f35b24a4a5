// Printing a trace as text (docs/trace-format.md), header included, one
// operation a line; trace/parse.h reads it back unchanged:
// ParseTrace(FormatTrace(t)) gives t back.
#ifndef DBGREF_TRACE_FORMAT_H_
#define DBGREF_TRACE_FORMAT_H_

#include <string>

#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::trace {

// The text form of a trace, header and host line included.
std::string FormatTrace(const Trace& trace);

// One operation as a trace line (without the trailing newline).
std::string FormatOp(const dbgref_op& op);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_FORMAT_H_
