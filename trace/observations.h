// The observations of a run of a trace: for each operation, in order, the
// observation of each step it took (model/record.h: one IOCTL step, or the
// ENTER, GUEST and EXIT steps of a KVM_RUN). The model, a port revision and
// the stories and replays that tell them exchange this.
#ifndef DBGREF_TRACE_OBSERVATIONS_H_
#define DBGREF_TRACE_OBSERVATIONS_H_

#include <vector>

#include "model/record.h"

namespace dbgref::trace {

using OpObservations = std::vector<dbgref_obs>;
using Observations = std::vector<OpObservations>;

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_OBSERVATIONS_H_
