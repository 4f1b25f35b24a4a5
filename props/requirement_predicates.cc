// Dispatch from a requirement's position to its predicate.
#include "props/requirement_predicates.h"

#include "model/invariant.h"
#include "model/requirements.h"

namespace dbgref::props {
namespace {
using C = model::ConcreteDomain;
}  // namespace

bool PredicateHolds(Requirement r, const model::ConcreteTransition& t) {
  return model::RequirementHolds<C>(r, t);
}

RequirementSet FailedPredicates(const model::ConcreteTransition& t) {
  RequirementSet failed;
  for (int i = 0; i < kRequirementCount; ++i) {
    const Requirement r = static_cast<Requirement>(i);
    if (!PredicateHolds(r, t)) failed.Add(r);
  }
  return failed;
}

bool InvariantHolds(const model::ConcreteVcpu& s) {
  return model::Invariant<C>(s);
}

}  // namespace dbgref::props
