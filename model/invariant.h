// The state invariant: what holds of every vCPU state reachable from reset,
// between operations. It is inductive (Reset satisfies it; Step preserves
// it, for every host, operation and guest action), and together with one
// Step it implies every requirement of model/requirements.h, so each
// requirement is provable by one step of induction.
#ifndef DBGREF_MODEL_INVARIANT_H_
#define DBGREF_MODEL_INVARIANT_H_

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/state.h"
#include "model/uapi.h"

namespace dbgref::model {

// The control word is 0 or was accepted by KVM_SET_GUEST_DEBUG: ENABLE and
// only valid bits.
template <class D>
BoolOf<D> ControlWellFormed(const VcpuState<D>& s) {
  const BoolOf<D> accepted = D::and_(
      AnyBits<D>(s.control, KVM_GUESTDBG_ENABLE),
      D::not_(AnyBits<D>(s.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK})));
  return D::or_(D::eq(s.control, D::lit(0)), accepted);
}

// Between operations the guest context is exactly the guest's intended
// view: its own debug registers, MDSCR_EL1, MDCCINT_EL1 and PSTATE.SS, with
// nothing of the host's debugger left in them.
template <class D>
BoolOf<D> ContextIsGuestView(const VcpuState<D>& s) {
  return ContextEq<D>(s.ctx, s.ghost);
}

template <class D>
BoolOf<D> Invariant(const VcpuState<D>& s) {
  return D::and_(ControlWellFormed<D>(s), ContextIsGuestView<D>(s));
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_INVARIANT_H_
