// dbgref review REV: the model's proofs, then the differential campaign of
// REV against the model, judged per requirement, as a report a reviewer
// can paste (tools/report.h).
//
// Exit 0 when every requirement holds on REV, 1 when any is broken (or a
// proof fails), 2 for a usage or input error.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "port/driver.h"
#include "props/manifest.h"
#include "tools/commands.h"
#include "tools/proof_summary.h"
#include "tools/revision_review.h"
#include "tools/revisions.h"

namespace dbgref::tools {

int RunReview(const Command& command) {
  absl::StatusOr<std::vector<const dbgref_port*>> ports =
      SelectRevisions(command.args[0]);
  if (!ports.ok()) return InputError(std::string(ports.status().message()));
  absl::StatusOr<props::Manifest> manifest =
      props::LoadManifest(command.args[0]);
  const ProofSummary proofs = RunProofs(command.quiet);
  const RevisionReview review =
      ReviewRevision(*ports->front(), ReviewOptionsOf(command), proofs,
                     manifest.ok() ? &*manifest : nullptr);
  PrintReport(review.report, command.format);
  return review.any_broken || !proofs.all_proved ? 1 : 0;
}

}  // namespace dbgref::tools
