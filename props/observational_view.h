// The observational view of the requirements: which requirements a
// revision's observation of one step breaks.
//
// A userspace operation is observed as its steps (model/record.h: one IOCTL
// step, or the ENTER, GUEST and EXIT steps of a KVM_RUN). At a step where
// the revision's observation differs from the model's, each requirement's
// predicate (model/requirements.h) is evaluated on the model's transition
// for that step with the model's observation replaced by the revision's:
// host, program, pre-state, ghost state (what the guest meant) and input
// are the model's, and the parts of a predicate that read KVM's state after
// the step keep the model's values, so only what the revision was seen to
// do is judged. When one of the two took fewer steps, the step past its
// last is a zero observation of the kind the other has (StepContext says
// which). One rule adds to the predicates, from REQ-ISOLATION's statement:
// a guest read that returns a host or userspace value the guest never wrote
// (ReadsForeignValue). props/README.md has the table of which fields each
// requirement reads; props/observational_view_test.cc pins the rows.
//
// A sequence is judged by its first step whose difference breaks a
// requirement. A difference that breaks none is a known design difference
// (KnownDesignDifferenceOnly, each argued in props/README.md) or is
// unexplained: an early sign of a state the revision got wrong that a later
// step shows, a model bug, or a gap in the requirements. The differential
// check (tests/props/differential_test.cc) insists that an unexplained one
// is followed by a known finding.
#ifndef DBGREF_PROPS_OBSERVATIONAL_VIEW_H_
#define DBGREF_PROPS_OBSERVATIONAL_VIEW_H_

#include <cstddef>

#include "model/concrete.h"
#include "model/record.h"
#include "props/requirement_set.h"
#include "trace/trace.h"

namespace dbgref::props {

struct StepContext {
  // The model's transition for the step: host, program, pre-state, input,
  // post-state, observation. When the model took fewer steps than the
  // revision, a transition of the revision's step kind that does not apply
  // (the model's state after the operation, unchanged).
  const model::ConcreteTransition& model;
  // The revision's observation of the same step; when the revision took
  // fewer steps, a zero observation of the model's step kind.
  const dbgref_obs& revision;
  // The trace, and the index of the operation the step belongs to.
  const trace::Trace& trace;
  std::size_t op;
};

struct StepVerdict {
  bool differs = false;     // some observed field differs from the model's
  RequirementSet violated;  // the requirements the revision's step breaks
  // The difference breaks no requirement and is a known design difference.
  bool design_difference = false;
  bool Diverged() const { return !violated.empty(); }
  // A difference that breaks no requirement and is no known design
  // difference.
  bool Unexplained() const {
    return differs && violated.empty() && !design_difference;
  }
};

StepVerdict ClassifyStep(const StepContext& context);

// The same, with context.model the transition `model`, which the call may
// change while it runs and leaves as it was: the transition is not copied.
StepVerdict ClassifyStep(model::ConcreteTransition& model,
                         const dbgref_obs& revision, const trace::Trace& trace,
                         std::size_t op);

// The observations differ only where a revision may differ by design
// (props/README.md, "Known design differences"):
//  - MDSCR_EL1.KDE in entry_mdscr_el1 while TDE is set;
//  - the entries of entry_hw the CPU does not implement;
//  - where the PC moves past an instruction KVM emulated or an MMIO store:
//    at the exit (4.2) or at the next entry (the model, later kernels):
//    exit_pc of that EXIT, and KVM_GET_ONE_REG of the PC in between, are 4
//    further on.
bool KnownDesignDifferenceOnly(const StepContext& context);

// The REQ-ISOLATION rule beyond the predicate: the revision's guest read
// (a direct MRS at a GUEST step, an emulated one at an EXIT) returned a
// non-zero value the model did not, that the guest (its program's MSRs) or
// userspace (KVM_SET_ONE_REG) never wrote to that register, and that is a
// host register value, a value userspace passed to KVM_SET_GUEST_DEBUG, or
// the guest's MDSCR_EL1 with debug bits (SS, KDE, MDE) the host forced.
bool ReadsForeignValue(const StepContext& context);

// A zero observation of the same step kind and operation as o.
dbgref_obs ZeroObsLike(const dbgref_obs& o);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_OBSERVATIONAL_VIEW_H_
