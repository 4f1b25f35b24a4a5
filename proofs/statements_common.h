// Small pieces shared by the statements of proofs/statements_*.h: the last
// transition of a path, the situations that triggers name, and the shape
// of a statement that is one requirement's predicate on one transition.
#ifndef DBGREF_PROOFS_STATEMENTS_COMMON_H_
#define DBGREF_PROOFS_STATEMENTS_COMMON_H_

#include <cstdint>

#include "model/arch/execute.h"
#include "model/arch/instruction.h"
#include "model/domain.h"
#include "model/op.h"
#include "model/record.h"
#include "model/requirements.h"
#include "model/state.h"
#include "model/step.h"
#include "model/uapi.h"
#include "proofs/statement.h"

namespace dbgref::proofs {

using model::And3;

template <class D>
const model::Transition<D, kProofLines>& Last(const Path<D>& p) {
  return p.steps.back();
}

// The instruction the CPU is about to fetch in the pre-state of t.
template <class D>
model::Insn<D> NextInsn(const model::Transition<D, kProofLines>& t) {
  return model::Fetch<D>(t.program, t.pre.cpu.pc);
}

template <class D>
model::BoolOf<D> NextIs(const model::Transition<D, kProofLines>& t,
                        dbgref_insn_kind k) {
  return model::IsInsn<D>(NextInsn<D>(t), k);
}

// A control word KVM_SET_GUEST_DEBUG accepts, with ENABLE and these bits.
template <class D>
model::BoolOf<D> Accepts(const model::Op<D>& op, uint64_t bits) {
  return D::and_(
      D::eq(D::band(op.control, D::lit(KVM_GUESTDBG_ENABLE | bits)),
            D::lit(KVM_GUESTDBG_ENABLE | bits)),
      D::not_(model::AnyBits<D>(op.control,
                                ~uint64_t{KVM_GUESTDBG_VALID_MASK})));
}

// A statement about one transition with no hypothesis of its own.
struct OneStep {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>&) {
    return D::lit_bool(true);
  }
};

// The goal of a statement whose goal is requirement R's predicate on the
// last transition: R is a struct with template <class D, size_t N> static
// Of(const Transition<D, N>&).
#define DBGREF_REQUIREMENT_GOAL(predicate)                             \
  template <class D>                                                   \
  static model::BoolOf<D> Goal(const Path<D>& p) {                     \
    return model::predicate<D, kProofLines>(Last(p));                  \
  }

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_COMMON_H_
