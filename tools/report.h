// The report of one revision checked against the model: per requirement,
// whether the revision keeps it, by which method that was established and
// what the revision's manifest expects; for each broken one the shortest
// counterexample, as a v2 trace and its story (trace/story.h). Rendered as
// plain text of at most 72 columns (for a reply on a kernel mailing list),
// as markdown, or as JSON (schema in docs/report-json.md).
#ifndef DBGREF_TOOLS_REPORT_H_
#define DBGREF_TOOLS_REPORT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "props/verdict.h"

namespace dbgref::tools {

// What the check established for one requirement.
enum class Status {
  kHolds,
  kBroken,
  // The revision's observation cannot show it: a real kernel shows only
  // what userspace and the guest see, and the requirement speaks of KVM's
  // own state (spec/real-kernel.md, "What is left out").
  kNotObserved,
};

// "holds", "broken", "not observed".
absl::string_view StatusName(Status status);

// A counterexample: the trace, and its story told by trace/story.h with
// the revision's first difference from the model.
struct Counterexample {
  uint64_t seed = 0;  // the campaign's sequence seed that found it
  std::size_t operations = 0;
  std::size_t program_lines = 0;
  std::string trace_text;          // the trace file's text (format v2)
  std::vector<std::string> story;  // trace::StoryLines, one line each
  // Lines after the story: where the requirement breaks, when that is
  // later than the first difference; a real kernel's differing fields.
  std::vector<std::string> details;
  std::string saved_path;  // where the trace was written, or ""
};

struct RequirementResult {
  std::string id;     // REQ-...
  std::string title;  // one line
  Status status = Status::kHolds;
  std::vector<std::string> methods;  // "proof", "property", "kernel"
  // What the revision's manifest expects; nothing without a manifest.
  std::optional<props::Verdict> expected;
  std::optional<Counterexample> counterexample;
};

// A difference from the model that breaks no requirement: an error of the
// model or of its CPU, a gap in the requirements, or a finding nobody has
// a requirement for yet. Only a real kernel's check reports them (for a
// port the differential discipline of tests/props decides them).
struct UnexplainedDifference {
  std::string fields;        // the kind: "op 2 RUN: pstate" ...
  std::size_t traces = 0;    // how many of the campaign's traces show it
  Counterexample example;    // the first one, shrunk
};

struct Report {
  std::string revision;     // "v2", "linux-6.1"
  std::string description;  // one line (tools/revisions.h)
  std::string summary;      // one line
  // props/manifests/REV.txt, or "" when the revision has none.
  std::string manifest;
  // Every status is the one the manifest expects and nothing is
  // unexplained; nothing when there is no manifest to compare with.
  std::optional<bool> matches_manifest;
  std::vector<RequirementResult> requirements;  // spec order
  std::vector<UnexplainedDifference> unexplained;
  std::vector<std::pair<std::string, double>> timings;  // name, seconds
  std::vector<std::string> notes;  // the kernel's version, failed proofs...

  int Count(Status status) const;
};

// The review, for a reviewer to paste.
std::string RenderText(const Report& report);
std::string RenderMarkdown(const Report& report);
std::string RenderJson(const Report& report);
// Several reports as one JSON array, one report a line.
std::string RenderJson(const std::vector<Report>& reports);

// The check of one revision (dbgref check): its verdict table with what
// the manifest expects, then each counterexample as its trace file and its
// story.
std::string RenderCheck(const Report& report);

// One line for the end of dbgref check: "v2          8 broken, as its
// manifest expects".
std::string CheckSummaryLine(const Report& report);

// Whether the outcome is what the revision's manifest expects: "as
// props/manifests/v2.txt expects", "DIFFERS from what ... expects", "no
// manifest: its outcomes have no expectation".
std::string ExpectationLine(const Report& report);

// "3 operations, 2 program lines, seed 42".
std::string CounterexampleSize(const Counterexample& cx);

// One requirement's line of the verdict table (text): "REQ-SS   broken
// proof, property; manifest says holds".
std::string VerdictLine(const RequirementResult& r);

// A counterexample as text lines of at most 72 columns, indented by
// `indent`: the story, its details, the trace file's path.
std::vector<std::string> CounterexampleLines(const Counterexample& cx,
                                             std::size_t indent);

// Wraps text to at most `width` columns; continuation lines get `indent`
// spaces. Words longer than the width are split.
std::vector<std::string> WrapLine(const std::string& text, std::size_t width,
                                  std::size_t indent);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REPORT_H_
