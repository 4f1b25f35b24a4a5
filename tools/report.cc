// Renders a report as text, markdown or JSON (see report.h).

#include "tools/report.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "trace/replay_json.h"

namespace dbgref::tools {
namespace {

constexpr std::size_t kTextWidth = 72;

using trace::JsonString;

// What the manifest expects, "" without one.
std::string ExpectedText(const RequirementResult& r) {
  return r.expected ? std::string(props::VerdictName(*r.expected)) : "";
}

// Whether the status differs from the manifest's expectation.
bool Unexpected(const RequirementResult& r) {
  if (!r.expected) return false;
  if (r.status == Status::kNotObserved) {
    return *r.expected == props::Verdict::kBroken;
  }
  return (r.status == Status::kBroken) !=
         (*r.expected == props::Verdict::kBroken);
}

void AppendWrapped(std::string* out, const std::string& text,
                   std::size_t indent, std::size_t hanging) {
  for (const std::string& line : WrapLine(std::string(indent, ' ') + text,
                                          kTextWidth, indent + hanging)) {
    absl::StrAppend(out, line, "\n");
  }
}

void AppendLines(std::string* out, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) absl::StrAppend(out, line, "\n");
}

}  // namespace

std::string ExpectationLine(const Report& report) {
  if (!report.matches_manifest) {
    return "no manifest: its outcomes have no expectation";
  }
  if (report.manifest.empty()) {  // the model: the reference
    return *report.matches_manifest
               ? "as the reference must: every requirement holds"
               : "DIFFERS from the reference, which keeps every requirement";
  }
  return absl::StrCat(*report.matches_manifest ? "as " : "DIFFERS from what ",
                      report.manifest, " expects");
}

namespace {

std::string CounterexampleHeading(const Counterexample& cx) {
  return absl::StrCat("shortest counterexample (", CounterexampleSize(cx),
                      "):");
}

std::string JsonStrings(const std::vector<std::string>& lines) {
  std::vector<std::string> quoted;
  for (const std::string& line : lines) quoted.push_back(JsonString(line));
  return absl::StrCat("[", absl::StrJoin(quoted, ", "), "]");
}

std::string CounterexampleJson(const Counterexample& cx) {
  return absl::StrCat(
      "{\"seed\": ", cx.seed, ", \"operations\": ", cx.operations,
      ", \"program_lines\": ", cx.program_lines,
      ", \"story\": ", JsonStrings(cx.story),
      ", \"details\": ", JsonStrings(cx.details),
      ", \"trace\": ", JsonString(cx.trace_text),
      ", \"saved\": ", JsonString(cx.saved_path), "}");
}

void AppendMarkdownCounterexample(std::string* out, const Counterexample& cx) {
  absl::StrAppend(out, CounterexampleHeading(cx), "\n\n```\n");
  AppendLines(out, cx.story);
  AppendLines(out, cx.details);
  absl::StrAppend(out, "```\n\nThe trace");
  if (!cx.saved_path.empty()) absl::StrAppend(out, " (`", cx.saved_path, "`)");
  absl::StrAppend(out, ":\n\n```\n", cx.trace_text, "```\n");
}

}  // namespace

std::string CounterexampleSize(const Counterexample& cx) {
  return absl::StrCat(
      cx.operations, cx.operations == 1 ? " operation, " : " operations, ",
      cx.program_lines,
      cx.program_lines == 1 ? " program line" : " program lines", ", seed ",
      cx.seed);
}

absl::string_view StatusName(Status status) {
  switch (status) {
    case Status::kHolds:
      return "holds";
    case Status::kBroken:
      return "broken";
    case Status::kNotObserved:
      return "not observed";
  }
  return "?";
}

int Report::Count(Status status) const {
  int n = 0;
  for (const RequirementResult& r : requirements) n += r.status == status;
  return n;
}

std::vector<std::string> WrapLine(const std::string& text, std::size_t width,
                                  std::size_t indent) {
  std::vector<std::string> lines;
  const std::string pad(indent, ' ');
  std::string rest = text;
  std::size_t content_start = 0;  // where this line's own text begins
  while (content_start < rest.size() && rest[content_start] == ' ') {
    ++content_start;
  }
  while (rest.size() > width) {
    std::size_t cut = rest.rfind(' ', width);
    if (cut == std::string::npos || cut <= content_start) {
      // No space to break at: split the word.
      lines.push_back(rest.substr(0, width));
      rest = pad + rest.substr(width);
    } else {
      std::size_t end = cut;
      while (end > content_start && rest[end - 1] == ' ') --end;
      lines.push_back(rest.substr(0, end));
      std::size_t next = cut;
      while (next < rest.size() && rest[next] == ' ') ++next;
      rest = pad + rest.substr(next);
    }
    content_start = indent;
  }
  lines.push_back(rest);
  return lines;
}

std::string VerdictLine(const RequirementResult& r) {
  std::string line =
      absl::StrFormat("%-17s %-12s %s", r.id, StatusName(r.status),
                      absl::StrJoin(r.methods, ", "));
  if (Unexpected(r)) absl::StrAppend(&line, "; manifest says ", ExpectedText(r));
  return line;
}

std::vector<std::string> CounterexampleLines(const Counterexample& cx,
                                             std::size_t indent) {
  std::vector<std::string> out;
  auto add = [&](const std::string& text, std::size_t extra) {
    // A story line keeps its own indentation; its continuation lines go 4
    // further in, as trace::TellStory wraps them.
    std::size_t lead = 0;
    while (lead < text.size() && text[lead] == ' ') ++lead;
    for (std::string& piece :
         WrapLine(std::string(indent + extra, ' ') + text, kTextWidth,
                  indent + extra + lead + 4)) {
      out.push_back(std::move(piece));
    }
  };
  for (const std::string& line : cx.story) add(line, 0);
  for (const std::string& line : cx.details) add(line, 0);
  if (!cx.saved_path.empty()) add(absl::StrCat("trace: ", cx.saved_path), 0);
  return out;
}

std::string RenderText(const Report& report) {
  std::string out;
  AppendWrapped(&out,
                absl::StrCat("dbgref review of ", report.revision,
                             report.description.empty()
                                 ? ""
                                 : absl::StrCat(" (", report.description, ")")),
                0, 2);
  if (!report.summary.empty()) AppendWrapped(&out, report.summary, 0, 2);
  AppendWrapped(&out, ExpectationLine(report), 0, 2);
  absl::StrAppend(&out, "\n");
  for (const RequirementResult& r : report.requirements) {
    AppendWrapped(&out, VerdictLine(r), 0, 31);
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    absl::StrAppend(&out, "\n");
    AppendWrapped(&out, absl::StrCat(r.id, " is broken: ", r.title), 0, 2);
    AppendWrapped(&out, CounterexampleHeading(*r.counterexample), 0, 2);
    AppendLines(&out, CounterexampleLines(*r.counterexample, 2));
  }
  for (const UnexplainedDifference& u : report.unexplained) {
    absl::StrAppend(&out, "\n");
    AppendWrapped(&out,
                  absl::StrCat("a difference no requirement explains (",
                               u.traces, u.traces == 1 ? " trace" : " traces",
                               "): ", u.fields),
                  0, 2);
    AppendWrapped(&out, CounterexampleHeading(u.example), 0, 2);
    AppendLines(&out, CounterexampleLines(u.example, 2));
  }
  if (!report.notes.empty()) absl::StrAppend(&out, "\n");
  for (const std::string& note : report.notes) AppendWrapped(&out, note, 0, 2);
  return out;
}

namespace {

void AppendCheckCounterexample(std::string* out, const Counterexample& cx) {
  AppendWrapped(out, absl::StrCat("counterexample (", CounterexampleSize(cx),
                                  "):"),
                2, 2);
  std::size_t start = 0;
  while (start < cx.trace_text.size()) {
    std::size_t end = cx.trace_text.find('\n', start);
    if (end == std::string::npos) end = cx.trace_text.size();
    absl::StrAppend(out, "    ", cx.trace_text.substr(start, end - start),
                    "\n");
    start = end + 1;
  }
  absl::StrAppend(out, "  its story:\n");
  AppendLines(out, CounterexampleLines(cx, 2));
}

}  // namespace

std::string RenderCheck(const Report& report) {
  std::string out;
  AppendWrapped(&out,
                absl::StrCat("== ", report.revision, " (", report.description,
                             ")"),
                0, 3);
  AppendWrapped(&out, report.summary, 0, 2);
  AppendWrapped(&out, ExpectationLine(report), 0, 2);
  for (const RequirementResult& r : report.requirements) {
    AppendWrapped(&out, VerdictLine(r), 2, 31);
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    absl::StrAppend(&out, "\n");
    AppendWrapped(&out, absl::StrCat(r.id, " is broken: ", r.title), 0, 2);
    AppendCheckCounterexample(&out, *r.counterexample);
  }
  for (const UnexplainedDifference& u : report.unexplained) {
    absl::StrAppend(&out, "\n");
    AppendWrapped(&out,
                  absl::StrCat("a difference no requirement explains (",
                               u.traces, u.traces == 1 ? " trace" : " traces",
                               "): ", u.fields),
                  0, 2);
    AppendCheckCounterexample(&out, u.example);
  }
  if (!report.notes.empty()) absl::StrAppend(&out, "\n");
  for (const std::string& note : report.notes) AppendWrapped(&out, note, 0, 2);
  absl::StrAppend(&out, "\n");
  return out;
}

std::string CheckSummaryLine(const Report& report) {
  std::string line = absl::StrFormat("%-11s %2d broken", report.revision,
                                     report.Count(Status::kBroken));
  const int unobserved = report.Count(Status::kNotObserved);
  if (unobserved > 0) absl::StrAppend(&line, ", ", unobserved, " not observed");
  if (!report.unexplained.empty()) {
    absl::StrAppend(&line, ", ", report.unexplained.size(), " unexplained");
  }
  if (!report.matches_manifest) {
    absl::StrAppend(&line, ", no manifest");
  } else if (report.manifest.empty()) {
    absl::StrAppend(&line, *report.matches_manifest
                               ? ", as the reference must"
                               : ", DIFFERS from the reference");
  } else {
    absl::StrAppend(&line, *report.matches_manifest
                               ? ", as its manifest expects"
                               : ", DIFFERS from its manifest");
  }
  return line;
}

std::string RenderMarkdown(const Report& report) {
  std::string out =
      absl::StrCat("## dbgref review of `", report.revision, "`\n\n");
  if (!report.description.empty()) {
    absl::StrAppend(&out, report.description, "\n\n");
  }
  if (!report.summary.empty()) absl::StrAppend(&out, report.summary, "\n\n");
  absl::StrAppend(&out, ExpectationLine(report), "\n\n");
  absl::StrAppend(&out, "| requirement | verdict | method | manifest |\n",
                  "| --- | --- | --- | --- |\n");
  for (const RequirementResult& r : report.requirements) {
    absl::StrAppend(&out, "| `", r.id, "` | ",
                    Unexpected(r) ? "**" : "", StatusName(r.status),
                    Unexpected(r) ? "**" : "", " | ",
                    absl::StrJoin(r.methods, ", "), " | ", ExpectedText(r),
                    " |\n");
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    absl::StrAppend(&out, "\n### `", r.id, "` is broken\n\n", r.title,
                    "\n\n");
    AppendMarkdownCounterexample(&out, *r.counterexample);
  }
  for (const UnexplainedDifference& u : report.unexplained) {
    absl::StrAppend(&out, "\n### A difference no requirement explains\n\n",
                    u.traces, u.traces == 1 ? " trace shows" : " traces show",
                    ": ", u.fields, "\n\n");
    AppendMarkdownCounterexample(&out, u.example);
  }
  for (const std::string& note : report.notes) {
    absl::StrAppend(&out, "\n> ", note, "\n");
  }
  return out;
}

std::string RenderJson(const Report& report) {
  std::string out = absl::StrCat(
      "{\"revision\": ", JsonString(report.revision),
      ", \"description\": ", JsonString(report.description),
      ", \"summary\": ", JsonString(report.summary),
      ", \"manifest\": ", JsonString(report.manifest),
      ", \"matches_manifest\": ",
      !report.matches_manifest    ? "null"
      : *report.matches_manifest ? "true"
                                  : "false",
      ", \"requirements\": [");
  for (std::size_t i = 0; i < report.requirements.size(); ++i) {
    const RequirementResult& r = report.requirements[i];
    absl::StrAppend(&out, i ? ", " : "", "{\"id\": ", JsonString(r.id),
                    ", \"title\": ", JsonString(r.title),
                    ", \"status\": ", JsonString(StatusName(r.status)),
                    ", \"method\": ", JsonString(absl::StrJoin(r.methods, ",")),
                    ", \"manifest\": ", JsonString(ExpectedText(r)),
                    ", \"counterexample\": ",
                    r.counterexample ? CounterexampleJson(*r.counterexample)
                                     : "null",
                    "}");
  }
  absl::StrAppend(&out, "], \"unexplained\": [");
  for (std::size_t i = 0; i < report.unexplained.size(); ++i) {
    const UnexplainedDifference& u = report.unexplained[i];
    absl::StrAppend(&out, i ? ", " : "", "{\"fields\": ", JsonString(u.fields),
                    ", \"traces\": ", u.traces,
                    ", \"example\": ", CounterexampleJson(u.example), "}");
  }
  absl::StrAppend(&out, "], \"timings\": {");
  for (std::size_t i = 0; i < report.timings.size(); ++i) {
    absl::StrAppend(&out, i ? ", " : "", JsonString(report.timings[i].first),
                    ": ", absl::StrFormat("%.3f", report.timings[i].second));
  }
  absl::StrAppend(&out, "}, \"notes\": ", JsonStrings(report.notes), "}\n");
  return out;
}

std::string RenderJson(const std::vector<Report>& reports) {
  std::string out = "[";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    std::string one = RenderJson(reports[i]);
    one.pop_back();  // the newline
    absl::StrAppend(&out, i ? ",\n" : "", one);
  }
  absl::StrAppend(&out, "]\n");
  return out;
}

}  // namespace dbgref::tools
