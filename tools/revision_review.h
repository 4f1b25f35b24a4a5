// One revision reviewed: the differential campaign against the model,
// judged per requirement together with the model's proofs and the
// revision's manifest, as a report (tools/report.h).
#ifndef DBGREF_TOOLS_REVISION_REVIEW_H_
#define DBGREF_TOOLS_REVISION_REVIEW_H_

#include <cstdint>

#include "port/driver.h"
#include "props/manifest.h"
#include "tools/cli.h"
#include "tools/proof_summary.h"
#include "tools/report.h"

namespace dbgref::tools {

struct ReviewOptions {
  uint64_t sequences = 2000;  // of the campaign
  uint64_t seed = 1;          // of the campaign
  bool quiet = false;         // no progress line
  bool save_traces = true;    // each counterexample under out/traces/
};

// The options the command line asks for; the defaults where it names none.
ReviewOptions ReviewOptionsOf(const Command& command);

struct RevisionReview {
  Report report;
  bool any_broken = false;
  // Every verdict is the one the manifest expects (true without one).
  bool matches_manifest = true;
};

// Runs the campaign on port and reports each requirement: broken when the
// campaign found a counterexample (told as a story, and saved), with
// "proof" among its methods when proofs proved all its obligations.
// manifest may be null.
RevisionReview ReviewRevision(const dbgref_port& port,
                              const ReviewOptions& options,
                              const ProofSummary& proofs,
                              const props::Manifest* manifest);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REVISION_REVIEW_H_
