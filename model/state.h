// The state of one vCPU as far as guest debug is concerned (spec/state.md),
// and the reset state. VcpuState persists between operations; the CPU the
// guest runs on (model/arch/cpu.h) exists only inside one KVM_RUN
// iteration.
#ifndef DBGREF_MODEL_STATE_H_
#define DBGREF_MODEL_STATE_H_

#include "model/arch/registers.h"
#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record_ops.h"
#include "model/uapi.h"

namespace dbgref::model {

// What setup_debug puts aside while guest debug borrows the guest's
// MDSCR_EL1 and PSTATE.SS, and clear_debug puts back.
template <class D>
struct Preserved {
  WordOf<D> mdscr_el1;
  BoolOf<D> pstate_ss;
};

template <class D>
struct VcpuState {
  // vcpu->guest_debug: 0 when guest debug is off, else a control word that
  // has KVM_GUESTDBG_ENABLE and only valid bits.
  WordOf<D> control;
  // The breakpoints and watchpoints userspace set with USE_HW
  // (external_debug_state).
  DebugRegs<D> external;
  // The guest context: the guest's own debug registers (vcpu_debug_state),
  // MDSCR_EL1, MDCCINT_EL1 and PSTATE.SS.
  DebugContext<D> ctx;
  // The guest's MDSCR_EL1 and PSTATE.SS while guest debug borrows them.
  Preserved<D> preserved;
  // The MDCR_EL2 value setup_debug computed for the next entry.
  WordOf<D> mdcr_el2;
  // KVM_ARM64_DEBUG_DIRTY: the hardware holds (or will hold) a vCPU debug
  // register set, switched on entry and exit.
  BoolOf<D> dirty;
  // Ghost state, read only by requirement predicates: the guest's intended
  // view of its registers, i.e. the value it last wrote to each, or the reset
  // value. KVM's rules never read it.
  DebugContext<D> ghost;
};

// A vCPU after KVM_CREATE_VCPU and reset: every register 0, guest debug off,
// DIRTY clear.
template <class D>
VcpuState<D> ResetState() {
  return VcpuState<D>{
      D::lit(0),        ZeroRegs<D>(),
      ZeroContext<D>(), Preserved<D>{D::lit(0), D::lit_bool(false)},
      D::lit(0),        D::lit_bool(false),
      ZeroContext<D>()};
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

template <class F, class... P>
void WalkPreserved(F& f, const FieldName& prefix, P&... p) {
  f.Word(FieldName(prefix, "mdscr_el1"), p.mdscr_el1...);
  f.Bool(FieldName(prefix, "pstate_ss"), p.pstate_ss...);
}

inline constexpr auto kWalkPreserved = [](auto& f, const FieldName& name,
                                          auto&... p) {
  WalkPreserved(f, name, p...);
};

template <class D>
Preserved<D> Select(const BoolOf<D>& c, const Preserved<D>& a,
                    const Preserved<D>& b) {
  return SelectRecord<D>(kWalkPreserved, c, a, b);
}

// The field walker of the state (see model/arch/debug_regs.h): the one
// list of its fields.
template <class F, class... S>
void WalkState(F& f, const FieldName& prefix, S&... s) {
  f.Word(FieldName(prefix, "control"), s.control...);
  WalkRegs(f, FieldName(prefix, "external."), s.external...);
  WalkContext(f, FieldName(prefix, "ctx."), s.ctx...);
  WalkPreserved(f, FieldName(prefix, "preserved."), s.preserved...);
  f.Word(FieldName(prefix, "mdcr_el2"), s.mdcr_el2...);
  f.Bool(FieldName(prefix, "dirty"), s.dirty...);
  WalkContext(f, FieldName(prefix, "ghost."), s.ghost...);
}

inline constexpr auto kWalkState = [](auto& f, const FieldName& name,
                                      auto&... s) { WalkState(f, name, s...); };

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
