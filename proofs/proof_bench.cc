// Proves every obligation once on the reference model, on as many threads
// as the machine has cores (proofs::ProveAll), and prints the time:
// proofs_total_s=<seconds> (wall time of the whole run), proofs_threads=,
// then proof_<name>_s=<seconds> per obligation (building its formulas and
// deciding them, while the other threads prove theirs). Exits 1 if any
// obligation is not proved.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "proofs/obligations.h"

int main() {
  using dbgref::proofs::ProofResult;
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto begin = std::chrono::steady_clock::now();
  const std::vector<ProofResult> results = dbgref::proofs::ProveAll(threads);
  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count();
  bool all_proved = true;
  std::string lines;
  for (const ProofResult& r : results) {
    const bool proved = r.status == ProofResult::Status::kProved;
    all_proved = all_proved && proved;
    absl::StrAppendFormat(
        &lines, "proof_%s_s=%.3f%s\n", r.name, r.seconds,
        proved ? "" : " " + dbgref::proofs::StatusName(r.status));
  }
  std::printf("proofs_total_s=%.3f\nproofs_threads=%u\n%s", total, threads,
              lines.c_str());
  return all_proved ? 0 : 1;
}
