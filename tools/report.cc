// Renders a review report as text, markdown or JSON (see report.h).

#include "tools/report.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace dbgref::tools {
namespace {

constexpr size_t kTextWidth = 72;

using props::VerdictName;

// What the manifest expects, "" without one.
std::string ManifestText(const RequirementResult& r) {
  return r.expected_by_manifest
             ? std::string(VerdictName(*r.expected_by_manifest))
             : "";
}

void AppendWrapped(std::string* out, const std::string& text, size_t indent,
                   size_t hanging) {
  for (const std::string& line : WrapLine(std::string(indent, ' ') + text,
                                          kTextWidth, indent + hanging)) {
    absl::StrAppend(out, line, "\n");
  }
}

std::string DifferenceText(const FieldDifference& d) {
  return absl::StrCat(d.field, ": expected ", d.expected, ", got ", d.actual);
}

}  // namespace

std::vector<std::string> WrapLine(const std::string& text, size_t width,
                                  size_t indent) {
  std::vector<std::string> lines;
  const std::string pad(indent, ' ');
  std::string rest = text;
  size_t content_start = 0;  // where this line's own text begins
  while (content_start < rest.size() && rest[content_start] == ' ') {
    ++content_start;
  }
  while (rest.size() > width) {
    size_t cut = rest.rfind(' ', width);
    if (cut == std::string::npos || cut <= content_start) {
      // No space to break at: split the word.
      lines.push_back(rest.substr(0, width));
      rest = pad + rest.substr(width);
    } else {
      size_t end = cut;
      while (end > content_start && rest[end - 1] == ' ') --end;
      lines.push_back(rest.substr(0, end));
      size_t next = cut;
      while (next < rest.size() && rest[next] == ' ') ++next;
      rest = pad + rest.substr(next);
    }
    content_start = indent;
  }
  lines.push_back(rest);
  return lines;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  return out;
}

std::string RenderText(const Report& report) {
  std::string out;
  AppendWrapped(&out, absl::StrCat("dbgref review of ", report.revision), 0, 2);
  if (!report.summary.empty()) AppendWrapped(&out, report.summary, 0, 2);
  absl::StrAppend(&out, "\n");
  for (const RequirementResult& r : report.requirements) {
    std::string line =
        absl::StrFormat("%-17s %-6s (%s)", r.id, VerdictName(r.verdict),
                        absl::StrJoin(r.methods, ", "));
    if (r.expected_by_manifest && *r.expected_by_manifest != r.verdict) {
      absl::StrAppend(&line, " manifest says ", ManifestText(r));
    }
    AppendWrapped(&out, line, 0, 18);
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    const CounterexampleStory& cx = *r.counterexample;
    absl::StrAppend(&out, "\n");
    AppendWrapped(&out, absl::StrCat(r.id, " is broken: ", r.title), 0, 2);
    AppendWrapped(&out,
                  absl::StrCat("shortest counterexample (", cx.steps.size(),
                               " steps, seed ", cx.seed, "):"),
                  0, 2);
    for (size_t i = 0; i < cx.steps.size(); ++i) {
      const StoryStep& step = cx.steps[i];
      const std::string number = absl::StrCat(i + 1, ". ");
      AppendWrapped(&out, absl::StrCat(number, step.text), 2, number.size());
      for (const FieldDifference& d : step.differences) {
        AppendWrapped(&out, DifferenceText(d), 2 + number.size(), 2);
      }
      if (!step.violation.empty()) {
        AppendWrapped(&out,
                      absl::StrCat("violates ", r.id, ": ", step.violation),
                      2 + number.size(), 2);
      }
    }
    if (!cx.saved_path.empty()) {
      AppendWrapped(&out, absl::StrCat("trace: ", cx.saved_path), 0, 2);
    }
  }
  if (!report.notes.empty()) absl::StrAppend(&out, "\n");
  for (const std::string& note : report.notes) AppendWrapped(&out, note, 0, 2);
  return out;
}

std::string RenderMarkdown(const Report& report) {
  std::string out =
      absl::StrCat("## dbgref review of `", report.revision, "`\n\n");
  if (!report.summary.empty()) absl::StrAppend(&out, report.summary, "\n\n");
  absl::StrAppend(&out, "| requirement | verdict | method |\n",
                  "| --- | --- | --- |\n");
  for (const RequirementResult& r : report.requirements) {
    absl::StrAppend(&out, "| `", r.id, "` | ", VerdictName(r.verdict), " | ",
                    absl::StrJoin(r.methods, ", "), " |\n");
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    const CounterexampleStory& cx = *r.counterexample;
    absl::StrAppend(&out, "\n### `", r.id, "` is broken\n\n", r.title,
                    "\n\nShortest counterexample (seed ", cx.seed, "):\n\n");
    for (size_t i = 0; i < cx.steps.size(); ++i) {
      const StoryStep& step = cx.steps[i];
      absl::StrAppend(&out, i + 1, ". ", step.text, "\n");
      for (const FieldDifference& d : step.differences) {
        absl::StrAppend(&out, "   - ", DifferenceText(d), "\n");
      }
      if (!step.violation.empty()) {
        absl::StrAppend(&out, "   - **violates ", r.id, "**: ", step.violation,
                        "\n");
      }
    }
    absl::StrAppend(&out, "\n```\n", cx.trace_text, "```\n");
  }
  for (const std::string& note : report.notes) {
    absl::StrAppend(&out, "\n> ", note, "\n");
  }
  return out;
}

std::string RenderJson(const Report& report) {
  std::string out = absl::StrCat("{\"revision\": ", JsonString(report.revision),
                                 ", \"summary\": ", JsonString(report.summary),
                                 ", \"requirements\": [");
  for (size_t i = 0; i < report.requirements.size(); ++i) {
    const RequirementResult& r = report.requirements[i];
    absl::StrAppend(&out, i ? ", " : "", "{\"id\": ", JsonString(r.id),
                    ", \"title\": ", JsonString(r.title), ", \"status\": \"",
                    VerdictName(r.verdict), "\", \"method\": ",
                    JsonString(absl::StrJoin(r.methods, ",")),
                    ", \"manifest\": ", JsonString(ManifestText(r)),
                    ", \"counterexample\": ");
    if (!r.counterexample) {
      absl::StrAppend(&out, "null}");
      continue;
    }
    const CounterexampleStory& cx = *r.counterexample;
    absl::StrAppend(&out, "{\"seed\": ", cx.seed, ", \"steps\": [");
    for (size_t s = 0; s < cx.steps.size(); ++s) {
      const StoryStep& step = cx.steps[s];
      absl::StrAppend(&out, s ? ", " : "", "{\"step\": ", s + 1,
                      ", \"text\": ", JsonString(step.text),
                      ", \"differences\": [");
      for (size_t d = 0; d < step.differences.size(); ++d) {
        const FieldDifference& f = step.differences[d];
        absl::StrAppend(&out, d ? ", " : "",
                        "{\"field\": ", JsonString(f.field),
                        ", \"expected\": ", JsonString(f.expected),
                        ", \"actual\": ", JsonString(f.actual), "}");
      }
      absl::StrAppend(&out, "], \"violation\": ", JsonString(step.violation),
                      "}");
    }
    absl::StrAppend(&out, "], \"trace\": ", JsonString(cx.trace_text),
                    ", \"saved\": ", JsonString(cx.saved_path), "}}");
  }
  absl::StrAppend(&out, "], \"timings\": {");
  for (size_t i = 0; i < report.timings.size(); ++i) {
    absl::StrAppend(&out, i ? ", " : "", JsonString(report.timings[i].first),
                    ": ", absl::StrFormat("%.3f", report.timings[i].second));
  }
  absl::StrAppend(&out, "}, \"notes\": [");
  for (size_t i = 0; i < report.notes.size(); ++i) {
    absl::StrAppend(&out, i ? ", " : "", JsonString(report.notes[i]));
  }
  absl::StrAppend(&out, "]}\n");
  return out;
}

std::string RenderJson(const std::vector<Report>& reports) {
  std::string out = "[";
  for (size_t i = 0; i < reports.size(); ++i) {
    absl::StrAppend(&out, i ? ",\n" : "", RenderJson(reports[i]));
  }
  absl::StrAppend(&out, "]\n");
  return out;
}

}  // namespace dbgref::tools
