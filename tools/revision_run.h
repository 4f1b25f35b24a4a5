// A trace run on one revision behind model/revision.h (the model or a
// port) from reset: the observations of every step of every operation, in
// the form trace/story.h and trace/outcome.h tell.
#ifndef DBGREF_TOOLS_REVISION_RUN_H_
#define DBGREF_TOOLS_REVISION_RUN_H_

#include "model/revision.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::tools {

// One entry per operation of trace, each with the revision's observations
// of its steps.
trace::Observations RunOnRevision(const trace::Trace& trace,
                                  const dbgref_revision& revision);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REVISION_RUN_H_
