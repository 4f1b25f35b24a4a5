// Reading a trace from its text (docs/trace-format.md):
//
//   dbgref-trace v2
//   host id_aa64dfr0=0x305106
//   program
//   0x10000: nop
//   0x10004: strx [0x20000]
//   end
//   ioctl set_guest_debug control=ENABLE|USE_HW wcr0=0x1ff7 wvr0=0x20000
//   run
//
// A trace is refused whole when its syntax is wrong or when it breaks a
// rule of what a trace may hold (trace/valid.h), with the line and column
// of the first problem. Every trace it returns passes ValidateTrace.
#ifndef DBGREF_TRACE_PARSE_H_
#define DBGREF_TRACE_PARSE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "trace/trace.h"

namespace dbgref::trace {

// Parses a whole trace file. On error the status is InvalidArgument, its
// message reads "line L, column C: <what is wrong>", and nothing is
// returned.
absl::StatusOr<Trace> ParseTrace(absl::string_view text);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_PARSE_H_
