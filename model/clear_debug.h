// kvm_arch_clear_debug: run just after the world switch out, before the exit
// is handled. Gives the guest back its own MDSCR_EL1 and PSTATE.SS, and
// notes a software step left active-pending (spec/operations.md,
// "clear_debug").
#ifndef DBGREF_MODEL_CLEAR_DEBUG_H_
#define DBGREF_MODEL_CLEAR_DEBUG_H_

#include "model/arch/cpu.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/domain.h"
#include "model/state.h"

namespace dbgref::model {

// Updates s, a state the caller owns, as clear_debug does; esr_el2 is the
// syndrome of the exit (0 for an interrupt).
template <class D>
void ClearDebug(VcpuState<D>& s, const WordOf<D>& esr_el2) {
  const BoolOf<D> active = DebugActive<D>(s);
  const BoolOf<D> single = SingleStepOn<D>(s);
  const BoolOf<D> lend = D::or_(active, s.ctx.os_locked);
  // REQ-SS: a step that was active-pending at the exit (PSTATE.SS clear)
  // and not taken stays pending for the next entry.
  s.pending_step = And3<D>(single, D::not_(PstateSs<D>(s.ctx.pstate)),
                           D::not_(HasClass<D>(esr_el2, DBGREF_EC_SOFTSTP_LOW)));
  // REQ-RESTORE, REQ-SS: the whole preserved MDSCR_EL1 and the guest's own
  // PSTATE.SS come back, so trapped accesses emulated afterwards see the
  // guest's values.
  s.ctx.mdscr_el1 = D::ite(lend, s.preserved.mdscr_el1, s.ctx.mdscr_el1);
  s.ctx.pstate = D::ite(
      lend, SetBits<D>(s.ctx.pstate, DBGREF_SPSR_SS, s.preserved.pstate_ss),
      s.ctx.pstate);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_CLEAR_DEBUG_H_
