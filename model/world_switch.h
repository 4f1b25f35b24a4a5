// The world switch (hyp code): into the guest and back out. Switches the
// guest's EL1 state always and the debug register banks lazily (DIRTY);
// completes, on the way in, an instruction KVM emulated or an MMIO store
// userspace handled (spec/operations.md, "The world switch").
#ifndef DBGREF_MODEL_WORLD_SWITCH_H_
#define DBGREF_MODEL_WORLD_SWITCH_H_

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/exception_return.h"
#include "model/arch/registers.h"
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

// s.cpu becomes the CPU as the guest starts to run, from the rest of s
// (the caller's), which the entry updates.
template <class D>
void WorldSwitchIn(const Host<D>& host, VcpuState<D>& s) {
  // REQ-OFF: a guest that enabled debug itself (KDE or MDE) gets its
  // registers loaded (lazy switching, as before the series).
  const BoolOf<D> guest_enabled =
      AnyBits<D>(s.ctx.mdscr_el1, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE);
  s.dirty = D::or_(s.dirty, guest_enabled);
  // REQ-SS: an emulated instruction, or an MMIO store, completes now: the
  // PC moves past it and the step state machine advances as for an
  // instruction the guest executed (PSTATE.SS clears), so a single-stepped
  // guest takes its step exception before the next instruction.
  const BoolOf<D> skip = s.increment_pc;
  s.ctx.pc = D::ite(skip, D::add(s.ctx.pc, D::lit(4)), s.ctx.pc);
  s.ctx.pstate =
      D::ite(skip, D::band(s.ctx.pstate, D::lit(~DBGREF_SPSR_SS)), s.ctx.pstate);
  s.increment_pc = D::lit_bool(false);
  // REQ-HW-PROGRAM, REQ-ISOLATION: without DIRTY the hardware keeps the
  // host's values, and TDA keeps the guest away from them.
  const DebugRegs<D>& loaded =
      SelectedRegs<D>(LoadsExternalSet<D>(s), s.external, s.ctx.dbg);
  const DebugRegs<D>& hw = SelectedRegs<D>(s.dirty, loaded, host.host_regs);
  // Every field of the CPU, in its order (model/arch/cpu.h), written in
  // place: hw is never s.cpu's own bank.
  Cpu<D>& cpu = s.cpu;
  const BoolOf<D> f = D::lit_bool(false);
  cpu.dbg = hw;
  cpu.mdscr_el1 = s.ctx.mdscr_el1;
  cpu.mdccint_el1 = s.ctx.mdccint_el1;
  cpu.mdcr_el2 = s.mdcr_el2;
  cpu.pc = s.ctx.pc;
  cpu.pstate = s.ctx.pstate;
  cpu.elr_el1 = s.ctx.elr_el1;
  cpu.spsr_el1 = s.ctx.spsr_el1;
  cpu.esr_el1 = s.ctx.esr_el1;
  cpu.far_el1 = s.ctx.far_el1;
  cpu.xt = s.ctx.xt;
  // KVM emulates the guest's OS lock: the hardware's is open.
  cpu.os_locked = f;
  cpu.stepped = f;
  cpu.exited = f;
  cpu.esr_el2 = D::lit(0);
  cpu.far_el2 = D::lit(0);
  cpu.trapped = InsnOfKind<D>(DBGREF_INSN_NOP);
  // KVM enters the guest with an exception return from EL2: PSTATE.SS
  // survives only when the guest steps at EL1 ([arm:eret-ss],
  // [kvm:entry-eret]).
  ReturnFromEl2<D>(cpu);
}

// Updates s, a state the caller owns, for the exit from cpu.
template <class D>
void WorldSwitchOut(VcpuState<D>& s, const Cpu<D>& cpu) {
  // The guest's EL1 state is always switched.
  s.ctx.mdscr_el1 = cpu.mdscr_el1;
  s.ctx.mdccint_el1 = cpu.mdccint_el1;
  s.ctx.pc = cpu.pc;
  s.ctx.pstate = cpu.pstate;
  s.ctx.elr_el1 = cpu.elr_el1;
  s.ctx.spsr_el1 = cpu.spsr_el1;
  s.ctx.esr_el1 = cpu.esr_el1;
  s.ctx.far_el1 = cpu.far_el1;
  s.ctx.xt = cpu.xt;
  // With DIRTY the hardware goes back into the set it was loaded from, and
  // the host's values go back into the hardware.
  const BoolOf<D> external = LoadsExternalSet<D>(s);
  AssignIf<D>(s.external, D::and_(s.dirty, external), cpu.dbg);
  AssignIf<D>(s.ctx.dbg, D::and_(s.dirty, D::not_(external)), cpu.dbg);
  s.dirty = D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_WORLD_SWITCH_H_
