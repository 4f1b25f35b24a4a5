// The state of one vCPU as far as guest debug is concerned (spec/state.md),
// the CPU's registers while the guest runs, and the reset state.
//
// VcpuState persists between operations. Cpu exists only inside one KVM_RUN
// iteration, from the world switch in to the world switch out.
#ifndef DBGREF_MODEL_STATE_H_
#define DBGREF_MODEL_STATE_H_

#include "model/arch.h"
#include "model/debug_regs.h"
#include "model/domain.h"
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

// The CPU while the guest runs: the hardware debug registers, the EL1
// registers MDSCR_EL1 and MDCCINT_EL1, PSTATE.SS, and MDCR_EL2.
template <class D>
struct Cpu {
  DebugContext<D> regs;
  WordOf<D> mdcr_el2;
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

template <class D>
Cpu<D> ZeroCpu() {
  return Cpu<D>{ZeroContext<D>(), D::lit(0)};
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
Preserved<D> Select(const BoolOf<D>& c, const Preserved<D>& a,
                    const Preserved<D>& b) {
  return Preserved<D>{D::ite(c, a.mdscr_el1, b.mdscr_el1),
                      D::ite(c, a.pstate_ss, b.pstate_ss)};
}

template <class D>
VcpuState<D> Select(const BoolOf<D>& c, const VcpuState<D>& a,
                    const VcpuState<D>& b) {
  return VcpuState<D>{
      D::ite(c, a.control, b.control),   Select<D>(c, a.external, b.external),
      Select<D>(c, a.ctx, b.ctx),        Select<D>(c, a.preserved, b.preserved),
      D::ite(c, a.mdcr_el2, b.mdcr_el2), D::ite(c, a.dirty, b.dirty),
      Select<D>(c, a.ghost, b.ghost)};
}

template <class D>
Cpu<D> Select(const BoolOf<D>& c, const Cpu<D>& a, const Cpu<D>& b) {
  return Cpu<D>{Select<D>(c, a.regs, b.regs),
                D::ite(c, a.mdcr_el2, b.mdcr_el2)};
}

// Every field equal, ghost state included.
template <class D>
BoolOf<D> StateEq(const VcpuState<D>& a, const VcpuState<D>& b) {
  BoolOf<D> e = D::eq(a.control, b.control);
  e = D::and_(e, RegsEq<D>(a.external, b.external));
  e = D::and_(e, ContextEq<D>(a.ctx, b.ctx));
  e = D::and_(e, D::eq(a.preserved.mdscr_el1, b.preserved.mdscr_el1));
  e = D::and_(e, BoolEq<D>(a.preserved.pstate_ss, b.preserved.pstate_ss));
  e = D::and_(e, D::eq(a.mdcr_el2, b.mdcr_el2));
  e = D::and_(e, BoolEq<D>(a.dirty, b.dirty));
  e = D::and_(e, ContextEq<D>(a.ghost, b.ghost));
  return e;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_STATE_H_
