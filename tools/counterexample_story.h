// A counterexample told for the review report: the trace replayed on the
// model and a port revision step by step, each step in a reviewer's terms
// (tools/story.h) with the fields where the port differs, and the step
// where the requirement breaks.
#ifndef DBGREF_TOOLS_COUNTEREXAMPLE_STORY_H_
#define DBGREF_TOOLS_COUNTEREXAMPLE_STORY_H_

#include <cstdint>
#include <string>

#include "port/driver.h"
#include "tools/report.h"
#include "trace/trace.h"

namespace dbgref::tools {

// The story of trace, a counterexample to requirement on port found from
// sequence seed `seed`; the story's trace text is the trace file's.
CounterexampleStory TellCounterexample(const std::string& requirement,
                                       const trace::Trace& trace, uint64_t seed,
                                       const dbgref_port& port);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_COUNTEREXAMPLE_STORY_H_
