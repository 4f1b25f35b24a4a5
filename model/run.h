// KVM_RUN (arch/arm/kvm/arm.c, kvm_arch_vcpu_ioctl_run), as the steps the
// model takes one at a time (spec/operations.md, "KVM_RUN"): an iteration
// of the kernel's loop is ENTER (setup_debug, the world switch in), then
// GUEST steps (the CPU runs the guest one instruction at a time) until the
// guest exits to EL2, then EXIT (the world switch out, clear_debug,
// handle_exit), after which the loop enters again or KVM_RUN returns. Each
// step is one transition, so that every proof is about one small step.
//
// The bound: a KVM_RUN runs at most kMaxGuestSteps guest steps; at the bound
// the CPU leaves the guest on a host interrupt and, a signal being pending,
// KVM_RUN returns -EINTR with KVM_EXIT_INTR, as a real one does when the
// VMM's timer fires. No valid program reaches it (spec/execution.md).
#ifndef DBGREF_MODEL_RUN_H_
#define DBGREF_MODEL_RUN_H_

#include <cstdint>

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/execute.h"
#include "model/arch/id_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/clear_debug.h"
#include "model/domain.h"
#include "model/handle_exit.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/record.h"
#include "model/record_ops.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/world_switch.h"

namespace dbgref::model {

inline constexpr uint64_t kMaxGuestSteps = DBGREF_MAX_GUEST_STEPS;

// The syndrome the model's CPU leaves for an exit on a host interrupt.
inline constexpr uint64_t kInterruptSyndrome = uint64_t{DBGREF_EC_IRQ}
                                               << DBGREF_ESR_EC_SHIFT;

template <class D>
BoolOf<D> Interrupted(const Cpu<D>& cpu) {
  return HasClass<D>(cpu.esr_el2, DBGREF_EC_IRQ);
}

// n + 1, saturating at 2.
template <class D>
WordOf<D> CountUp(const WordOf<D>& n, const BoolOf<D>& c) {
  return D::ite(D::and_(c, D::ult(n, D::lit(2))), D::add(n, D::lit(1)), n);
}

// The entry_* fields of the observation: the CPU as the guest starts to
// run, as far as a revision may be compared (the trap bits of MDCR_EL2, the
// implemented debug registers, MDSCR_EL1 as it governs the guest, PSTATE.SS
// and D, the PC).
template <class D>
void ObserveEntry(const WordOf<D>& id_aa64dfr0_el1, const Cpu<D>& entry,
                  Obs<D>& o) {
  o.entry_mdcr_el2 =
      D::band(entry.mdcr_el2, D::lit(DBGREF_MDCR_DEBUG_TRAP_BITS));
  o.entry_hw = entry.dbg;
  KeepImplementedOnly<D>(id_aa64dfr0_el1, o.entry_hw);
  o.entry_mdscr_el1 = ObservedMdscr<D>(entry);
  o.entry_pstate =
      D::band(entry.pstate, D::lit(DBGREF_SPSR_SS | DBGREF_PSTATE_D));
  o.entry_pc = entry.pc;
}

// The fields of a GUEST step's observation: what the instruction did, or
// the interrupt at the bound.
template <class D>
void ObserveGuestStep(const GuestStepEvent<D>& e, const BoolOf<D>& at_bound,
                      Obs<D>& o) {
  o.step = D::lit(DBGREF_STEP_GUEST);
  o.op_kind = D::lit(DBGREF_OP_RUN);
  o.pc = e.pc;
  o.event = D::ite(at_bound, D::lit(DBGREF_EVENT_TO_EL2), e.event);
  o.esr = D::ite(at_bound, D::lit(kInterruptSyndrome), e.esr);
  o.far = D::ite(at_bound, D::lit(0), e.far);
  o.read_value = D::ite(at_bound, D::lit(0), e.read_value);
}

// ENTER, from userspace (a KVM_RUN begins) or after a handled exit.
template <class D>
void Enter(const Host<D>& host, VcpuState<D>& s, Obs<D>& o) {
  const BoolOf<D> begins = InPhase<D>(s, kPhaseUser);
  s.steps = D::ite(begins, D::lit(0), s.steps);
  s.ghost.completed = D::ite(begins, D::lit(0), s.ghost.completed);
  s.ghost.began_pending =
      D::ite(begins, D::and_(SingleStepOn<D>(s), s.pending_step),
             s.ghost.began_pending);
  SetupDebug<D>(s);
  const BoolOf<D> completes = s.increment_pc;
  WorldSwitchIn<D>(host, s);
  s.ghost.completed = CountUp<D>(s.ghost.completed, completes);
  s.ghost.next_pc = D::ite(completes, s.cpu.pc, s.ghost.next_pc);
  s.phase = D::lit(kPhaseGuest);
  o.step = D::lit(DBGREF_STEP_ENTER);
  o.op_kind = D::lit(DBGREF_OP_RUN);
  ObserveEntry<D>(host.id_aa64dfr0_el1, s.cpu, o);
}

// The guest's intent: an MSR the guest executed writes its register,
// whatever KVM does with it (an MSR that trapped counts when its exit is
// handled: model/run.h, Exit).
template <class D>
void RecordWrite(Ghost<D>& ghost, const BoolOf<D>& write, const Insn<D>& i) {
  const BoolOf<D> msr = D::and_(write, IsInsn<D>(i, DBGREF_INSN_MSR));
  WriteRegIf<D>(ghost, msr, i.reg, i.reg_index, i.value);
  ghost.os_locked =
      D::ite(D::and_(msr, IsKind<D>(i.reg, DBGREF_REG_OSLAR)),
             AnyBits<D>(i.value, DBGREF_OSLAR_OSLK), ghost.os_locked);
}

// The ghost after a GUEST step: a direct MSR, and what completed.
template <class D>
void RecordGuestIntent(Ghost<D>& ghost, const GuestStepEvent<D>& e,
                       const WordOf<D>& pc_after) {
  RecordWrite<D>(ghost, e.direct_write, e.insn);
  ghost.completed = CountUp<D>(ghost.completed, e.completed);
  ghost.next_pc = D::ite(e.completed, pc_after, ghost.next_pc);
}

// GUEST: one step of the CPU, or the interrupt at the bound.
template <class D, std::size_t N>
void Guest(const Host<D>& host, const Program<D, N>& program, VcpuState<D>& s,
           Obs<D>& o) {
  const BoolOf<D> at_bound = D::eq(s.steps, D::lit(kMaxGuestSteps));
  // The step, and the PC after it; at the bound the CPU is left as it was
  // and then leaves the guest on the interrupt.
  WordOf<D> pc_after = s.cpu.pc;
  const GuestStepEvent<D> e =
      UpdateUnlessGiving<D>(kWalkCpu, at_bound, s.cpu, [&](Cpu<D>& cpu) {
        GuestStepEvent<D> step =
            GuestStep<D>(host.id_aa64dfr0_el1, program, cpu);
        pc_after = cpu.pc;
        return step;
      });
  s.cpu.exited = D::ite(at_bound, D::lit_bool(true), s.cpu.exited);
  s.cpu.esr_el2 = D::ite(at_bound, D::lit(kInterruptSyndrome), s.cpu.esr_el2);
  UpdateUnless<D>(kWalkGhost, at_bound, s.ghost, [&](Ghost<D>& ghost) {
    RecordGuestIntent<D>(ghost, e, pc_after);
  });
  s.steps = D::ite(at_bound, s.steps, D::add(s.steps, D::lit(1)));
  s.phase = D::ite(s.cpu.exited, D::lit(kPhaseExited), D::lit(kPhaseGuest));
  ObserveGuestStep<D>(e, at_bound, o);
}

// EXIT: the world switch out, clear_debug and handle_exit.
template <class D>
void Exit(VcpuState<D>& s, Obs<D>& o) {
  // Nothing below writes s.cpu until it is cleared, after the last use.
  const Cpu<D>& cpu = s.cpu;
  const BoolOf<D> lent = D::or_(DebugActive<D>(s), s.ctx.os_locked);
  const BoolOf<D> interrupted = Interrupted<D>(cpu);
  RecordWrite<D>(
      s.ghost,
      D::and_(D::not_(interrupted), HasClass<D>(cpu.esr_el2, DBGREF_EC_SYS64)),
      cpu.trapped);
  WorldSwitchOut<D>(s, cpu);
  ClearDebug<D>(s, D::ite(interrupted, D::lit(0), cpu.esr_el2));
  const ExitInfo<D> x = HandleExit<D>(s, cpu, interrupted);
  // The guest's own PSTATE.SS follows the CPU, but not while KVM lends its
  // MDSCR_EL1 (the guest's stepping is suspended then, and clear_debug gives
  // back what setup_debug preserved); an UNDEF KVM injects clears it, as
  // any exception entry does ([arm:exception-entry]).
  s.ghost.pstate_ss =
      D::and_(D::not_(x.undef),
              D::ite(lent, s.ghost.pstate_ss, PstateSs<D>(s.ctx.pstate)));
  s.cpu = ZeroCpu<D>();
  o.step = D::lit(DBGREF_STEP_EXIT);
  o.op_kind = D::lit(DBGREF_OP_RUN);
  o.ret = x.ret;
  o.exit_reason = x.exit_reason;
  o.hsr = x.hsr;
  o.exit_far = x.far;
  o.mmio_addr = x.mmio_addr;
  o.undef = x.undef;
  o.read_value = x.read_value;
  o.exit_pc = s.ctx.pc;
  o.ctx_mdscr_el1 = s.ctx.mdscr_el1;
  o.ctx_pstate_ss = PstateSs<D>(s.ctx.pstate);
  o.ctx_oslk = s.ctx.os_locked;
  o.ctx_esr_el1 = s.ctx.esr_el1;
  o.ctx_elr_el1 = s.ctx.elr_el1;
  o.ctx_far_el1 = s.ctx.far_el1;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RUN_H_
