// The main of each broken-rule test: the model is compiled with one rule
// deliberately broken (a model mutant of tests/mutants/, compiled in with its
// patch applied). Passes when the obligation
// named on the command line fails, with a counterexample from reset that
// the concrete model, broken the same way, replays to the same violation,
// also after a round trip through the trace format.
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "proofs/obligations.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"

namespace {

int Fail(const std::string& why) {
  std::fprintf(stderr, "FAIL: %s\n", why.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using dbgref::proofs::ProofResult;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OBLIGATION\n", argv[0]);
    return 2;
  }
  const std::string name = argv[1];
  const std::string& mutant = dbgref::proofs::CompiledMutant();
  if (mutant.empty()) return Fail("the model has no rule broken");
  std::printf("model compiled with %s\n", mutant.c_str());

  const absl::StatusOr<ProofResult> r = dbgref::proofs::Prove(name);
  if (!r.ok()) return Fail(std::string(r.status().message()));
  std::printf("%s", dbgref::proofs::FormatResult(*r).c_str());
  if (r->status != ProofResult::Status::kFailed) {
    return Fail(name + " is not refuted with " + mutant + " but " +
                dbgref::proofs::StatusName(r->status));
  }
  if (!r->counterexample.has_value()) return Fail("no counterexample");
  if (!r->from_reset) return Fail("the counterexample does not start at reset");
  if (!r->replayed) return Fail("the concrete model does not replay it");

  const std::string text = dbgref::trace::FormatTrace(*r->counterexample);
  const absl::StatusOr<dbgref::trace::Trace> parsed =
      dbgref::trace::ParseTrace(text);
  if (!parsed.ok()) {
    return Fail("the trace does not parse: " +
                std::string(parsed.status().message()));
  }
  const absl::StatusOr<bool> violates =
      dbgref::proofs::ReplayViolates(name, *parsed);
  if (!violates.ok()) return Fail(std::string(violates.status().message()));
  if (!*violates) {
    return Fail("the parsed trace does not violate " + name + " concretely");
  }
  std::printf(
      "%s detects %s: the counterexample replays to the same "
      "violation\n",
      name.c_str(), mutant.c_str());
  return 0;
}
