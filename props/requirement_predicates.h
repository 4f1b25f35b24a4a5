// The model's requirement predicates (model/requirements.h) by position,
// on concrete transitions: what property (a) checks on the model alone and
// what the observational view evaluates on a port's observation.
#ifndef DBGREF_PROPS_REQUIREMENT_PREDICATES_H_
#define DBGREF_PROPS_REQUIREMENT_PREDICATES_H_

#include "model/concrete.h"
#include "props/requirement_set.h"

namespace dbgref::props {

// Requirement r's predicate on t.
bool PredicateHolds(Requirement r, const model::ConcreteTransition& t);

// The requirements whose predicate fails on t.
RequirementSet FailedPredicates(const model::ConcreteTransition& t);

// The model's state invariant (model/invariant.h).
bool InvariantHolds(const model::ConcreteVcpu& s);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_REQUIREMENT_PREDICATES_H_
