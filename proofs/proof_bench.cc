// Proves every obligation once on the reference model and prints the time:
// proofs_total_s=<seconds> (wall time of the whole run), then
// proof_<name>_s=<seconds> per obligation (building its formulas and
// deciding them). Exits 1 if any obligation is not proved.
#include <chrono>
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "proofs/obligations.h"

int main() {
  using dbgref::proofs::ProofResult;
  const auto begin = std::chrono::steady_clock::now();
  bool all_proved = true;
  std::string lines;
  for (const dbgref::proofs::Obligation& o : dbgref::proofs::AllObligations()) {
    const absl::StatusOr<ProofResult> r = dbgref::proofs::Prove(o.name);
    if (!r.ok()) return 2;
    const bool proved = r->status == ProofResult::Status::kProved;
    all_proved = all_proved && proved;
    absl::StrAppendFormat(
        &lines, "proof_%s_s=%.3f%s\n", o.name, r->seconds,
        proved ? "" : " " + dbgref::proofs::StatusName(r->status));
  }
  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count();
  std::printf("proofs_total_s=%.3f\n%s", total, lines.c_str());
  return all_proved ? 0 : 1;
}
