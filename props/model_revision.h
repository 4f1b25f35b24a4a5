// The model itself behind the interface of a revision under check
// (model/revision.h): what the harness is developed and checked with until
// the ports exist, and the reference a port revision's campaign is compared
// with. Each vCPU is a model::StepInPlace loop over its own state, so it
// never diverges from the model: props/lockstep_test.cc checks that it
// observes exactly what the model does.
#ifndef DBGREF_PROPS_MODEL_REVISION_H_
#define DBGREF_PROPS_MODEL_REVISION_H_

#include "model/revision.h"

namespace dbgref::props {

// The revision called "model".
const dbgref_revision& ModelRevision();

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_MODEL_REVISION_H_
