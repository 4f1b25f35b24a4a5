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

template <class D>
RunResult<D> RunIteration(const Host<D>& host, VcpuState<D> s,
                          const Action<D>& action) {
  s = SetupDebug<D>(std::move(s));
  Entered<D> in = WorldSwitchIn<D>(host, std::move(s));
  const Cpu<D> entry_cpu = in.cpu;
  AfterGuest<D> g = GuestAct<D>(std::move(in.state), std::move(in.cpu), action);
  s = WorldSwitchOut<D>(host, std::move(g.state), g.cpu);
  s = ClearDebug<D>(std::move(s));
  Handled<D> h = HandleExit<D>(std::move(s), action, g.event);
  const ExitInfo<D>& x = h.exit;
  Obs<D> obs{D::lit(DBGREF_OP_RUN),
             D::lit(0),
             D::band(entry_cpu.mdcr_el2, D::lit(DBGREF_MDCR_DEBUG_TRAP_BITS)),
             entry_cpu.regs.regs,
             entry_cpu.regs.mdscr_el1,
             entry_cpu.regs.pstate_ss,
             g.event.trapped,
             x.undef,
             x.read_value,
             x.exit_reason,
             x.hsr,
             x.pc,
             x.far,
             h.state.ctx.mdscr_el1,
             h.state.ctx.pstate_ss};
  return RunResult<D>{std::move(h.state), std::move(obs),
                      RunTrace<D>{entry_cpu, std::move(g.cpu)}};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RUN_H_
