// dbgref review REV: the model's proofs, then the differential campaign of
// REV against the model, judged per requirement and compared with REV's
// manifest, as a report a reviewer can paste (tools/report.h).
//
// Exit 0 when every requirement holds (or is not observed) on REV and
// nothing is unexplained, 1 when one is broken, a difference is
// unexplained or a proof fails, 2 for a usage or input error (an unknown
// revision, a kernel that does not boot): then nothing is printed on
// stdout.

#include "absl/status/statusor.h"
#include "tools/commands.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revision_check.h"
#include "tools/revisions.h"

namespace dbgref::tools {

int RunReview(const Command& command) {
  absl::StatusOr<const Revision*> revision = FindRevision(command.args[0]);
  if (!revision.ok()) return InputError(revision.status());
  BackgroundProofs background;
  absl::StatusOr<Report> report =
      CheckRevision(**revision, CheckOptionsOf(command));
  if (!report.ok()) return InputError(report.status());
  const ProofSummary& proofs = background.Wait(command.quiet);
  AddProofs(proofs, *report);
  PrintReport(*report, command.format);
  const bool findings =
      report->Count(Status::kBroken) > 0 || !report->unexplained.empty();
  return findings || !proofs.all_proved ? 1 : 0;
}

}  // namespace dbgref::tools
