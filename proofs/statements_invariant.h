// The state invariant (model/invariant.h) is inductive: it holds in the
// reset state, and every transition preserves it, for every host, program
// and input. The other obligations start from any state satisfying it, so
// these are what makes them hold for every reachable state. One obligation
// per kind of transition keeps each formula small.
#ifndef DBGREF_PROOFS_STATEMENTS_INVARIANT_H_
#define DBGREF_PROOFS_STATEMENTS_INVARIANT_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/invariant.h"
#include "model/op.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

struct InvariantAtReset : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>&) {
    return D::lit_bool(true);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::Invariant<D>(p.start);
  }
};

struct InvariantPreserved : OneStep {
  // The transition applies, with guest debug on.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::Applicable<D>(Last(p).pre, Last(p).op),
                   model::DebugActive<D>(p.start));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::Invariant<D>(Last(p).post);
  }
};

// One clause of the invariant after the transition: the GUEST transition's
// formula is the largest, and one obligation per clause keeps each small.
template <std::size_t kClause>
struct InvariantClausePreserved : InvariantPreserved {
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::InvariantClauseAt<D>(model::InvariantOf<D>(Last(p).post),
                                       kClause);
  }
};

template <std::size_t... kClauses>
void AddGuestClauseObligations(std::vector<Definition>& out,
                               std::index_sequence<kClauses...>) {
  (out.push_back(Define<InvariantClausePreserved<kClauses>>(
       std::string("invariant_step_guest_") +
           model::kInvariantClauseNames[kClauses],
       "INVARIANT",
       std::string("the guest transition preserves the invariant's clause ") +
           model::kInvariantClauseNames[kClauses],
       MethodKind::kInductionStep, {KindsOf(model::kGuest)})),
   ...);
}

inline void AddInvariantObligations(std::vector<Definition>& out) {
  out.push_back(Define<InvariantAtReset>(
      "invariant_base", "INVARIANT", "the reset state satisfies the invariant",
      MethodKind::kInductionBase, {}));
  const std::pair<model::TransitionKind, const char*> kinds[] = {
      {model::kSetGuestDebug, "set_guest_debug"},
      {model::kCheckExtension, "check_extension"},
      {model::kGetOneReg, "get_one_reg"},
      {model::kSetOneReg, "set_one_reg"},
      {model::kVcpuInit, "vcpu_init"},
      {model::kEnter, "enter"},
      {model::kExit, "exit"}};
  for (const auto& [kind, name] : kinds) {
    out.push_back(Define<InvariantPreserved>(
        std::string("invariant_step_") + name, "INVARIANT",
        std::string("the ") + name + " transition preserves the invariant",
        MethodKind::kInductionStep, {KindsOf(kind)}));
  }
  AddGuestClauseObligations(
      out, std::make_index_sequence<model::kInvariantClauseCount>());
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_INVARIANT_H_
