// The differential discipline: what every step of a revision must be
// against the model. Where their observations differ, the step
//  - breaks requirements the revision is known to break (its manifest):
//    its known finding, which ends the comparison of the trace (later
//    differences are consequences);
//  - or is a known design difference (KnownDesignDifferenceOnly), passed
//    over;
//  - or breaks no requirement and is no known design difference: accepted
//    only as a sign of a state the revision already got wrong, when probes
//    from the state before it or after it (guest debug off, KVM_GET_ONE_REG
//    of every register, two more KVM_RUNs) show a known finding; that too
//    ends the comparison.
// Anything else fails: a requirement broken that the manifest says holds,
// or a difference no requirement explains (a model bug, a gap in the
// requirements, or a design difference to document in props/README.md).
#ifndef DBGREF_PROPS_DISCIPLINE_H_
#define DBGREF_PROPS_DISCIPLINE_H_

#include <string>

#include "model/revision.h"
#include "props/lockstep.h"
#include "props/requirement_set.h"
#include "trace/trace.h"

namespace dbgref::props {

class Discipline {
 public:
  // known: the requirements the revision is known to break.
  Discipline(const dbgref_revision& revision, RequirementSet known);

  // Empty when the trace keeps the discipline, else what broke it.
  std::string Check(const trace::Trace& trace);

 private:
  // Whether the probes after ops [0, end) show a known finding.
  bool KnownFindingShows(const trace::Trace& trace, std::size_t end);

  LockstepRunner runner_;
  LockstepRunner prober_;
  RequirementSet known_;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_DISCIPLINE_H_
