// One revision checked against the model, as a report (tools/report.h):
// the differential campaign (props/campaign.h for the model and the ports,
// tools/kernel_campaign.h for a real kernel), judged per requirement,
// together with the model's proofs and the revision's manifest
// (props/manifests/REV.txt). check and review both call it.
#ifndef DBGREF_TOOLS_REVISION_CHECK_H_
#define DBGREF_TOOLS_REVISION_CHECK_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "tools/cli.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revisions.h"

namespace dbgref::tools {

struct CheckOptions {
  // Of the campaign; 0: the revision's default (DefaultSequences).
  uint64_t sequences = 0;
  uint64_t seed = 1;          // of the campaign
  bool quiet = false;         // no progress line
  bool save_traces = true;    // each counterexample under out/traces/
  std::string program;        // argv[0]: the kernels' initramfs is beside it
};

// The options the command line asks for; the defaults where it names none.
CheckOptions CheckOptionsOf(const Command& command);

// The campaign's length when the command line names none: for the model
// and the ports 20000 sequences, as the manifests' campaign (bazel run
// //props:save_findings; with 2000, v2's and v2-review's campaigns find 6
// of their 8 findings and the check would differ from their manifests);
// for a real kernel 2000, which one boot runs in well under a minute.
uint64_t DefaultSequences(const Revision& revision);

// Runs the campaign on revision and reports each requirement: broken when
// the campaign found a counterexample (told as a story, and saved), and
// what its manifest expects. An error (a kernel that does not boot, a
// manifest that does not parse) is an error, never a report.
absl::StatusOr<Report> CheckRevision(const Revision& revision,
                                     const CheckOptions& options);

// Adds the proofs to a report: "proof" first among the methods of each
// requirement whose obligations were all proved, and a note for each
// obligation that was not.
void AddProofs(const ProofSummary& proofs, Report& report);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REVISION_CHECK_H_
