// The world switch (hyp code): into the guest and back out. Switches the
// EL1 debug state always and the debug register banks lazily (DIRTY).
#ifndef DBGREF_MODEL_WORLD_SWITCH_H_
#define DBGREF_MODEL_WORLD_SWITCH_H_

#include "model/arch/registers.h"
#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/state.h"

namespace dbgref::model {

// The set the world switch loads and saves when DIRTY: userspace's set with
// USE_HW, the guest's own otherwise (debug_ptr).
template <class D>
BoolOf<D> LoadsExternalSet(const VcpuState<D>& s) {
  return UseHwOn<D>(s);
}

// Updates s, a state the caller owns, for the entry; returns the CPU as the
// guest starts to run.
template <class D>
Cpu<D> WorldSwitchIn(const Host<D>& host, VcpuState<D>& s) {
  // REQ-OFF: a guest that enabled debug itself (KDE or MDE) gets its
  // registers loaded (lazy switching, as before the series).
  const BoolOf<D> guest_enabled =
      AnyBits<D>(s.ctx.mdscr_el1, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE);
  s.dirty = D::or_(s.dirty, guest_enabled);
  // REQ-HW-PROGRAM, REQ-ISOLATION: without DIRTY the hardware keeps the
  // host's values, and TDA keeps the guest away from them.
  Cpu<D> cpu{s.ctx, s.mdcr_el2};
  AssignIf<D>(cpu.regs.regs, LoadsExternalSet<D>(s), s.external);
  AssignIf<D>(cpu.regs.regs, D::not_(s.dirty), host.host_regs);
  return cpu;
}

// Updates s, a state the caller owns, for the exit from cpu.
template <class D>
void WorldSwitchOut(VcpuState<D>& s, const Cpu<D>& cpu) {
  // MDSCR_EL1, MDCCINT_EL1 and PSTATE.SS are EL1 state, always switched.
  s.ctx.mdscr_el1 = cpu.regs.mdscr_el1;
  s.ctx.mdccint_el1 = cpu.regs.mdccint_el1;
  s.ctx.pstate_ss = cpu.regs.pstate_ss;
  // With DIRTY the hardware goes back into the set it was loaded from, and
  // the host's values go back into the hardware.
  const BoolOf<D> external = LoadsExternalSet<D>(s);
  AssignIf<D>(s.external, D::and_(s.dirty, external), cpu.regs.regs);
  AssignIf<D>(s.ctx.regs, D::and_(s.dirty, D::not_(external)), cpu.regs.regs);
  s.dirty = D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_WORLD_SWITCH_H_
