// The story of a run: operations numbered, their lines indented, the first
// difference from a revision, wrapping (see story.h).
#include "trace/story.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "trace/observations.h"
#include "trace/story_op.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

using story_internal::OpStory;
using story_internal::StepPlace;
using story_internal::TellOp;

const char* StepName(uint32_t step_kind) {
  switch (step_kind) {
    case DBGREF_STEP_IOCTL:
      return "an IOCTL";
    case DBGREF_STEP_ENTER:
      return "an ENTER";
    case DBGREF_STEP_GUEST:
      return "a GUEST";
    default:
      return "an EXIT";
  }
}

// The lines that show the difference at step k of one operation.
std::vector<std::string> DifferenceLines(const OpObservations& model,
                                         const OpObservations& revision,
                                         size_t k, const std::string& name) {
  std::vector<std::string> out;
  if (k < model.size() && k < revision.size()) {
    out.push_back(absl::StrCat(name, " differs here, at ",
                               StepPlace(model[k].step),
                               " (expected: the model):"));
    for (const model::FieldDifference& d :
         model::ObsDifferences(model[k], revision[k])) {
      out.push_back(
          absl::StrCat("  ", d.field, ": expected ", d.a, ", actual ", d.b));
    }
  } else if (k < model.size()) {
    out.push_back(absl::StrCat(name, " differs here: its operation ends after ",
                               revision.size(),
                               " steps, the model's goes on "
                               "with ",
                               StepName(model[k].step), " step"));
  } else {
    out.push_back(absl::StrCat(
        name, " differs here: it goes on with ", StepName(revision[k].step),
        " step, the model's operation ends after ", model.size(), " steps"));
  }
  return out;
}

size_t Digits(size_t n) {
  size_t d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

}  // namespace

std::optional<Divergence> FirstDivergence(const Observations& model,
                                          const Observations& revision) {
  for (size_t i = 0; i < model.size() || i < revision.size(); ++i) {
    if (i >= model.size() || i >= revision.size()) return Divergence{i, 0};
    const OpObservations& m = model[i];
    const OpObservations& r = revision[i];
    for (size_t k = 0; k < m.size() || k < r.size(); ++k) {
      if (k >= m.size() || k >= r.size() || !model::ObsEqual(m[k], r[k])) {
        return Divergence{i, k};
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> StoryLines(const Trace& trace,
                                    const Observations& model,
                                    const Observations* revision,
                                    const StoryOptions& options) {
  std::optional<Divergence> divergence;
  if (revision != nullptr) divergence = FirstDivergence(model, *revision);
  const size_t width = Digits(trace.ops.size());
  const std::string indent(width + 2, ' ');
  std::vector<std::string> out;
  for (size_t i = 0; i < trace.ops.size(); ++i) {
    static const OpObservations kNone;
    const OpObservations& steps = i < model.size() ? model[i] : kNone;
    const OpStory story = TellOp(trace.program, trace.ops[i], steps);
    // The difference goes after the line of its step (or the last line,
    // for a step the model does not have).
    size_t diff_after = story.lines.size() + 1;  // none
    std::vector<std::string> diff;
    if (divergence && divergence->op == i) {
      const OpObservations& theirs =
          i < revision->size() ? (*revision)[i] : kNone;
      const size_t k = divergence->step;
      diff = DifferenceLines(steps, theirs, k, options.revision);
      diff_after = k < story.line_of_step.size() ? story.line_of_step[k]
                                                 : story.lines.size();
    }
    const std::string number = absl::StrCat(i + 1, ".");
    out.push_back(absl::StrCat(std::string(width + 1 - number.size(), ' '),
                               number, " ", story.head));
    for (size_t line = 0; line <= story.lines.size(); ++line) {
      if (line > 0) out.push_back(indent + story.lines[line - 1]);
      if (line == diff_after) {
        for (const std::string& d : diff) out.push_back(indent + "  " + d);
      }
    }
  }
  return out;
}

std::vector<std::string> WrapLine(const std::string& line, size_t width) {
  size_t lead = 0;
  while (lead < line.size() && line[lead] == ' ') ++lead;
  const std::string hanging(lead + 4, ' ');
  std::vector<std::string> out;
  std::string current = line.substr(0, lead);
  bool empty = true;  // current holds no word yet
  for (absl::string_view word : absl::StrSplit(
           absl::string_view(line).substr(lead), ' ', absl::SkipEmpty())) {
    if (!empty && current.size() + 1 + word.size() > width) {
      out.push_back(current);
      current = hanging;
      empty = true;
    }
    if (!empty) current += ' ';
    absl::StrAppend(&current, word);
    empty = false;
  }
  out.push_back(current);
  return out;
}

std::string TellStory(const Trace& trace, const Observations& model,
                      const Observations* revision,
                      const StoryOptions& options) {
  std::string out;
  for (const std::string& line : StoryLines(trace, model, revision, options)) {
    for (const std::string& piece : WrapLine(line, options.width)) {
      absl::StrAppend(&out, piece, "\n");
    }
  }
  return out;
}

}  // namespace dbgref::trace
