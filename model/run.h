// One iteration of KVM_RUN (arch/arm/kvm/arm.c, kvm_arch_vcpu_ioctl_run):
// setup_debug, world switch in, one guest action, world switch out,
// clear_debug, handle_exit, in this order.
#ifndef DBGREF_MODEL_RUN_H_
#define DBGREF_MODEL_RUN_H_

#include <utility>

#include "model/arch.h"
#include "model/clear_debug.h"
#include "model/domain.h"
#include "model/guest.h"
#include "model/handle_exit.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/world_switch.h"

namespace dbgref::model {

// The transient CPU state of one iteration, for requirement predicates.
template <class D>
struct RunTrace {
  Cpu<D> entry_cpu;  // as the guest starts to run
  Cpu<D> exit_cpu;   // after the guest's action, at the world switch out
};

template <class D>
struct RunResult {
  VcpuState<D> state;
  Obs<D> obs;
  RunTrace<D> trace;
};

// MDSCR_EL1 as it governs the guest while it runs. With MDCR_EL2.TDE set
// the debug target is EL2, and MDSCR_EL1.KDE, which enables debug
// exceptions taken to the target level from that level itself, has no
// effect on exceptions from the guest at EL1 or EL0 (Arm ARM, D2 "The debug
// exception enable controls"); the observation leaves it out then.
template <class D>
WordOf<D> ObservedMdscr(const Cpu<D>& cpu) {
  const BoolOf<D> tde = AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDE);
  return D::ite(tde, D::band(cpu.regs.mdscr_el1, D::lit(~DBGREF_MDSCR_KDE)),
                cpu.regs.mdscr_el1);
}

// One KVM_RUN iteration on a state s that the caller owns, in the kernel's
// order: setup_debug, world switch in, the guest's action, world switch
// out, clear_debug, handle_exit. Fills the observation o and the CPU trace
// (both built by the caller) and advances s.
template <class D>
void ApplyRunIteration(const Host<D>& host, VcpuState<D>& s,
                       const Action<D>& action, Obs<D>& o, RunTrace<D>& trace) {
  ApplySetupDebug<D>(s);
  trace.entry_cpu = ApplyWorldSwitchIn<D>(host, s);
  trace.exit_cpu = trace.entry_cpu;
  const GuestEvent<D> event = ApplyGuestAct<D>(s.ghost, trace.exit_cpu, action);
  ApplyWorldSwitchOut<D>(s, trace.exit_cpu);
  ApplyClearDebug<D>(s);
  const ExitInfo<D> x = ApplyHandleExit<D>(s, action, event);
  const Cpu<D>& entry = trace.entry_cpu;
  o.op_kind = D::lit(DBGREF_OP_RUN);
  o.ret = D::lit(0);
  o.entry_mdcr_el2 =
      D::band(entry.mdcr_el2, D::lit(DBGREF_MDCR_DEBUG_TRAP_BITS));
  o.entry_hw = ImplementedOnly<D>(host, entry.regs.regs);
  o.entry_mdscr_el1 = ObservedMdscr<D>(entry);
  o.entry_pstate_ss = entry.regs.pstate_ss;
  o.trapped = event.trapped;
  o.undef = x.undef;
  o.read_value = x.read_value;
  o.exit_reason = x.exit_reason;
  o.hsr = x.hsr;
  o.pc = x.pc;
  o.far = x.far;
  o.ctx_mdscr_el1 = s.ctx.mdscr_el1;
  o.ctx_pstate_ss = s.ctx.pstate_ss;
}

// The pure form: the iteration on a copy of pre.
template <class D>
RunResult<D> RunIteration(const Host<D>& host, const VcpuState<D>& pre,
                          const Action<D>& action) {
  RunResult<D> r{pre, ZeroObs<D>(D::lit(DBGREF_OP_RUN), D::lit(0)),
                 RunTrace<D>{ZeroCpu<D>(), ZeroCpu<D>()}};
  ApplyRunIteration<D>(host, r.state, action, r.obs, r.trace);
  return r;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RUN_H_
