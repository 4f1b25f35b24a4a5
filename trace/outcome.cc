// The projection of step observations onto what userspace and the guest
// see (see outcome.h).
#include "trace/outcome.h"

#include <cstdint>
#include <vector>

#include "model/guest_layout.h"
#include "model/record.h"
#include "trace/guest_code.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::trace {

bool operator==(const GuestException& a, const GuestException& b) {
  return a.esr_el1 == b.esr_el1 && a.elr_el1 == b.elr_el1 &&
         a.far_el1 == b.far_el1;
}

bool operator==(const OpOutcome& a, const OpOutcome& b) {
  return a.ret == b.ret && a.value == b.value &&
         a.exit_reason == b.exit_reason && a.hsr == b.hsr && a.pc == b.pc &&
         a.far == b.far && a.reads == b.reads && a.exception == b.exception;
}

OpOutcome OutcomeOf(const dbgref_program& program, const dbgref_op& op,
                    const OpObservations& steps) {
  OpOutcome out;
  if (steps.empty()) return out;
  if (op.kind != DBGREF_OP_RUN) {
    out.ret = steps.front().ret;
    out.value = steps.front().value;
    return out;
  }
  for (size_t k = 0; k < steps.size(); ++k) {
    const dbgref_obs& s = steps[k];
    if (s.step != DBGREF_STEP_GUEST ||
        InsnAt(program, s.pc).kind != DBGREF_INSN_MRS) {
      continue;
    }
    if (s.event == DBGREF_EVENT_RETIRED) {
      out.reads.push_back(s.read_value);
    } else if (s.event == DBGREF_EVENT_TO_EL2 && k + 1 < steps.size() &&
               steps[k + 1].step == DBGREF_STEP_EXIT &&
               steps[k + 1].exit_reason == 0 && !steps[k + 1].undef) {
      out.reads.push_back(steps[k + 1].read_value);  // emulated
    }
  }
  const dbgref_obs& last = steps.back();
  out.ret = last.ret;
  out.exit_reason = last.exit_reason;
  out.hsr = last.hsr;
  out.pc = last.exit_pc;
  out.far = last.exit_far;
  if (last.exit_reason == KVM_EXIT_MMIO &&
      last.mmio_addr == DBGREF_MMIO_EXCEPTION) {
    out.exception =
        GuestException{last.ctx_esr_el1, last.ctx_elr_el1, last.ctx_far_el1};
  }
  return out;
}

std::vector<OpOutcome> OutcomesOf(const Trace& trace, const Observations& obs) {
  std::vector<OpOutcome> out;
  for (size_t i = 0; i < obs.size() && i < trace.ops.size(); ++i) {
    out.push_back(OutcomeOf(trace.program, trace.ops[i], obs[i]));
  }
  return out;
}

}  // namespace dbgref::trace
