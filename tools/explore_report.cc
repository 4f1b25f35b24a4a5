// Rendering of the explore report (see explore_report.h).
#include "tools/explore_report.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "props/requirement_set.h"
#include "props/workspace_file.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/replay_json.h"

namespace dbgref::tools {
namespace {

using trace::JsonString;

constexpr char kConstraint[] =
    "guest PC in the program (its lines and the END word after them) or "
    "in the exception handler; other states are judged, not extended";

absl::string_view ExpectationName(Expectation e) {
  switch (e) {
    case Expectation::kExpected:
      return "expected";
    case Expectation::kUnexpected:
      return "UNEXPECTED";
    case Expectation::kMissing:
      return "MISSING";
  }
  return "";
}

std::optional<int> SavedLength(const props::ManifestEntry& entry) {
  if (entry.trace_path.empty()) return std::nullopt;
  absl::StatusOr<std::string> text = props::ReadWorkspaceFile(entry.trace_path);
  if (!text.ok()) return std::nullopt;
  absl::StatusOr<trace::Trace> t = trace::ParseTrace(*text);
  if (!t.ok()) return std::nullopt;
  return static_cast<int>(t->ops.size());
}

std::string ClosedLine(const ExploreReport& r) {
  if (r.result.closed) {
    return absl::StrCat(
        "closed: yes, no new state is reachable; every sequence of any "
        "length over the alphabet has been judged");
  }
  return absl::StrCat("closed: NO, the search stopped at depth ",
                      r.options.max_depth,
                      " with states left to extend; nothing is claimed for "
                      "longer sequences");
}

}  // namespace

bool ExploreReport::AsExpected() const {
  if (!result.closed) return false;
  for (const ExploreLine& l : lines) {
    if (l.expectation != Expectation::kExpected) return false;
  }
  return true;
}

ExploreReport MakeExploreReport(const std::string& revision,
                                const props::Alphabet& alphabet,
                                const props::ExploreOptions& options,
                                props::ExploreResult result,
                                const props::Manifest* manifest) {
  ExploreReport r;
  r.revision = revision;
  r.alphabet = &alphabet;
  r.options = options;
  r.result = std::move(result);
  r.has_manifest = manifest != nullptr;
  for (const std::string& id : props::RequirementIds()) {
    int index = -1;
    for (std::size_t i = 0; i < r.result.findings.size(); ++i) {
      if (r.result.findings[i].id == id) index = static_cast<int>(i);
    }
    const props::ManifestEntry* entry =
        manifest == nullptr ? nullptr : manifest->Find(id);
    const bool expected = entry != nullptr && manifest->IsBroken(id);
    if (index < 0 && !expected) continue;
    ExploreLine line;
    line.id = id;
    line.finding = index;
    line.expectation = index < 0  ? Expectation::kMissing
                       : expected ? Expectation::kExpected
                                  : Expectation::kUnexpected;
    if (expected) line.campaign_length = SavedLength(*entry);
    r.lines.push_back(line);
  }
  return r;
}

std::string RenderExploreText(const ExploreReport& r) {
  const props::ExploreResult& x = r.result;
  std::string out = absl::StrCat("dbgref explore ", r.revision, "\n");
  for (const std::string& line : props::DescribeAlphabet(*r.alphabet)) {
    absl::StrAppend(&out, line, "\n");
  }
  absl::StrAppend(&out, "state constraint: ", kConstraint, "\n");
  absl::StrAppend(
      &out, absl::StrFormat("search: breadth first, %d thread%s, depth at "
                            "most %d, at most %d states\n",
                            x.threads, x.threads == 1 ? "" : "s",
                            r.options.max_depth, r.options.max_states));
  absl::StrAppend(
      &out,
      absl::StrFormat("distinct states: %d (%d start states, one per "
                      "program)\ntransitions: %d (%d into states outside the "
                      "constraint)\ndepth: %d\ntime: %.2f s (CPU %.2f s), %.0f "
                      "transitions/s\n",
                      x.distinct, x.programs, x.transitions, x.constrained,
                      x.depth, x.seconds, x.cpu_seconds,
                      x.seconds > 0 ? x.transitions / x.seconds : 0.0));
  absl::StrAppend(
      &out, absl::StrFormat(
                "fingerprints: 64 bits of %d bytes of state, table %.1f MiB; "
                "collision probability %.3g (TLC's optimistic n(t-n)/2^64), "
                "%.3g (birthday bound n(n-1)/2^65)\n",
                x.state_bytes, x.table_bytes / 1048576.0,
                x.collision_optimistic, x.collision_birthday));
  absl::StrAppend(&out, ClosedLine(r), "\n");
  absl::StrAppend(&out, "findings (shortest counterexample in operations; ",
                  r.has_manifest ? "the manifest" : "no manifest",
                  "; the campaign's shrunk counterexample):\n");
  if (r.lines.empty()) absl::StrAppend(&out, "  none\n");
  for (const ExploreLine& l : r.lines) {
    std::string length = "-";
    if (l.finding >= 0) {
      const props::ExploreFinding& f = x.findings[l.finding];
      length = absl::StrCat(f.length, " ops, ", f.counterexample.program.count,
                            " lines", f.replayed ? "" : " (NOT replayed)");
    }
    const std::string campaign =
        l.campaign_length ? absl::StrCat(*l.campaign_length, " ops") : "-";
    absl::StrAppend(
        &out, absl::StrFormat("  %-16s %-15s %-10s campaign %s\n", l.id, length,
                              ExpectationName(l.expectation), campaign));
  }
  for (const ExploreLine& l : r.lines) {
    if (l.finding < 0) continue;
    absl::StrAppend(&out, "\n# ", l.id, ": shortest counterexample\n",
                    trace::FormatTrace(x.findings[l.finding].counterexample));
  }
  absl::StrAppend(
      &out, "\nexplore ", r.revision, ": ", x.closed ? "closed" : "NOT closed",
      ", ", x.findings.size(), " findings, ",
      r.AsExpected()
          ? "as the manifest expects"
          : (r.has_manifest ? "NOT as the manifest expects" : "no manifest"),
      "\n");
  return out;
}

std::string RenderExploreJson(const ExploreReport& r) {
  const props::ExploreResult& x = r.result;
  std::vector<std::string> alphabet;
  for (const std::string& line : props::DescribeAlphabet(*r.alphabet)) {
    alphabet.push_back(JsonString(line));
  }
  std::vector<std::string> findings;
  for (const ExploreLine& l : r.lines) {
    std::string f = absl::StrCat(
        "{\"id\":", JsonString(l.id), ",\"expectation\":",
        JsonString(absl::AsciiStrToLower(ExpectationName(l.expectation))));
    if (l.finding >= 0) {
      const props::ExploreFinding& e = x.findings[l.finding];
      absl::StrAppend(
          &f, ",\"length\":", e.length,
          ",\"program_lines\":", e.counterexample.program.count,
          ",\"replayed\":", e.replayed ? "true" : "false",
          ",\"trace\":", JsonString(trace::FormatTrace(e.counterexample)));
    }
    if (l.campaign_length) {
      absl::StrAppend(&f, ",\"campaign_length\":", *l.campaign_length);
    }
    findings.push_back(f + "}");
  }
  return absl::StrCat(
      "{\"revision\":", JsonString(r.revision),
      ",\"alphabet\":", JsonString(r.alphabet->name), ",\"alphabet_lines\":[",
      absl::StrJoin(alphabet, ","),
      "],\"breakpoints\":", props::Breakpoints(r.alphabet->host),
      ",\"watchpoints\":", props::Watchpoints(r.alphabet->host),
      ",\"threads\":", x.threads, ",\"max_depth\":", r.options.max_depth,
      ",\"distinct\":", x.distinct, ",\"programs\":", x.programs,
      ",\"transitions\":", x.transitions, ",\"constrained\":", x.constrained,
      ",\"depth\":", x.depth,
      ",\"seconds\":", absl::StrFormat("%.3f", x.seconds),
      ",\"cpu_seconds\":", absl::StrFormat("%.3f", x.cpu_seconds),
      ",\"transitions_per_s\":",
      absl::StrFormat("%.0f", x.seconds > 0 ? x.transitions / x.seconds : 0.0),
      ",\"collision_optimistic\":",
      absl::StrFormat("%.3g", x.collision_optimistic),
      ",\"collision_birthday\":", absl::StrFormat("%.3g", x.collision_birthday),
      ",\"closed\":", x.closed ? "true" : "false",
      ",\"as_expected\":", r.AsExpected() ? "true" : "false", ",\"findings\":[",
      absl::StrJoin(findings, ","), "]}\n");
}

}  // namespace dbgref::tools
