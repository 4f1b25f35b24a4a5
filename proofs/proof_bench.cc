// Proves every obligation once on the reference model and prints the time:
// proofs_total_s=<seconds>, then proof_<name>_s=<seconds> per obligation.
// Exits 1 if any obligation is not proved.
#include <cstdio>

#include "absl/status/statusor.h"
#include "proofs/obligations.h"

int main() {
  using dbgref::proofs::ProofResult;
  double total = 0;
  bool all_proved = true;
  std::string lines;
  for (const dbgref::proofs::Obligation& o : dbgref::proofs::AllObligations()) {
    const absl::StatusOr<ProofResult> r = dbgref::proofs::Prove(o.name);
    if (!r.ok()) return 2;
    total += r->seconds;
    all_proved = all_proved && r->status == ProofResult::Status::kProved;
    char line[256];
    std::snprintf(line, sizeof(line), "proof_%s_s=%.3f%s\n", o.name.c_str(),
                  r->seconds,
                  r->status == ProofResult::Status::kProved
                      ? ""
                      : (" " + dbgref::proofs::StatusName(r->status)).c_str());
    lines += line;
  }
  std::printf("proofs_total_s=%.3f\n%s", total, lines.c_str());
  return all_proved ? 0 : 1;
}
