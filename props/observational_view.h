// The observational view of the requirements: which requirements a port's
// observation of one step breaks.
//
// Each requirement's predicate (model/requirements.h) is evaluated on the
// model's transition for the step with the model's observation replaced by
// the port's: pre-state, ghost state (what the guest meant), host and
// operation are the model's, and the parts of a predicate that read
// KVM-internal state after the step (post-state, run trace) keep the
// model's values, so only what the port was seen to do is judged. One
// rule adds to the predicates, from REQ-ISOLATION's statement: a guest read
// that returns a host or userspace value the guest never wrote. The table
// of which fields each view reads is in props/README.md;
// props/observational_view_test.cc pins the rows.
//
// A sequence is judged by its first step whose difference breaks a
// requirement. A difference that breaks none is passed over: a design
// difference (KnownDesignDifferenceOnly), or an early sign of a state the
// port got wrong that a later step shows. The differential property
// (//props:differential_test) insists that such a sign does come.
#ifndef DBGREF_PROPS_OBSERVATIONAL_VIEW_H_
#define DBGREF_PROPS_OBSERVATIONAL_VIEW_H_

#include "absl/types/span.h"
#include "model/concrete.h"
#include "model/record.h"
#include "props/requirement_set.h"

namespace dbgref::props {

struct StepContext {
  // The model's transition for the step: host, pre-state, operation,
  // post-state, observation, run trace.
  const model::ConcreteTransition& model;
  // The operations before this one, oldest first, and this one.
  absl::Span<const dbgref_op> earlier;
  const dbgref_op& op;
  // The port's observation of the same step.
  const dbgref_obs& port;
};

struct StepVerdict {
  bool differs = false;     // some observed field differs from the model's
  RequirementSet violated;  // the requirements the port's observation breaks
  // The difference breaks no requirement and lies only in what the record
  // leaves open (KnownDesignDifferenceOnly).
  bool design_difference = false;
  bool Diverged() const { return !violated.empty(); }
  // A difference that breaks no requirement and is no known design
  // difference: an early sign of a state the port got wrong, a model bug,
  // or a gap in the requirements.
  bool Unexplained() const {
    return differs && violated.empty() && !design_difference;
  }
};

StepVerdict ClassifyStep(const StepContext& context);

// The observations differ only where a revision may differ by design:
// MDSCR_EL1.KDE while the guest runs with TDE set (v2 sets KDE next to MDE
// for USE_HW; with TDE it has no effect, spec/decisions.md), and the
// hardware registers the CPU does not implement.
bool KnownDesignDifferenceOnly(const StepContext& context);

// The REQ-ISOLATION rule beyond the predicate: the port's read returned a
// value the guest never wrote to that register (nor its reset value 0),
// which is a host or userspace register value, or the guest's MDSCR_EL1
// with debug bits the host forced.
bool ReadsForeignValue(const StepContext& context);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_OBSERVATIONAL_VIEW_H_
