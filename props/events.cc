// Reading the events of a sequence.
#include "props/events.h"

#include <cstdint>

#include "model/arch/registers.h"
#include "model/state.h"
#include "model/uapi.h"
#include "props/model_vcpu.h"

namespace dbgref::props {
namespace {

uint64_t Ec(uint64_t esr) {
  return (esr >> DBGREF_ESR_EC_SHIFT) & DBGREF_ESR_EC_MASK;
}

}  // namespace

std::vector<std::string> SequenceEvents::Tags() const {
  std::vector<std::string> tags;
  if (user_breakpoint) tags.push_back("user_breakpoint");
  if (user_watchpoint) tags.push_back("user_watchpoint");
  if (step_exit) tags.push_back("step_exit");
  if (brk_exit) tags.push_back("brk_exit");
  if (guest_event_exit) tags.push_back("guest_event_exit");
  if (guest_debug_exception) tags.push_back("guest_debug_exception");
  if (guest_brk) tags.push_back("guest_brk");
  if (undef) tags.push_back("undef");
  if (emulated_access) tags.push_back("emulated_access");
  if (os_locked) tags.push_back("os_locked");
  if (Nothing()) tags.push_back("nothing");
  return tags;
}

SequenceEvents EventsOf(const trace::Trace& t) {
  SequenceEvents e;
  ModelVcpu vcpu(t.host, t.program);
  for (const dbgref_op& op : t.ops) {
    const bool use_hw =
        model::UseHwOn<model::ConcreteDomain>(vcpu.state());
    for (const dbgref_obs& o : vcpu.Step(op)) {
      if (o.step == DBGREF_STEP_GUEST &&
          o.event == DBGREF_EVENT_EXCEPTION_EL1) {
        switch (Ec(o.esr)) {
          case DBGREF_EC_BREAKPT_CUR:
          case DBGREF_EC_WATCHPT_CUR:
          case DBGREF_EC_SOFTSTP_CUR:
            e.guest_debug_exception = true;
            break;
          case DBGREF_EC_BRK64:
            e.guest_brk = true;
            break;
          case DBGREF_EC_UNKNOWN:
            e.undef = true;
            break;
          default:
            break;
        }
      }
      if (o.step == DBGREF_STEP_GUEST && o.event == DBGREF_EVENT_TO_EL2 &&
          Ec(o.esr) == DBGREF_EC_SYS64) {
        e.emulated_access = true;
      }
      if (o.step == DBGREF_STEP_EXIT) {
        e.undef |= o.undef != 0;
        e.os_locked |= o.ctx_oslk != 0;
        if (o.exit_reason == KVM_EXIT_DEBUG) {
          switch (Ec(o.hsr)) {
            case DBGREF_EC_BREAKPT_LOW:
              (use_hw ? e.user_breakpoint : e.guest_event_exit) = true;
              break;
            case DBGREF_EC_WATCHPT_LOW:
              (use_hw ? e.user_watchpoint : e.guest_event_exit) = true;
              break;
            case DBGREF_EC_SOFTSTP_LOW:
              e.step_exit = true;
              break;
            case DBGREF_EC_BRK64:
              e.brk_exit = true;
              break;
            default:
              break;
          }
        }
      }
    }
  }
  return e;
}

}  // namespace dbgref::props
