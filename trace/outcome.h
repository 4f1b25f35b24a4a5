// What userspace and the guest can see of one operation of a trace: the
// fields a replay reports (trace/replay_json.h, docs/replay-json.md) and
// the one projection that every revision can fill. The model and a port
// fill it from their step observations with OutcomeOf; the real-kernel
// oracle fills the same fields from what its VMM saw (the ioctl results,
// kvm_run, KVM_GET_ONE_REG of PC, ESR_EL1, ELR_EL1 and FAR_EL1 at an
// exception report, and the values its guest's MRS instructions read).
#ifndef DBGREF_TRACE_OUTCOME_H_
#define DBGREF_TRACE_OUTCOME_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "model/record.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::trace {

// The guest's own exception, as userspace reads it at the runtime's
// exception report (spec/execution.md, "The guest's convention").
struct GuestException {
  uint64_t esr_el1 = 0;
  uint64_t elr_el1 = 0;
  uint64_t far_el1 = 0;
};

struct OpOutcome {
  // The ioctl's return value (KVM_CHECK_EXTENSION: the count; KVM_RUN: 0
  // or -EINTR) and KVM_GET_ONE_REG's value.
  int64_t ret = 0;
  uint64_t value = 0;
  // KVM_RUN: the kvm_run exit reason, the debug exit's hsr and far, and the
  // guest's PC once KVM_RUN has returned.
  uint32_t exit_reason = 0;
  uint32_t hsr = 0;
  uint64_t pc = 0;
  uint64_t far = 0;
  // KVM_RUN: the value each MRS of the program read, in order, whether it
  // read the register itself or KVM emulated it (an MRS that took an UNDEF
  // read nothing).
  std::vector<uint64_t> reads;
  // KVM_RUN that ended at the runtime's exception report: the guest's own
  // exception.
  std::optional<GuestException> exception;
};

bool operator==(const GuestException& a, const GuestException& b);
bool operator==(const OpOutcome& a, const OpOutcome& b);
inline bool operator!=(const OpOutcome& a, const OpOutcome& b) {
  return !(a == b);
}

// The outcome of op from the observations of its steps, on a guest running
// program.
OpOutcome OutcomeOf(const dbgref_program& program, const dbgref_op& op,
                    const OpObservations& steps);

// The outcome of each operation of trace (one per entry of obs).
std::vector<OpOutcome> OutcomesOf(const Trace& trace, const Observations& obs);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_OUTCOME_H_
