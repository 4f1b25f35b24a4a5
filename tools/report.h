// The review report: per requirement, whether a revision keeps it and by
// which method that was established, and for each broken one the shortest
// counterexample told as a story in the reviewer's terms. Rendered as plain
// text of at most 72 columns (for a reply on a kernel mailing list), as
// markdown, or as JSON (schema in docs/report-json.md).
#ifndef DBGREF_TOOLS_REPORT_H_
#define DBGREF_TOOLS_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "props/verdict.h"

namespace dbgref::tools {

// One observation field where the port differs from the model.
struct FieldDifference {
  std::string field;
  std::string expected;  // the model's value
  std::string actual;    // the port's value
};

// One numbered step of a counterexample.
struct StoryStep {
  std::string text;  // e.g. "guest: writes DBGBVR1_EL1 = 0x1234 (trapped)"
  std::vector<FieldDifference> differences;  // empty unless model and port
                                             // diverge at this step
  std::string violation;  // the requirement's violation at this step
};

// A counterexample as the report tells it: its steps as a story, and the
// text of its trace.
struct CounterexampleStory {
  uint64_t seed = 0;
  std::vector<StoryStep> steps;
  std::string trace_text;  // the trace file's text
  std::string saved_path;  // where the trace was saved, when it was
};

struct RequirementResult {
  std::string id;     // REQ-...
  std::string title;  // one line
  props::Verdict verdict = props::Verdict::kHolds;
  std::vector<std::string> methods;  // "proof", "property", "scenario"
  // What the revision's manifest expects; nothing without a manifest.
  std::optional<props::Verdict> expected_by_manifest;
  std::optional<CounterexampleStory> counterexample;
};

struct Report {
  std::string revision;
  std::string summary;  // one line
  std::vector<RequirementResult> requirements;
  std::vector<std::pair<std::string, double>> timings;  // name, seconds
  std::vector<std::string> notes;  // e.g. proof obligations that failed
};

std::string RenderText(const Report& report);
std::string RenderMarkdown(const Report& report);
std::string RenderJson(const Report& report);
// Several reports as one JSON array, one report a line.
std::string RenderJson(const std::vector<Report>& reports);

// Wraps text to at most `width` columns; continuation lines get `indent`
// spaces. Words longer than the width are split.
std::vector<std::string> WrapLine(const std::string& text, size_t width,
                                  size_t indent);

// JSON string literal for s, quotes included.
std::string JsonString(const std::string& s);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REPORT_H_
