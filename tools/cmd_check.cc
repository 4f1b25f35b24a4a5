// dbgref check [REV]: the model's proofs, then the differential check of
// every revision (or of REV) against the model: per revision, each
// requirement's verdict with what its manifest expects, and each
// counterexample as its v2 trace and its story (trace/story.h); then one
// summary line per revision.
//
// Exit 0 when every proof holds and every revision with an expectation (a
// manifest, props/manifests/REV.txt; the model, which must keep every
// requirement) has exactly the outcome it expects; 1 otherwise. A revision
// without a manifest (props/manifests/REV.txt missing, as for a new kernel
// version) is checked and shown, but has no expectation to fail. 2 for a
// usage or input error, nothing printed on stdout.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/commands.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revision_check.h"
#include "tools/revisions.h"

namespace dbgref::tools {

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
    for (const Report& report : reports) {
      std::fputs(RenderCheck(report).c_str(), stdout);
    }
  }
  if (command.format != OutputFormat::kJson) {
    std::printf("dbgref check: model proofs %s (%.1f s)\n",
                proofs.all_proved ? "all proved" : "NOT all proved",
                proofs.seconds);
    for (const Report& report : reports) {
      std::printf("  %s\n", CheckSummaryLine(report).c_str());
    }
  }
  return as_expected ? 0 : 1;
}

}  // namespace dbgref::tools
