// What the CPU does with the guest's one action of a KVM_RUN iteration
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
#ifndef DBGREF_MODEL_ARCH_EXECUTE_H_
#define DBGREF_MODEL_ARCH_EXECUTE_H_

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/exception.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/arch/action.h"

namespace dbgref::model {

// What the guest's action did on the CPU.
template <class D>
struct GuestEvent {
  BoolOf<D> trapped;       // an access trapped to EL2 (EC SYS64)
  BoolOf<D> debug_exit;    // a debug exception was taken to EL2
  BoolOf<D> direct_read;   // an access read the CPU register itself
  WordOf<D> direct_value;  // ... and the value it received
};

// MDCR_EL2.TDA as the CPU applies it: TDE makes the CPU treat TDA as 1.
template <class D>
BoolOf<D> TdaInEffect(const WordOf<D>& mdcr_el2) {
  return AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDA | DBGREF_MDCR_TDE);
}

// Debug exceptions from EL1 and EL0 go to EL2.
template <class D>
BoolOf<D> DebugRoutedToEl2(const WordOf<D>& mdcr_el2) {
  return AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDE);
}

// Performs action a on cpu, which the caller owns; returns what happened.
template <class D>
GuestEvent<D> ExecuteGuestAction(Cpu<D>& cpu, const Action<D>& a) {
  const BoolOf<D> tda = TdaInEffect<D>(cpu.mdcr_el2);
  const BoolOf<D> access = IsAccess<D>(a);
  const BoolOf<D> trapped = D::and_(access, tda);
  const BoolOf<D> direct = D::and_(access, D::not_(tda));
  const BoolOf<D> direct_read = D::and_(direct, D::not_(a.is_write));
  const WordOf<D> direct_value =
      D::ite(direct_read, ReadReg<D>(cpu.regs, a.reg_kind, a.index), D::lit(0));
  WriteRegIf<D>(cpu.regs, D::and_(direct, a.is_write), a.reg_kind, a.index,
                a.value);
  const BoolOf<D> debug_exit =
      And3<D>(IsException<D>(a), IsDebugClass<D>(ExceptionClass<D>(a.esr)),
              DebugRoutedToEl2<D>(cpu.mdcr_el2));
  return GuestEvent<D>{trapped, debug_exit, direct_read, direct_value};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_EXECUTE_H_
