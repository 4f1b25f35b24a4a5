// A trace run on the model (model/concrete.h) from reset: the observations
// of every step of every operation.
//
//   const trace::Observations obs = trace::RunOnModel(t);
//   std::printf("%s", trace::TellStory(t, obs).c_str());
#ifndef DBGREF_TRACE_MODEL_RUN_H_
#define DBGREF_TRACE_MODEL_RUN_H_

#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::trace {

// One entry per operation of trace, each with the observations model::Step
// gives for it.
Observations RunOnModel(const Trace& trace);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_MODEL_RUN_H_
