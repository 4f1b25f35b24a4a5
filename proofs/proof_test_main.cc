// The main of each proof test: proves the obligations named on the command
// line on the reference model, prints each result with its method, and
// fails unless every one is proved.
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "proofs/obligations.h"

int main(int argc, char** argv) {
  using dbgref::proofs::ProofResult;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OBLIGATION...\n", argv[0]);
    return 2;
  }
  bool all_proved = true;
  for (int i = 1; i < argc; ++i) {
    const absl::StatusOr<ProofResult> r = dbgref::proofs::Prove(argv[i]);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", std::string(r.status().message()).c_str());
      return 2;
    }
    std::printf("%s", dbgref::proofs::FormatResult(*r).c_str());
    all_proved = all_proved && r->status == ProofResult::Status::kProved;
  }
  return all_proved ? 0 : 1;
}
