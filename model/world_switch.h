// The world switch (hyp code): into the guest and back out. Switches the
// EL1 debug state always and the debug register banks lazily (DIRTY).
#ifndef DBGREF_MODEL_WORLD_SWITCH_H_
#define DBGREF_MODEL_WORLD_SWITCH_H_

#include "model/arch.h"
#include "model/debug_regs.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/state.h"

namespace dbgref::model {

template <class D>
struct Entered {
  VcpuState<D> state;
  Cpu<D> cpu;  // the CPU as the guest starts to run
};

// The set the world switch loads and saves when DIRTY: userspace's set with
// USE_HW, the guest's own otherwise (debug_ptr).
template <class D>
DebugRegs<D> LoadSource(const VcpuState<D>& s) {
#ifdef DBGREF_MUTANT_HW_LOAD_GUEST_SET
  return s.ctx.regs;
#else
  return Select<D>(UseHwOn<D>(s), s.external, s.ctx.regs);
#endif
}

template <class D>
Entered<D> WorldSwitchIn(const Host<D>& host, VcpuState<D> s) {
  // REQ-OFF: a guest that enabled debug itself (KDE or MDE) gets its
  // registers loaded (lazy switching, as before the series).
#ifdef DBGREF_MUTANT_OFF_NO_LAZY
  const BoolOf<D> guest_enabled = D::lit_bool(false);
#else
  const BoolOf<D> guest_enabled =
      AnyBits<D>(s.ctx.mdscr_el1, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE);
#endif
  s.dirty = D::or_(s.dirty, guest_enabled);
  // REQ-HW-PROGRAM, REQ-ISOLATION: without DIRTY the hardware keeps the
  // host's values, and TDA keeps the guest away from them.
  DebugContext<D> regs = s.ctx;
  regs.regs = Select<D>(s.dirty, LoadSource<D>(s), host.host_regs);
  return Entered<D>{s, Cpu<D>{regs, s.mdcr_el2}};
}

template <class D>
VcpuState<D> WorldSwitchOut(const Host<D>& host, VcpuState<D> s,
                            const Cpu<D>& cpu) {
  (void)host;  // the host's values go back into the hardware, not the vCPU
  // MDSCR_EL1, MDCCINT_EL1 and PSTATE.SS are EL1 state, always switched.
  s.ctx.mdscr_el1 = cpu.regs.mdscr_el1;
  s.ctx.mdccint_el1 = cpu.regs.mdccint_el1;
  s.ctx.pstate_ss = cpu.regs.pstate_ss;
  // With DIRTY the hardware goes back into the set it was loaded from.
  const BoolOf<D> use_hw = UseHwOn<D>(s);
  s.external = Select<D>(D::and_(s.dirty, use_hw), cpu.regs.regs, s.external);
  s.ctx.regs =
      Select<D>(D::and_(s.dirty, D::not_(use_hw)), cpu.regs.regs, s.ctx.regs);
  s.dirty = D::lit_bool(false);
  return s;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_WORLD_SWITCH_H_
