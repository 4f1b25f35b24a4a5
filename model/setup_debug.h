// kvm_arch_setup_debug: run with interrupts off just before every entry.
// Decides MDCR_EL2 for this entry and, when guest debug is on, lends the
// guest's MDSCR_EL1 and PSTATE.SS to the host's debugger (spec/operations.md).
#ifndef DBGREF_MODEL_SETUP_DEBUG_H_
#define DBGREF_MODEL_SETUP_DEBUG_H_

#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/state.h"

namespace dbgref::model {

// MDCR_EL2 for the next entry, computed afresh from the control word and
// DIRTY as they are before this entry.
template <class D>
WordOf<D> EntryMdcrEl2(const VcpuState<D>& s) {
  const BoolOf<D> active = DebugActive<D>(s);
  // REQ-TRAP-TDA, REQ-OFF: trap the debug registers while the hardware does
  // not hold a vCPU set (lazy switching), and always while userspace's
  // breakpoints are loaded (USE_HW). With any other guest debug, TDE (below)
  // makes the CPU treat TDA as set, so every guest access is emulated
  // against the guest's own values all the same (spec/decisions.md).
  const BoolOf<D> trap = D::or_(D::not_(s.dirty), UseHwOn<D>(s));
  // REQ-TRAP-TDE: debug exceptions go to EL2 exactly when guest debug is on;
  // the performance monitor and OS/ROM register traps are always on.
  const BoolOf<D> tde = active;
  WordOf<D> mdcr = D::lit(DBGREF_MDCR_ALWAYS_BITS);
  mdcr = SetBits<D>(mdcr, DBGREF_MDCR_TDE, tde);
  mdcr = SetBits<D>(mdcr, DBGREF_MDCR_TDA, trap);
  return mdcr;
}

// Updates s, a state the caller owns, as setup_debug does.
template <class D>
void SetupDebug(VcpuState<D>& s) {
  const BoolOf<D> active = DebugActive<D>(s);
  const BoolOf<D> single = SingleStepOn<D>(s);
  const BoolOf<D> use_hw = UseHwOn<D>(s);
  s.mdcr_el2 = EntryMdcrEl2<D>(s);
  // REQ-RESTORE, REQ-SS: keep the guest's whole MDSCR_EL1 and PSTATE.SS.
  s.preserved = Select<D>(
      active, Preserved<D>{s.ctx.mdscr_el1, s.ctx.pstate_ss}, s.preserved);
  // REQ-SS: single-step sets MDSCR_EL1.SS and PSTATE.SS; otherwise guest
  // debug clears MDSCR_EL1.SS so that the guest's own stepping cannot fire.
  WordOf<D> mdscr = s.ctx.mdscr_el1;
  mdscr = D::ite(active, SetBits<D>(mdscr, DBGREF_MDSCR_SS, single), mdscr);
  s.ctx.pstate_ss = D::or_(s.ctx.pstate_ss, single);
  // REQ-HW-PROGRAM: MDSCR_EL1.MDE enables the breakpoints and watchpoints
  // (with TDE set the debug target is EL2, so KDE is not needed), and the
  // next entry loads userspace's set.
  mdscr = D::ite(use_hw, D::bor(mdscr, D::lit(DBGREF_MDSCR_MDE)), mdscr);
  s.ctx.mdscr_el1 = mdscr;
  s.dirty = D::or_(s.dirty, use_hw);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_SETUP_DEBUG_H_
