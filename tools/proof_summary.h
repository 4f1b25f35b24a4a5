// The model's proof obligations, each proved once per command, summed up
// per requirement for the review reports.
#ifndef DBGREF_TOOLS_PROOF_SUMMARY_H_
#define DBGREF_TOOLS_PROOF_SUMMARY_H_

#include <map>
#include <string>
#include <vector>

namespace dbgref::tools {

struct ProofSummary {
  // For each requirement (or INVARIANT) with an obligation: whether every
  // one of its obligations was proved.
  std::map<std::string, bool> proved_by_requirement;
  // One line per obligation not proved, with why.
  std::vector<std::string> notes;
  double seconds = 0;
  bool all_proved = true;
};

// Proves every obligation of proofs/obligations.h, with a progress line
// unless quiet.
ProofSummary RunProofs(bool quiet);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_PROOF_SUMMARY_H_
