// Small pieces shared by the statements of proofs/statements_*.h: the last
// transition of a path, and the situations that triggers name.
#ifndef DBGREF_PROOFS_STATEMENTS_COMMON_H_
#define DBGREF_PROOFS_STATEMENTS_COMMON_H_

#include <cstdint>

#include "model/domain.h"
#include "model/op.h"
#include "model/record.h"
#include "model/state.h"
#include "model/step.h"
#include "model/uapi.h"
#include "proofs/statement.h"

namespace dbgref::proofs {

using model::And3;

template <class D>
const model::Transition<D>& Last(const Path<D>& p) {
  return p.steps.back();
}

template <class D>
model::BoolOf<D> IsSet(const model::Op<D>& op) {
  return model::IsOp<D>(op, DBGREF_OP_SET_GUEST_DEBUG);
}

template <class D>
model::BoolOf<D> IsRun(const model::Op<D>& op) {
  return model::IsOp<D>(op, DBGREF_OP_RUN);
}

// A control word KVM_SET_GUEST_DEBUG accepts, with ENABLE and USE_HW.
template <class D>
model::BoolOf<D> AcceptsUseHw(const model::Op<D>& op) {
  return And3<D>(model::AnyBits<D>(op.control, KVM_GUESTDBG_ENABLE),
                 model::AnyBits<D>(op.control, KVM_GUESTDBG_USE_HW),
                 D::not_(model::AnyBits<D>(
                     op.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK})));
}

// A statement about one transition with no hypothesis of its own.
struct OneStep {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>&) {
    return D::lit_bool(true);
  }
};

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_COMMON_H_
