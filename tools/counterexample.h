// A counterexample told for a report: the trace in its v2 text, and its
// story (trace/story.h) with the first step where the revision differs
// from the model, and where the requirement breaks.
#ifndef DBGREF_TOOLS_COUNTEREXAMPLE_H_
#define DBGREF_TOOLS_COUNTEREXAMPLE_H_

#include <cstdint>
#include <string>

#include "model/revision.h"
#include "tools/kernel_judge.h"
#include "tools/report.h"
#include "trace/trace.h"

namespace dbgref::tools {

// t on a revision behind model/revision.h (the model or a port), found
// from sequence seed `seed`.
Counterexample TellCounterexample(const trace::Trace& t, uint64_t seed,
                                  const dbgref_revision& revision);

// t on the real kernel `kernel` (t's host is the kernel's), judged as j.
Counterexample TellKernelCounterexample(const trace::Trace& t, uint64_t seed,
                                        const KernelJudgement& j,
                                        const std::string& kernel);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_COUNTEREXAMPLE_H_
