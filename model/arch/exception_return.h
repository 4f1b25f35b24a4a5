// What an exception return does to PSTATE.SS (Arm ARM, D2 "Software Step
// exceptions", the pseudocode DebugExceptionReturnSS; spec/sources.md,
// [arm:eret-ss]): the return restores PSTATE from SPSR, except that
// PSTATE.SS takes SPSR.SS only when MDSCR_EL1.SS is set, debug exceptions
// are disabled at the source and enabled at the destination; otherwise it
// becomes 0. Two exception returns take the guest to EL1: KVM's, from EL2,
// which enters the guest, and the guest's own ERET at the end of its
// handler.
#ifndef DBGREF_MODEL_ARCH_EXCEPTION_RETURN_H_
#define DBGREF_MODEL_ARCH_EXCEPTION_RETURN_H_

#include "model/arch/cpu.h"
#include "model/arch/debug_events.h"
#include "model/arch/registers.h"
#include "model/domain.h"

namespace dbgref::model {

// The PSTATE an exception return to EL1 gives, from spsr, with MDSCR_EL1,
// MDCR_EL2 and the hardware OS lock as the CPU holds them, and whether
// debug exceptions are enabled where the return executes. At the
// destination they are enabled as DebugExceptionsEnabled says, with the D
// bit SPSR restores.
template <class D>
WordOf<D> ExceptionReturnPstate(const WordOf<D>& spsr,
                                const WordOf<D>& mdscr_el1,
                                const WordOf<D>& mdcr_el2,
                                const BoolOf<D>& os_locked,
                                const BoolOf<D>& enabled_at_source) {
  const BoolOf<D> enabled_at_destination =
      DebugExceptionsEnabled<D>(mdcr_el2, mdscr_el1, spsr, os_locked);
  const BoolOf<D> keeps_ss =
      And3<D>(AnyBits<D>(mdscr_el1, DBGREF_MDSCR_SS),
              D::not_(enabled_at_source), enabled_at_destination);
  return SetBits<D>(spsr, DBGREF_SPSR_SS,
                    D::and_(keeps_ss, AnyBits<D>(spsr, DBGREF_SPSR_SS)));
}

// KVM's entry into the guest: the exception return from EL2, where debug
// exceptions are disabled ([kvm:entry-eret]), to the PSTATE the world
// switch put in SPSR_EL2 (cpu.pstate); the CPU runs the guest from then on.
template <class D>
void ReturnFromEl2(Cpu<D>& cpu) {
  cpu.pstate = ExceptionReturnPstate<D>(cpu.pstate, cpu.mdscr_el1,
                                        cpu.mdcr_el2, cpu.os_locked,
                                        D::lit_bool(false));
  cpu.exited = D::lit_bool(false);
  cpu.stepped = D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_EXCEPTION_RETURN_H_
