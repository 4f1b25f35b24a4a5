// The dbgref trace format: a host configuration and a sequence of
// operations (ioctls and KVM_RUN iterations with one guest action each), as
// text with one operation per line under a versioned header. Proof
// counterexamples, property findings and the regression tests all use it;
// docs/trace-format.md describes it for people.
//
//   dbgref-trace v1
//   host id_aa64dfr0=0x305106 host.bcr0=0x1
//   ioctl set_guest_debug control=ENABLE|USE_HW bcr0=0x1e7 bvr0=0x400000
//   ioctl check_extension cap=hw_bps
//   run write DBGBVR1_EL1 0x1234
//   run read MDSCR_EL1
//   run exception esr=0xc0000000 pc=0x400000 far=0
//
// ParseTrace reports the first error with its line and column; FormatTrace
// prints a trace that ParseTrace reads back unchanged.
#ifndef DBGREF_TOOLS_TRACE_H_
#define DBGREF_TOOLS_TRACE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/record.h"

namespace dbgref {

inline constexpr absl::string_view kTraceHeader = "dbgref-trace v1";

struct Trace {
  dbgref_host host{};
  std::vector<dbgref_op> ops;
};

// Parses a whole trace file. On error the status message reads
// "line L, column C: <what is wrong>" and nothing is returned.
absl::StatusOr<Trace> ParseTrace(absl::string_view text);

// The text form of a trace, header included; ParseTrace(FormatTrace(t))
// gives t back.
std::string FormatTrace(const Trace& trace);

// One operation as a trace line (without the trailing newline).
std::string FormatOp(const dbgref_op& op);

// The architectural name of a guest-visible debug register, such as
// "DBGBVR3_EL1" or "MDSCR_EL1".
std::string RegisterName(uint32_t reg_kind, uint32_t index);

// The control word as "ENABLE|USE_HW", with unknown bits in hex.
std::string ControlName(uint32_t control);

// Builders for the operations, so that tests and generators read like the
// trace they produce.
dbgref_op SetGuestDebugOp(uint32_t control,
                          const kvm_guest_debug_arch& arch = {});
dbgref_op CheckExtensionOp(uint32_t cap);
dbgref_op GuestReadOp(uint32_t reg_kind, uint32_t index);
dbgref_op GuestWriteOp(uint32_t reg_kind, uint32_t index, uint64_t value);
dbgref_op GuestExceptionOp(uint32_t esr, uint64_t pc, uint64_t far);

}  // namespace dbgref

#endif  // DBGREF_TOOLS_TRACE_H_
