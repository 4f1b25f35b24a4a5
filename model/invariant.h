// The state invariant: what holds of every vCPU state reachable from reset,
// between transitions (spec/state.md, "Invariant"). It is inductive (Reset
// satisfies it; every transition preserves it, for every host, program and
// input), and together with one transition it implies every requirement of
// model/requirements.h, so each requirement is provable by one step of
// induction. Each clause is named after what it says; spec/state.md says
// which requirement needs it.
#ifndef DBGREF_MODEL_INVARIANT_H_
#define DBGREF_MODEL_INVARIANT_H_

#include <cstddef>
#include <cstdint>

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/execute.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/requirements.h"
#include "model/run.h"
#include "model/state.h"
#include "model/uapi.h"

namespace dbgref::model {

// The control word is 0 or was accepted by KVM_SET_GUEST_DEBUG: ENABLE and
// only valid bits.
template <class D>
BoolOf<D> ControlWellFormed(const VcpuState<D>& s) {
  const BoolOf<D> accepted = D::and_(
      AnyBits<D>(s.control, KVM_GUESTDBG_ENABLE),
      D::not_(AnyBits<D>(s.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK})));
  return D::or_(D::eq(s.control, D::lit(0)), accepted);
}

// The phase is one of the four; the CPU has exited exactly in kPhaseExited;
// an instruction waits to be completed only outside the guest; the guest
// steps of a KVM_RUN are within the bound, and the count of completed
// instructions saturates at 2.
template <class D>
BoolOf<D> PhaseWellFormed(const VcpuState<D>& s) {
  const BoolOf<D> in_cpu =
      D::or_(InPhase<D>(s, kPhaseGuest), InPhase<D>(s, kPhaseExited));
  return And3<D>(
      D::ule(s.phase, D::lit(kPhaseReenter)),
      D::and_(Implies<D>(InPhase<D>(s, kPhaseGuest), D::not_(s.cpu.exited)),
              Implies<D>(InPhase<D>(s, kPhaseExited), s.cpu.exited)),
      And3<D>(Implies<D>(in_cpu, D::not_(s.increment_pc)),
              D::ule(s.steps, D::lit(kMaxGuestSteps)),
              D::ule(s.ghost.completed, D::lit(2))));
}

// Outside the guest (in userspace, or between two iterations of a KVM_RUN)
// the guest context is exactly the guest's own view, with nothing of the
// host's debugger left in it.
template <class D>
BoolOf<D> ContextIsGuestView(const VcpuState<D>& s) {
  const BoolOf<D> out =
      D::or_(InPhase<D>(s, kPhaseUser), InPhase<D>(s, kPhaseReenter));
  return Implies<D>(out, req_internal::ContextIsOwn<D>(s.ctx, s.ghost));
}

// Once exited (not on the interrupt at the bound), the exit is the
// software step exception exactly when a step is pending: the step has
// priority over every instruction ([arm:step-pending]), and no exception to
// EL2 changes PSTATE.SS.
template <class D>
BoolOf<D> ExitedPendingIsStep(const VcpuState<D>& s) {
  const BoolOf<D> pending =
      D::and_(SingleStepOn<D>(s), D::not_(PstateSs<D>(s.cpu.pstate)));
  return Implies<D>(
      D::and_(InPhase<D>(s, kPhaseExited), D::not_(Interrupted<D>(s.cpu))),
      BoolEq<D>(HasClass<D>(s.cpu.esr_el2, DBGREF_EC_SOFTSTP_LOW), pending));
}

// Once exited, the exception is one the CPU takes to EL2
// (model/arch/execute.h): a debug exception, a trapped MRS or MSR, an MMIO
// abort, or the interrupt at the bound.
template <class D>
BoolOf<D> ExitedForKnownClass(const VcpuState<D>& s) {
  const WordOf<D>& esr = s.cpu.esr_el2;
  const BoolOf<D> known = D::or_(
      D::or_(IsDebugClassToEl2<D>(esr), HasClass<D>(esr, DBGREF_EC_SYS64)),
      D::or_(HasClass<D>(esr, DBGREF_EC_DABT_LOW), Interrupted<D>(s.cpu)));
  return Implies<D>(InPhase<D>(s, kPhaseExited), known);
}

// Between two iterations of a KVM_RUN that single-steps, no step is pending
// and no instruction has completed: either would have ended in a step exit
// to userspace instead.
template <class D>
BoolOf<D> ReenterNotStepped(const VcpuState<D>& s) {
  const BoolOf<D> completed = Ne<D>(s.ghost.completed, D::lit(0));
  return Implies<D>(
      D::and_(InPhase<D>(s, kPhaseReenter), SingleStepOn<D>(s)),
      D::and_(D::not_(s.pending_step), D::not_(completed)));
}

// The clauses that hold while the CPU holds the guest (kPhaseGuest or
// kPhaseExited), each with its name.
template <class D>
struct GuestOnCpuClauses {
  // The traps setup_debug chose are the CPU's: TDE exactly with guest
  // debug; TDOSA always (the guest never reaches the hardware OS lock,
  // which stays open); TDA with USE_HW or the OS lock, or while DIRTY is
  // clear.
  BoolOf<D> traps;
  // The hardware registers: userspace's with USE_HW (loaded, DIRTY); the
  // guest's own when DIRTY without USE_HW; the guest's own registers stay
  // in the context whenever the hardware does not hold them.
  BoolOf<D> hardware_userspace;
  BoolOf<D> hardware_own_loaded;
  BoolOf<D> hardware_own_saved;
  // MDSCR_EL1: the guest's own when not lent; lent, the preserved copy is
  // the guest's own and the CPU's is the lent value: MDE with USE_HW, MDE
  // masked by the OS lock, SS exactly with SINGLESTEP.
  BoolOf<D> mdscr;
  // MDCCINT_EL1 and the OS lock are the guest's own.
  BoolOf<D> others;
  // What the guest reaches directly is its own.
  BoolOf<D> direct;
  // Single-step: PSTATE.SS as preserved is the guest's own whenever KVM
  // lends MDSCR_EL1; with SINGLESTEP, once an instruction completed the
  // step is pending (PSTATE.SS clear) at the PC after it, the step is
  // pending only after a completion or when the run began with it pending,
  // and at most one instruction completes.
  BoolOf<D> step;
};

template <class D>
GuestOnCpuClauses<D> GuestOnCpu(const VcpuState<D>& s) {
  const Cpu<D>& cpu = s.cpu;
  const Ghost<D>& g = s.ghost;
  const BoolOf<D> active = DebugActive<D>(s);
  const BoolOf<D> single = SingleStepOn<D>(s);
  const BoolOf<D> use_hw = UseHwOn<D>(s);
  const BoolOf<D> locked = s.ctx.os_locked;
  const BoolOf<D> lend = D::or_(active, locked);
  const BoolOf<D> tda = TdaInEffect<D>(cpu.mdcr_el2);
  const WordOf<D> ss_mde = D::lit(DBGREF_MDSCR_SS | DBGREF_MDSCR_MDE);
  const BoolOf<D> ss = PstateSs<D>(cpu.pstate);
  const BoolOf<D> completed = Ne<D>(g.completed, D::lit(0));
  return GuestOnCpuClauses<D>{
      And3<D>(BoolEq<D>(AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDE), active),
              D::and_(AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDOSA),
                      D::not_(cpu.os_locked)),
              D::and_(Implies<D>(D::or_(use_hw, locked),
                                 AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDA)),
                      Implies<D>(D::not_(s.dirty),
                                 AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDA)))),
      Implies<D>(use_hw, D::and_(s.dirty, RegsEq<D>(cpu.dbg, s.external))),
      Implies<D>(D::and_(s.dirty, D::not_(use_hw)), RegsEq<D>(cpu.dbg, g.dbg)),
      Implies<D>(D::or_(D::not_(s.dirty), use_hw),
                 RegsEq<D>(s.ctx.dbg, g.dbg)),
      And3<D>(
          Implies<D>(D::not_(lend), D::eq(cpu.mdscr_el1, g.mdscr_el1)),
          Implies<D>(lend,
                     D::and_(D::eq(s.preserved.mdscr_el1, g.mdscr_el1),
                             D::eq(D::band(cpu.mdscr_el1, D::bnot(ss_mde)),
                                   D::band(g.mdscr_el1, D::bnot(ss_mde))))),
          And3<D>(Implies<D>(use_hw,
                             AnyBits<D>(cpu.mdscr_el1, DBGREF_MDSCR_MDE)),
                  Implies<D>(D::and_(locked, D::not_(use_hw)),
                             D::not_(AnyBits<D>(cpu.mdscr_el1,
                                                DBGREF_MDSCR_MDE))),
                  Implies<D>(lend, BoolEq<D>(AnyBits<D>(cpu.mdscr_el1,
                                                        DBGREF_MDSCR_SS),
                                             single)))),
      D::and_(D::eq(cpu.mdccint_el1, g.mdccint_el1),
              BoolEq<D>(locked, g.os_locked)),
      Implies<D>(D::not_(tda), And3<D>(D::not_(lend), s.dirty,
                                       RegsEq<D>(cpu.dbg, g.dbg))),
      D::and_(
          Implies<D>(lend, BoolEq<D>(s.preserved.pstate_ss, g.pstate_ss)),
          And3<D>(
              Implies<D>(D::and_(single, completed),
                         D::and_(D::eq(cpu.pc, g.next_pc), D::not_(ss))),
              Implies<D>(D::and_(single, D::not_(ss)),
                         D::or_(completed, g.began_pending)),
              Implies<D>(single, D::ule(g.completed, D::lit(1)))))};
}

// The invariant as named clauses, each implied by the phase where it
// applies: spec/state.md lists them.
#define DBGREF_INVARIANT_CLAUSES(X) \
  X(control_well_formed)            \
  X(phase_well_formed)              \
  X(context_is_guest_view)          \
  X(guest_traps)                    \
  X(guest_hardware_userspace)       \
  X(guest_hardware_own_loaded)      \
  X(guest_hardware_own_saved)       \
  X(guest_mdscr)                    \
  X(guest_others)                   \
  X(guest_direct)                   \
  X(guest_step)                     \
  X(exited_pending_is_step)         \
  X(exited_for_known_class)         \
  X(reenter_not_stepped)

template <class D>
struct InvariantClauses {
#define DBGREF_INVARIANT_FIELD(name) BoolOf<D> name;
  DBGREF_INVARIANT_CLAUSES(DBGREF_INVARIANT_FIELD)
#undef DBGREF_INVARIANT_FIELD
};

inline constexpr const char* kInvariantClauseNames[] = {
#define DBGREF_INVARIANT_NAME(name) #name,
    DBGREF_INVARIANT_CLAUSES(DBGREF_INVARIANT_NAME)
#undef DBGREF_INVARIANT_NAME
};

inline constexpr std::size_t kInvariantClauseCount =
    sizeof(kInvariantClauseNames) / sizeof(kInvariantClauseNames[0]);

// Clause k of c, in the order of DBGREF_INVARIANT_CLAUSES.
template <class D>
const BoolOf<D>& InvariantClauseAt(const InvariantClauses<D>& c,
                                   std::size_t k) {
  const BoolOf<D>* clauses[] = {
#define DBGREF_INVARIANT_ADDRESS(name) &c.name,
      DBGREF_INVARIANT_CLAUSES(DBGREF_INVARIANT_ADDRESS)
#undef DBGREF_INVARIANT_ADDRESS
  };
  return *clauses[k];
}

template <class D>
InvariantClauses<D> InvariantOf(const VcpuState<D>& s) {
  const BoolOf<D> in_cpu =
      D::or_(InPhase<D>(s, kPhaseGuest), InPhase<D>(s, kPhaseExited));
  const GuestOnCpuClauses<D> g = GuestOnCpu<D>(s);
  return InvariantClauses<D>{ControlWellFormed<D>(s),
                             PhaseWellFormed<D>(s),
                             ContextIsGuestView<D>(s),
                             Implies<D>(in_cpu, g.traps),
                             Implies<D>(in_cpu, g.hardware_userspace),
                             Implies<D>(in_cpu, g.hardware_own_loaded),
                             Implies<D>(in_cpu, g.hardware_own_saved),
                             Implies<D>(in_cpu, g.mdscr),
                             Implies<D>(in_cpu, g.others),
                             Implies<D>(in_cpu, g.direct),
                             Implies<D>(in_cpu, g.step),
                             ExitedPendingIsStep<D>(s),
                             ExitedForKnownClass<D>(s),
                             ReenterNotStepped<D>(s)};
}

template <class D>
BoolOf<D> Invariant(const VcpuState<D>& s) {
  const InvariantClauses<D> c = InvariantOf<D>(s);
  BoolOf<D> all = D::lit_bool(true);
#define DBGREF_INVARIANT_CONJUNCT(name) all = D::and_(all, c.name);
  DBGREF_INVARIANT_CLAUSES(DBGREF_INVARIANT_CONJUNCT)
#undef DBGREF_INVARIANT_CONJUNCT
  return all;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_INVARIANT_H_
