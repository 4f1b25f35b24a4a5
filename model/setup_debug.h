// kvm_arch_setup_debug: run with interrupts off just before every entry.
// Decides MDCR_EL2 for the entry and, when guest debug is on, lends the
// guest's MDSCR_EL1 and PSTATE.SS to userspace's debugger; when the guest's
// own OS lock is set, lends its MDSCR_EL1 with its debug events masked
// (spec/operations.md, "setup_debug").
#ifndef DBGREF_MODEL_SETUP_DEBUG_H_
#define DBGREF_MODEL_SETUP_DEBUG_H_

#include "model/arch/cpu.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/state.h"

namespace dbgref::model {

// MDCR_EL2 for the entry, computed afresh from the control word, DIRTY and
// the guest's OS lock as they are before the entry.
template <class D>
WordOf<D> EntryMdcrEl2(const VcpuState<D>& s) {
  const BoolOf<D> active = DebugActive<D>(s);
  // REQ-TRAP-TDA, REQ-OFF: trap the debug registers while the hardware does
  // not hold a vCPU set (lazy switching), always while userspace's
  // breakpoints are loaded (USE_HW), and while the guest's OS lock is set
  // (its MDSCR_EL1 is lent masked then). With any other guest debug, TDE
  // (below) makes the CPU treat TDA as set, so every guest access is
  // emulated against the guest's own values all the same.
  const BoolOf<D> trap =
      D::or_(D::or_(D::not_(s.dirty), UseHwOn<D>(s)), s.ctx.os_locked);
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
  const BoolOf<D> locked = s.ctx.os_locked;
  const BoolOf<D> lend = D::or_(active, locked);
  s.mdcr_el2 = EntryMdcrEl2<D>(s);
  // REQ-RESTORE, REQ-SS: keep the guest's whole MDSCR_EL1 and PSTATE.SS.
  const WordOf<D> own_mdscr = s.ctx.mdscr_el1;
  const BoolOf<D> own_ss = PstateSs<D>(s.ctx.pstate);
  s.preserved = Select<D>(lend, Preserved<D>{own_mdscr, own_ss}, s.preserved);
  // REQ-SS: single-step sets MDSCR_EL1.SS; otherwise the guest's own
  // stepping is suspended while userspace debugs it or its OS lock is set.
  WordOf<D> mdscr = SetBits<D>(own_mdscr, DBGREF_MDSCR_SS, single);
  // REQ-HW-PROGRAM: MDSCR_EL1.MDE enables userspace's breakpoints and
  // watchpoints (with TDE set the debug target is EL2, so KDE is not
  // needed). REQ-OSLOCK: the guest's own breakpoints and watchpoints are
  // masked while its OS lock is set.
  mdscr = D::ite(use_hw, D::bor(mdscr, D::lit(DBGREF_MDSCR_MDE)),
                 D::ite(locked, D::band(mdscr, D::lit(~DBGREF_MDSCR_MDE)),
                        mdscr));
  s.ctx.mdscr_el1 = D::ite(lend, mdscr, own_mdscr);
  // REQ-SS: PSTATE.SS set, so that exactly one instruction runs, unless the
  // step was already active-pending when the guest last exited.
  s.ctx.pstate = D::ite(
      single, SetBits<D>(s.ctx.pstate, DBGREF_SPSR_SS, D::not_(s.pending_step)),
      s.ctx.pstate);
  s.dirty = D::or_(s.dirty, use_hw);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_SETUP_DEBUG_H_
