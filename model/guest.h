// The guest's one action per KVM_RUN iteration, as the CPU executes it
// (Arm ARM, D2 "AArch64 self-hosted debug" and the MDCR_EL2 description):
//  - an MRS/MSR of a debug register, MDSCR_EL1 or MDCCINT_EL1 traps to EL2
//    iff MDCR_EL2.TDA is in effect: set, or treated as set because
//    MDCR_EL2.TDE is set (Arm ARM, MDCR_EL2.TDA: "treated as being 1 for all
//    purposes other than a direct read" when TDE is 1); otherwise it reads
//    or writes the CPU register;
//  - a debug exception (breakpoint, software step, watchpoint, BKPT, BRK)
//    from EL1/EL0 is taken to EL2 iff MDCR_EL2.TDE is set; otherwise the
//    guest takes it itself;
//  - any other exception is an exit to EL2.
// The guest's intended view (ghost state) records every write it makes.
#ifndef DBGREF_MODEL_GUEST_H_
#define DBGREF_MODEL_GUEST_H_

#include "model/arch.h"
#include "model/debug_regs.h"
#include "model/domain.h"
#include "model/op.h"
#include "model/state.h"

namespace dbgref::model {

// What the guest's action did on the CPU.
template <class D>
struct GuestEvent {
  BoolOf<D> trapped;       // an access trapped to EL2 (EC SYS64)
  BoolOf<D> debug_exit;    // a debug exception was taken to EL2
  BoolOf<D> direct_read;   // an access read the CPU register itself
  WordOf<D> direct_value;  // ... and the value it received
};

template <class D>
struct AfterGuest {
  VcpuState<D> state;  // only the ghost state changes
  Cpu<D> cpu;
  GuestEvent<D> event;
};

template <class D>
WordOf<D> ExceptionClass(const WordOf<D>& esr) {
  return Field<D>(esr, DBGREF_ESR_EC_SHIFT, DBGREF_ESR_EC_MASK);
}

// The exception classes of debug exceptions from a lower exception level
// (REQ-EXIT).
template <class D>
BoolOf<D> IsDebugClass(const WordOf<D>& ec) {
  auto is = [&](uint64_t c) { return D::eq(ec, D::lit(c)); };
  BoolOf<D> debug =
      D::or_(is(DBGREF_EC_SOFTSTP_LOW), is(DBGREF_EC_BREAKPT_LOW));
  debug = D::or_(debug, is(DBGREF_EC_WATCHPT_LOW));
  return D::or_(debug, D::or_(is(DBGREF_EC_BKPT32), is(DBGREF_EC_BRK64)));
}

// Performs action a on cpu and records the guest's intention in ghost, both
// owned by the caller; returns what happened.
template <class D>
GuestEvent<D> ApplyGuestAct(DebugContext<D>& ghost, Cpu<D>& cpu,
                            const Action<D>& a) {
  const BoolOf<D> tde = AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDE);
  // The effective TDA: TDE=1 makes the CPU treat TDA as 1.
  const BoolOf<D> tda = D::or_(AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDA), tde);
  const BoolOf<D> access = IsAccess<D>(a);
  const BoolOf<D> trapped = D::and_(access, tda);
  const BoolOf<D> direct = D::and_(access, D::not_(tda));
  const BoolOf<D> direct_read = D::and_(direct, D::not_(a.is_write));
  const WordOf<D> direct_value =
      D::ite(direct_read, ReadReg<D>(cpu.regs, a.reg_kind, a.index), D::lit(0));
  WriteRegIf<D>(cpu.regs, D::and_(direct, a.is_write), a.reg_kind, a.index,
                a.value);
  // Ghost: whatever KVM does, the guest meant to write this value.
  WriteRegIf<D>(ghost, IsWrite<D>(a), a.reg_kind, a.index, a.value);
  const BoolOf<D> debug_exit = And3<D>(
      IsException<D>(a), IsDebugClass<D>(ExceptionClass<D>(a.esr)), tde);
  return GuestEvent<D>{trapped, debug_exit, direct_read, direct_value};
}

template <class D>
AfterGuest<D> GuestAct(const VcpuState<D>& pre, const Cpu<D>& cpu_in,
                       const Action<D>& a) {
  VcpuState<D> s = pre;
  Cpu<D> cpu = cpu_in;
  const GuestEvent<D> e = ApplyGuestAct<D>(s.ghost, cpu, a);
  return AfterGuest<D>{s, cpu, e};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_GUEST_H_
