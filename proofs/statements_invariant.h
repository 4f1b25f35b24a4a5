// The state invariant (model/invariant.h) is inductive: it holds in the
// reset state, and every operation preserves it, for every host, operation
// and guest action. The other obligations start from any state satisfying
// it, so these are what makes them hold for every reachable state.
#ifndef DBGREF_PROOFS_STATEMENTS_INVARIANT_H_
#define DBGREF_PROOFS_STATEMENTS_INVARIANT_H_

#include <vector>

#include "model/invariant.h"
#include "proofs/statement.h"

namespace dbgref::proofs {

struct InvariantAtReset {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>&) {
    return D::lit_bool(true);
  }
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>&) {
    return D::lit_bool(true);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::Invariant<D>(p.start);
  }
};

struct InvariantPreserved {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>&) {
    return D::lit_bool(true);
  }
  // Guest debug on with USE_HW, the state where the host borrows most.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return model::UseHwOn<D>(p.start);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::Invariant<D>(p.steps.back().post);
  }
};

inline void AddInvariantObligations(std::vector<Definition>& out) {
  out.push_back(Define<InvariantAtReset>(
      "invariant_base", "INVARIANT", "the reset state satisfies the invariant",
      MethodKind::kInductionBase, {}));
  out.push_back(Define<InvariantPreserved>(
      "invariant_step_set_guest_debug", "INVARIANT",
      "KVM_SET_GUEST_DEBUG preserves the invariant", MethodKind::kInductionStep,
      {kSetGuestDebugOp}));
  out.push_back(Define<InvariantPreserved>(
      "invariant_step_check_extension", "INVARIANT",
      "KVM_CHECK_EXTENSION preserves the invariant", MethodKind::kInductionStep,
      {kCheckExtensionOp}));
  out.push_back(Define<InvariantPreserved>(
      "invariant_step_run", "INVARIANT",
      "one KVM_RUN iteration, whatever the guest does, preserves the "
      "invariant",
      MethodKind::kInductionStep, {kRunOp}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_INVARIANT_H_
