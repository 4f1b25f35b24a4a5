// A counterexample told step by step, model against port (see
// counterexample_story.h).
#include "tools/counterexample_story.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "port/driver.h"
#include "props/lockstep.h"
#include "tools/report.h"
#include "tools/story.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::tools {

CounterexampleStory TellCounterexample(const std::string& requirement,
                                       const trace::Trace& trace, uint64_t seed,
                                       const dbgref_port& port) {
  CounterexampleStory cx;
  cx.seed = seed;
  cx.trace_text = trace::FormatTrace(trace);
  for (const props::LockstepStep& step : props::Lockstep(trace, port)) {
    StoryStep story;
    story.text = DescribeStep(step.op, step.model);
    story.differences = Differences(step.model, step.port);
    for (const std::string& id : step.violated) {
      if (id == requirement) {
        story.violation = absl::StrCat(port.name, " differs from the model");
      }
    }
    cx.steps.push_back(std::move(story));
  }
  return cx;
}

}  // namespace dbgref::tools
