// The state of one vCPU as far as guest debug is concerned (spec/state.md):
// what KVM keeps (the control word, userspace's registers, the guest's
// context, what it lends to the host's debugger, MDCR_EL2, its flags), where
// the vCPU is in a KVM_RUN, the CPU while the guest runs, and the ghost
// state that the requirements read.
#ifndef DBGREF_MODEL_STATE_H_
#define DBGREF_MODEL_STATE_H_

#include "model/arch/cpu.h"
#include "model/arch/debug_regs.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/guest_layout.h"
#include "model/record_ops.h"
#include "model/uapi.h"

namespace dbgref::model {

// The guest's registers as KVM keeps them while the guest is not running
// (the vCPU context): its own debug registers (vcpu_debug_state), MDSCR_EL1,
// MDCCINT_EL1, the PC and PSTATE, the EL1 exception registers, the transfer
// register of MRS and MSR, and the OS lock KVM emulates.
template <class D>
struct GuestContext {
  DebugRegs<D> dbg;
  WordOf<D> mdscr_el1;
  WordOf<D> mdccint_el1;
  WordOf<D> pc;
  WordOf<D> pstate;
  WordOf<D> elr_el1;
  WordOf<D> spsr_el1;
  WordOf<D> esr_el1;
  WordOf<D> far_el1;
  WordOf<D> xt;
  BoolOf<D> os_locked;
};

// What setup_debug puts aside while guest debug (or the emulated OS lock)
// borrows the guest's MDSCR_EL1 and PSTATE.SS, and clear_debug puts back.
template <class D>
struct Preserved {
  WordOf<D> mdscr_el1;
  BoolOf<D> pstate_ss;
};

// Where the vCPU is: in userspace (between KVM_RUNs), in the guest, exited
// to KVM with an exception pending its handling, or handled and about to
// enter the guest again within the same KVM_RUN.
enum Phase : uint64_t {
  kPhaseUser = 0,
  kPhaseGuest = 1,
  kPhaseExited = 2,
  kPhaseReenter = 3,
};

// Every phase, in order: the invariant's phase_well_formed bounds the phase
// by the last.
inline constexpr Phase kPhases[] = {kPhaseUser, kPhaseGuest, kPhaseExited,
                                    kPhaseReenter};

// Ghost state, read only by requirement predicates; KVM's rules never read
// it. The guest's intended view of its registers: the value it (or
// userspace, with KVM_SET_ONE_REG) last wrote to each, or the reset value;
// PSTATE.SS as the guest's own (frozen while KVM lends its MDSCR_EL1: its
// stepping is suspended then); and what the current KVM_RUN has done.
template <class D>
struct Ghost {
  DebugRegs<D> dbg;
  WordOf<D> mdscr_el1;
  WordOf<D> mdccint_el1;
  BoolOf<D> pstate_ss;
  BoolOf<D> os_locked;
  // Instructions completed since the KVM_RUN entered (saturating at 2).
  WordOf<D> completed;
  // This KVM_RUN began with a software step pending (PSTATE.SS clear).
  BoolOf<D> began_pending;
  // The PC after the last instruction that completed.
  WordOf<D> next_pc;
};

template <class D>
struct VcpuState {
  // vcpu->guest_debug: 0 when guest debug is off, else a control word that
  // has KVM_GUESTDBG_ENABLE and only valid bits.
  WordOf<D> control;
  // The breakpoints and watchpoints userspace set with USE_HW
  // (external_debug_state).
  DebugRegs<D> external;
  GuestContext<D> ctx;
  Preserved<D> preserved;
  // The MDCR_EL2 value setup_debug computed for the entry.
  WordOf<D> mdcr_el2;
  // KVM_ARM64_DEBUG_DIRTY: the hardware holds (or will hold) a vCPU debug
  // register set, switched on entry and exit.
  BoolOf<D> dirty;
  // The software step state was active-pending at the last exit while
  // userspace single-stepped (DBG_SS_ACTIVE_PENDING).
  BoolOf<D> pending_step;
  // An instruction KVM emulated, or an MMIO store userspace completed,
  // is skipped at the next entry (the PC advances, PSTATE.SS clears).
  BoolOf<D> increment_pc;
  WordOf<D> phase;  // enum Phase
  WordOf<D> steps;  // guest steps in this KVM_RUN
  Cpu<D> cpu;       // while the phase is kPhaseGuest or kPhaseExited
  Ghost<D> ghost;
};

template <class D>
GuestContext<D> ResetContext() {
  const WordOf<D> z = D::lit(0);
  return GuestContext<D>{ZeroRegs<D>(), z, z, D::lit(DBGREF_START_PC),
                         D::lit(DBGREF_START_PSTATE), z, z, z, z, z,
                         D::lit_bool(false)};
}

template <class D>
Ghost<D> GhostOf(const GuestContext<D>& c) {
  return Ghost<D>{c.dbg,
                  c.mdscr_el1,
                  c.mdccint_el1,
                  PstateSs<D>(c.pstate),
                  c.os_locked,
                  D::lit(0),
                  D::lit_bool(false),
                  c.pc};
}

// A vCPU after KVM_CREATE_VCPU, KVM_ARM_VCPU_INIT and the runtime's set-up:
// every debug register 0, guest debug off, DIRTY clear, in userspace.
template <class D>
VcpuState<D> ResetState() {
  const WordOf<D> z = D::lit(0);
  const BoolOf<D> f = D::lit_bool(false);
  const GuestContext<D> ctx = ResetContext<D>();
  return VcpuState<D>{z,
                      ZeroRegs<D>(),
                      ctx,
                      Preserved<D>{z, f},
                      z,
                      f,
                      f,
                      f,
                      D::lit(kPhaseUser),
                      z,
                      ZeroCpu<D>(),
                      GhostOf<D>(ctx)};
}

// Guest debug is on: KVM_SET_GUEST_DEBUG stored a control word with ENABLE.
template <class D>
BoolOf<D> DebugActive(const VcpuState<D>& s) {
  return Ne<D>(s.control, D::lit(0));
}

template <class D>
BoolOf<D> SingleStepOn(const VcpuState<D>& s) {
  return D::and_(DebugActive<D>(s),
                 AnyBits<D>(s.control, KVM_GUESTDBG_SINGLESTEP));
}

template <class D>
BoolOf<D> UseHwOn(const VcpuState<D>& s) {
  return D::and_(DebugActive<D>(s), AnyBits<D>(s.control, KVM_GUESTDBG_USE_HW));
}

template <class D>
BoolOf<D> InPhase(const VcpuState<D>& s, Phase p) {
  return D::eq(s.phase, D::lit(p));
}

// The field walkers (see model/arch/debug_regs.h): the one list of each
// record's fields.
template <class F, class... C>
void WalkContext(F& f, const FieldName& prefix, C&... c) {
  WalkRegs(f, FieldName(prefix, "dbg."), c.dbg...);
  f.Word(FieldName(prefix, "mdscr_el1"), c.mdscr_el1...);
  f.Word(FieldName(prefix, "mdccint_el1"), c.mdccint_el1...);
  f.Word(FieldName(prefix, "pc"), c.pc...);
  f.Word(FieldName(prefix, "pstate"), c.pstate...);
  f.Word(FieldName(prefix, "elr_el1"), c.elr_el1...);
  f.Word(FieldName(prefix, "spsr_el1"), c.spsr_el1...);
  f.Word(FieldName(prefix, "esr_el1"), c.esr_el1...);
  f.Word(FieldName(prefix, "far_el1"), c.far_el1...);
  f.Word(FieldName(prefix, "xt"), c.xt...);
  f.Bool(FieldName(prefix, "os_locked"), c.os_locked...);
}

template <class F, class... P>
void WalkPreserved(F& f, const FieldName& prefix, P&... p) {
  f.Word(FieldName(prefix, "mdscr_el1"), p.mdscr_el1...);
  f.Bool(FieldName(prefix, "pstate_ss"), p.pstate_ss...);
}

template <class F, class... G>
void WalkGhost(F& f, const FieldName& prefix, G&... g) {
  WalkRegs(f, FieldName(prefix, "dbg."), g.dbg...);
  f.Word(FieldName(prefix, "mdscr_el1"), g.mdscr_el1...);
  f.Word(FieldName(prefix, "mdccint_el1"), g.mdccint_el1...);
  f.Bool(FieldName(prefix, "pstate_ss"), g.pstate_ss...);
  f.Bool(FieldName(prefix, "os_locked"), g.os_locked...);
  f.Word(FieldName(prefix, "completed"), g.completed...);
  f.Bool(FieldName(prefix, "began_pending"), g.began_pending...);
  f.Word(FieldName(prefix, "next_pc"), g.next_pc...);
}

template <class F, class... S>
void WalkState(F& f, const FieldName& prefix, S&... s) {
  f.Word(FieldName(prefix, "control"), s.control...);
  WalkRegs(f, FieldName(prefix, "external."), s.external...);
  WalkContext(f, FieldName(prefix, "ctx."), s.ctx...);
  WalkPreserved(f, FieldName(prefix, "preserved."), s.preserved...);
  f.Word(FieldName(prefix, "mdcr_el2"), s.mdcr_el2...);
  f.Bool(FieldName(prefix, "dirty"), s.dirty...);
  f.Bool(FieldName(prefix, "pending_step"), s.pending_step...);
  f.Bool(FieldName(prefix, "increment_pc"), s.increment_pc...);
  f.Word(FieldName(prefix, "phase"), s.phase...);
  f.Word(FieldName(prefix, "steps"), s.steps...);
  WalkCpu(f, FieldName(prefix, "cpu."), s.cpu...);
  WalkGhost(f, FieldName(prefix, "ghost."), s.ghost...);
}

inline constexpr auto kWalkContext = [](auto& f, const FieldName& name,
                                        auto&... c) {
  WalkContext(f, name, c...);
};
inline constexpr auto kWalkPreserved = [](auto& f, const FieldName& name,
                                          auto&... p) {
  WalkPreserved(f, name, p...);
};
inline constexpr auto kWalkGhost = [](auto& f, const FieldName& name,
                                      auto&... g) { WalkGhost(f, name, g...); };
inline constexpr auto kWalkState = [](auto& f, const FieldName& name,
                                      auto&... s) { WalkState(f, name, s...); };

template <class D>
GuestContext<D> Select(const BoolOf<D>& c, const GuestContext<D>& a,
                       const GuestContext<D>& b) {
  return SelectRecord<D>(kWalkContext, c, a, b);
}

template <class D>
Preserved<D> Select(const BoolOf<D>& c, const Preserved<D>& a,
                    const Preserved<D>& b) {
  return SelectRecord<D>(kWalkPreserved, c, a, b);
}

template <class D>
Ghost<D> Select(const BoolOf<D>& c, const Ghost<D>& a, const Ghost<D>& b) {
  return SelectRecord<D>(kWalkGhost, c, a, b);
}

template <class D>
VcpuState<D> Select(const BoolOf<D>& c, const VcpuState<D>& a,
                    const VcpuState<D>& b) {
  return SelectRecord<D>(kWalkState, c, a, b);
}

// Every field equal, ghost state included.
template <class D>
BoolOf<D> StateEq(const VcpuState<D>& a, const VcpuState<D>& b) {
  return RecordsEqual<D>(kWalkState, a, b);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_STATE_H_
