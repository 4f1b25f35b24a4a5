// Counterexamples told (see counterexample.h).
#include "tools/counterexample.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "props/lockstep.h"
#include "tools/kernel_judge.h"
#include "tools/report.h"
#include "tools/revision_run.h"
#include "trace/format.h"
#include "trace/model_run.h"
#include "trace/observations.h"
#include "trace/story.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

Counterexample Common(const trace::Trace& t, uint64_t seed,
                      const trace::Observations& model,
                      const trace::Observations& revision,
                      const std::string& name) {
  Counterexample cx;
  cx.seed = seed;
  cx.operations = t.ops.size();
  cx.program_lines = t.program.count;
  cx.trace_text = trace::FormatTrace(t);
  trace::StoryOptions options;
  options.revision = name;
  cx.story = trace::StoryLines(t, model, &revision, options);
  return cx;
}

const char* StepKindName(uint32_t step) {
  switch (step) {
    case DBGREF_STEP_IOCTL:
      return "the ioctl";
    case DBGREF_STEP_ENTER:
      return "an ENTER";
    case DBGREF_STEP_GUEST:
      return "a GUEST step";
    default:
      return "an EXIT";
  }
}

// Which requirements the first breaking step breaks; and where it is, with
// its fields, when the story's first difference is an earlier one that
// breaks nothing.
void AddBreak(const trace::Observations& model,
              const trace::Observations& revision,
              const std::optional<props::Divergence>& first,
              const std::string& name, Counterexample& cx) {
  if (!first) return;
  const std::optional<trace::Divergence> shown =
      trace::FirstDivergence(model, revision);
  const std::string ids = absl::StrJoin(first->verdict.violated.Ids(), ", ");
  if (shown && shown->op == first->op && shown->step == first->step) {
    cx.details.push_back(absl::StrCat("that difference breaks ", ids));
    return;
  }
  cx.details.push_back(absl::StrCat(
      "that difference breaks no requirement; ", name, " breaks ", ids,
      " later, in operation ", first->op + 1, ", at ",
      StepKindName(first->model.step), " (its step ", first->step + 1,
      "), where it differs (expected: the model):"));
  for (const model::FieldDifference& d :
       model::ObsDifferences(first->model, first->revision)) {
    cx.details.push_back(
        absl::StrCat("  ", d.field, ": expected ", d.a, ", actual ", d.b));
  }
}

}  // namespace

Counterexample TellCounterexample(const trace::Trace& t, uint64_t seed,
                                  const dbgref_revision& revision) {
  const trace::Observations model = trace::RunOnModel(t);
  const trace::Observations theirs = RunOnRevision(t, revision);
  Counterexample cx = Common(t, seed, model, theirs, revision.name);
  props::LockstepRunner runner(revision);
  AddBreak(model, theirs, runner.FirstDivergence(t), revision.name, cx);
  return cx;
}

Counterexample TellKernelCounterexample(const trace::Trace& t, uint64_t seed,
                                        const KernelJudgement& j,
                                        const std::string& kernel) {
  Counterexample cx = Common(t, seed, j.steps.model, j.steps.kernel, kernel);
  AddBreak(j.steps.model, j.steps.kernel, j.first, kernel, cx);
  if (!j.differences.empty()) {
    cx.details.push_back(
        absl::StrCat("what ", kernel, " showed, against the model:"));
  }
  for (const oracle::KernelDifference& d : j.differences) {
    bool carried = true;
    for (const oracle::KernelDifference& u : j.steps.uncarried) {
      if (u.op == d.op && u.field == d.field) carried = false;
    }
    const std::string op =
        d.op < t.ops.size() ? trace::FormatOp(t.ops[d.op]) : "?";
    cx.details.push_back(absl::StrCat(
        "  operation ", d.op + 1, " (", op, "): ", d.field, ": ", kernel,
        " ", d.kernel, ", model ", d.model,
        carried ? "" : " (no step of the model holds it)"));
  }
  return cx;
}

}  // namespace dbgref::tools
