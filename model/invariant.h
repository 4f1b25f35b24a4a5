// The state invariant: what holds of every vCPU state reachable from reset,
// between transitions. It is inductive (Reset satisfies it; every
// transition preserves it, for every host, program and input), and
// together with one transition it implies every requirement of
// model/requirements.h, so each requirement is provable by one step of
// induction.
#ifndef DBGREF_MODEL_INVARIANT_H_
#define DBGREF_MODEL_INVARIANT_H_

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/requirements.h"
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

// Outside the guest (in userspace, or between two iterations of a KVM_RUN)
// the guest context is exactly the guest's own view, with nothing of the
// host's debugger left in it.
template <class D>
BoolOf<D> ContextIsGuestView(const VcpuState<D>& s) {
  const BoolOf<D> out =
      D::or_(InPhase<D>(s, kPhaseUser), InPhase<D>(s, kPhaseReenter));
  return Implies<D>(out, req_internal::ContextIsOwn<D>(s.ctx, s.ghost));
}

template <class D>
BoolOf<D> Invariant(const VcpuState<D>& s) {
  return D::and_(ControlWellFormed<D>(s), ContextIsGuestView<D>(s));
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_INVARIANT_H_
