// One iteration of KVM_RUN (arch/arm/kvm/arm.c, kvm_arch_vcpu_ioctl_run):
// setup_debug, world switch in, one guest action, world switch out,
// clear_debug, handle_exit, in this order.
#ifndef DBGREF_MODEL_RUN_H_
#define DBGREF_MODEL_RUN_H_

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/execute.h"
#include "model/arch/id_regs.h"
#include "model/arch/registers.h"
#include "model/clear_debug.h"
#include "model/domain.h"
#include "model/handle_exit.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/world_switch.h"

namespace dbgref::model {

// The CPU at the two moments of an iteration that requirement predicates
// look at.
template <class D>
struct CpuSnapshots {
  Cpu<D> entry_cpu;  // as the guest starts to run
  Cpu<D> exit_cpu;   // after the guest's action, at the world switch out
};

template <class D>
CpuSnapshots<D> ZeroSnapshots() {
  return CpuSnapshots<D>{ZeroCpu<D>(), ZeroCpu<D>()};
}

template <class D>
CpuSnapshots<D> Select(const BoolOf<D>& c, const CpuSnapshots<D>& a,
                       const CpuSnapshots<D>& b) {
  return CpuSnapshots<D>{Select<D>(c, a.entry_cpu, b.entry_cpu),
                         Select<D>(c, a.exit_cpu, b.exit_cpu)};
}

// The entry_* fields of the observation: the CPU as the guest starts to
// run, as far as a revision may be compared (the trap bits of MDCR_EL2, the
// implemented debug registers, MDSCR_EL1 as it governs the guest).
template <class D>
void ObserveEntry(const WordOf<D>& id_aa64dfr0_el1, const Cpu<D>& entry,
                  Obs<D>& o) {
  o.entry_mdcr_el2 =
      D::band(entry.mdcr_el2, D::lit(DBGREF_MDCR_DEBUG_TRAP_BITS));
  o.entry_hw = ImplementedOnly<D>(id_aa64dfr0_el1, entry.regs.regs);
  o.entry_mdscr_el1 = ObservedMdscr<D>(entry);
  o.entry_pstate_ss = entry.regs.pstate_ss;
}

// The guest's intended view (ghost state) records every write it makes,
// whatever KVM does with it.
template <class D>
void RecordGuestIntent(DebugContext<D>& ghost, const Action<D>& a) {
  WriteRegIf<D>(ghost, IsWrite<D>(a), a.reg_kind, a.index, a.value);
}

// One KVM_RUN iteration on a state s that the caller owns, in the kernel's
// order: setup_debug, world switch in, the guest's action, world switch
// out, clear_debug, handle_exit. Fills the observation o and the CPU
// snapshots (both the caller's) and advances s.
template <class D>
void RunIteration(const Host<D>& host, VcpuState<D>& s, const Action<D>& action,
                  Obs<D>& o, CpuSnapshots<D>& cpu) {
  SetupDebug<D>(s);
  cpu.entry_cpu = WorldSwitchIn<D>(host, s);
  cpu.exit_cpu = cpu.entry_cpu;
  const GuestEvent<D> event = ExecuteGuestAction<D>(cpu.exit_cpu, action);
  RecordGuestIntent<D>(s.ghost, action);
  WorldSwitchOut<D>(s, cpu.exit_cpu);
  ClearDebug<D>(s);
  const ExitInfo<D> x = HandleExit<D>(s, action, event);
  o.op_kind = D::lit(DBGREF_OP_RUN);
  o.ret = D::lit(0);
  ObserveEntry<D>(host.id_aa64dfr0_el1, cpu.entry_cpu, o);
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

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RUN_H_
