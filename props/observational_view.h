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
// requirement. A difference that breaks none (v2's extra MDSCR_EL1.KDE
// under USE_HW, spec/revisions.md; a register the CPU does not implement)
// is passed over.
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
  bool Diverged() const { return !violated.empty(); }
};

StepVerdict ClassifyStep(const StepContext& context);

// The REQ-ISOLATION rule beyond the predicate: the port's read returned a
// value the guest never wrote to that register (nor its reset value 0),
// which is a host or userspace register value, or the guest's MDSCR_EL1
// with debug bits the host forced.
bool ReadsForeignValue(const StepContext& context);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_OBSERVATIONAL_VIEW_H_
