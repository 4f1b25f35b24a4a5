// Reading a trace from its text (docs/trace-format.md):
//
//   dbgref-trace v1
//   host id_aa64dfr0=0x305106 host.bcr0=0x1
//   ioctl set_guest_debug control=ENABLE|USE_HW bcr0=0x1e7 bvr0=0x400000
//   ioctl check_extension cap=hw_bps
//   run write DBGBVR1_EL1 0x1234
//   run read MDSCR_EL1
//   run exception esr=0xc0000000 pc=0x400000 far=0
#ifndef DBGREF_TRACE_PARSE_H_
#define DBGREF_TRACE_PARSE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "trace/trace.h"

namespace dbgref::trace {

// Parses a whole trace file. On error the status message reads
// "line L, column C: <what is wrong>" and nothing is returned.
absl::StatusOr<Trace> ParseTrace(absl::string_view text);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_PARSE_H_
