// kvm_arch_clear_debug: run just after the world switch out, before the exit
// is handled. Gives the guest back its own MDSCR_EL1 and PSTATE.SS.
#ifndef DBGREF_MODEL_CLEAR_DEBUG_H_
#define DBGREF_MODEL_CLEAR_DEBUG_H_

#include "model/domain.h"
#include "model/state.h"

namespace dbgref::model {

// Updates s, a state the caller owns, as clear_debug does.
template <class D>
void ClearDebug(VcpuState<D>& s) {
  const BoolOf<D> active = DebugActive<D>(s);
  // REQ-RESTORE, REQ-SS: the whole preserved MDSCR_EL1 and PSTATE.SS come
  // back, so trapped accesses emulated afterwards see the guest's values.
  s.ctx.mdscr_el1 = D::ite(active, s.preserved.mdscr_el1, s.ctx.mdscr_el1);
  s.ctx.pstate_ss = D::ite(active, s.preserved.pstate_ss, s.ctx.pstate_ss);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_CLEAR_DEBUG_H_
