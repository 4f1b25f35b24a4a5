// Proving every obligation (see proof_summary.h).
#include "tools/proof_summary.h"

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "proofs/obligations.h"
#include "props/elapsed.h"
#include "tools/progress.h"

namespace dbgref::tools {

ProofSummary RunProofs(bool quiet) {
  ProofSummary summary;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<proofs::Obligation>& all = proofs::AllObligations();
  Progress progress("proving the model's obligations", quiet);
  for (size_t i = 0; i < all.size(); ++i) {
    progress.Update(static_cast<double>(i) / all.size());
    absl::StatusOr<proofs::ProofResult> result = proofs::Prove(all[i].name);
    const bool proved =
        result.ok() && result->status == proofs::ProofResult::Status::kProved;
    auto [it, inserted] =
        summary.proved_by_requirement.emplace(all[i].requirement, proved);
    if (!inserted) it->second = it->second && proved;
    if (!proved) {
      summary.all_proved = false;
      summary.notes.push_back(absl::StrCat(
          "model proof ", all[i].name, " (", all[i].requirement, "): ",
          result.ok() ? proofs::StatusName(result->status)
                      : std::string(result.status().message())));
    }
  }
  summary.seconds = props::SecondsSince(start);
  return summary;
}

}  // namespace dbgref::tools
