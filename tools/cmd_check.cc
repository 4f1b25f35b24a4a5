// dbgref check [REV]: the model's proofs, then the differential check of
// every revision (or of REV) against the model: per revision, each
// requirement's verdict with what its manifest expects, and each
// counterexample as its v2 trace and its story (trace/story.h); then one
// summary line per revision.
//
// Exit 0 when every proof holds and every revision with an expectation (a
// manifest, props/manifests/REV.txt; the model, which must keep every
// requirement) has exactly the outcome it expects; 1 otherwise. A revision
// without a manifest (a real kernel today) is checked and shown, but has
// no expectation to fail. 2 for a usage or input error, nothing printed on
// stdout.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/commands.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revision_check.h"
#include "tools/revisions.h"

namespace dbgref::tools {
namespace {

void PrintWrapped(const std::string& text, size_t hanging) {
  for (const std::string& line : WrapLine(text, 72, hanging)) {
    std::printf("%s\n", line.c_str());
  }
}

void PrintCounterexample(const Counterexample& cx) {
  PrintWrapped(absl::StrCat("  counterexample (", CounterexampleSize(cx),
                            "):"),
               4);
  size_t start = 0;
  while (start < cx.trace_text.size()) {
    size_t end = cx.trace_text.find('\n', start);
    if (end == std::string::npos) end = cx.trace_text.size();
    std::printf("    %s\n", cx.trace_text.substr(start, end - start).c_str());
    start = end + 1;
  }
  std::printf("  its story:\n");
  for (const std::string& line : CounterexampleLines(cx, 2)) {
    std::printf("%s\n", line.c_str());
  }
}

void PrintRevision(const Report& report) {
  PrintWrapped(absl::StrCat("== ", report.revision, " (", report.description,
                            ")"),
               3);
  PrintWrapped(report.summary, 2);
  PrintWrapped(ExpectationLine(report), 2);
  for (const RequirementResult& r : report.requirements) {
    PrintWrapped(absl::StrCat("  ", VerdictLine(r)), 33);
  }
  for (const RequirementResult& r : report.requirements) {
    if (!r.counterexample) continue;
    std::printf("\n");
    PrintWrapped(absl::StrCat(r.id, " is broken: ", r.title), 2);
    PrintCounterexample(*r.counterexample);
  }
  for (const UnexplainedDifference& u : report.unexplained) {
    std::printf("\n");
    PrintWrapped(absl::StrCat("a difference no requirement explains (",
                              u.traces, " traces): ", u.fields),
                 2);
    PrintCounterexample(u.example);
  }
  for (const std::string& note : report.notes) PrintWrapped(note, 2);
  std::printf("\n");
}

// "v2          8 broken, as its manifest expects".
std::string SummaryLine(const Report& report) {
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

}  // namespace

int RunCheck(const Command& command) {
  std::vector<const Revision*> revisions;
  if (command.args.empty()) {
    for (const Revision& r : AllRevisions()) revisions.push_back(&r);
  } else {
    absl::StatusOr<const Revision*> r = FindRevision(command.args[0]);
    if (!r.ok()) return InputError(r.status());
    revisions.push_back(*r);
  }
  BackgroundProofs background;
  const CheckOptions options = CheckOptionsOf(command);
  std::vector<Report> reports;
  for (const Revision* revision : revisions) {
    absl::StatusOr<Report> report = CheckRevision(*revision, options);
    if (!report.ok()) return InputError(report.status());
    reports.push_back(std::move(*report));
  }
  const ProofSummary& proofs = background.Wait(command.quiet);
  bool as_expected = proofs.all_proved;
  for (Report& report : reports) {
    AddProofs(proofs, report);
    if (report.matches_manifest && !*report.matches_manifest) {
      as_expected = false;
    }
  }
  if (command.format == OutputFormat::kJson) {
    std::fputs(RenderJson(reports).c_str(), stdout);
  } else if (command.format == OutputFormat::kMarkdown) {
    for (const Report& report : reports) {
      std::fputs(RenderMarkdown(report).c_str(), stdout);
      std::printf("\n");
    }
  } else {
    for (const Report& report : reports) PrintRevision(report);
  }
  if (command.format != OutputFormat::kJson) {
    std::printf("dbgref check: model proofs %s (%.1f s)\n",
                proofs.all_proved ? "all proved" : "NOT all proved",
                proofs.seconds);
    for (const Report& report : reports) {
      std::printf("  %s\n", SummaryLine(report).c_str());
    }
  }
  return as_expected ? 0 : 1;
}

}  // namespace dbgref::tools
