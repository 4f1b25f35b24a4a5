// The trace parser's reading of the host line and of one operation line,
// internal to trace/: "host id_aa64dfr0=...", "ioctl set_guest_debug
// control=ENABLE|USE_HW bcr0=0x1e7", "ioctl set_one_reg PC 0x10000",
// "run", with errors at the line and column of the value.
#ifndef DBGREF_TRACE_PARSE_OP_H_
#define DBGREF_TRACE_PARSE_OP_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/record.h"
#include "trace/lexer.h"

namespace dbgref::trace::parse_internal {

// The host line, whose first token is "host", into host.
absl::Status ParseHost(const lexer::Line& line, dbgref_host* host);

// A line whose first token is "ioctl" or "run".
absl::StatusOr<dbgref_op> ParseOperation(const lexer::Line& line);

}  // namespace dbgref::trace::parse_internal

#endif  // DBGREF_TRACE_PARSE_OP_H_
