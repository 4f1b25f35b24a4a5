// dbgref check: the model's proofs, then every revision's campaign against
// its manifest; each revision's report, then one line per revision.
//
// Exit 0 when every proof holds and every outcome is the one
// props/manifests/REV.txt expects, 1 otherwise, 2 for a usage or input
// error.

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "port/driver.h"
#include "props/manifest.h"
#include "props/verdict.h"
#include "tools/commands.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revision_review.h"

namespace dbgref::tools {

int RunCheck(const Command& command) {
  const ProofSummary proofs = RunProofs(command.quiet);
  bool all_as_expected = proofs.all_proved;
  std::vector<std::string> lines;
  std::vector<Report> reports;
  for (size_t i = 0; i < dbgref_port_count; ++i) {
    const dbgref_port& port = *dbgref_ports[i];
    absl::StatusOr<props::Manifest> manifest = props::LoadManifest(port.name);
    if (!manifest.ok()) {
      return InputError(std::string(manifest.status().message()));
    }
    RevisionReview review =
        ReviewRevision(port, ReviewOptionsOf(command), proofs, &*manifest);
    all_as_expected = all_as_expected && review.matches_manifest;
    int broken = 0;
    for (const RequirementResult& r : review.report.requirements) {
      if (r.verdict == props::Verdict::kBroken) ++broken;
    }
    lines.push_back(absl::StrFormat("%-10s %2d broken, %s", port.name, broken,
                                    review.matches_manifest
                                        ? "as its manifest expects"
                                        : "DIFFERS from its manifest"));
    reports.push_back(std::move(review.report));
  }
  if (command.format == OutputFormat::kJson) {
    std::fputs(RenderJson(reports).c_str(), stdout);
  } else {
    for (const Report& report : reports) {
      PrintReport(report, command.format);
      std::printf("\n");
    }
    std::printf("dbgref check: model proofs %s (%.1f s)\n",
                proofs.all_proved ? "all proved" : "NOT all proved",
                proofs.seconds);
    for (const std::string& line : lines) std::printf("  %s\n", line.c_str());
  }
  return all_as_expected ? 0 : 1;
}

}  // namespace dbgref::tools
