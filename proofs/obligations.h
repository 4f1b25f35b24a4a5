// The proof obligations of dbgref and the prover that discharges them with
// Z3 over the model's own rules (see proofs/README.md).
//
//   for (const Obligation& o : AllObligations()) {
//     absl::StatusOr<ProofResult> r = Prove(o.name);
//     std::cout << FormatResult(*r);
//   }
//
// An obligation is proved when its hypotheses (checked satisfiable first,
// with a situation it is about) imply its goal for every value of every
// symbolic input. When it fails, the prover looks for the shortest sequence
// of operations from reset that violates it, replays that sequence on the
// concrete model, and reports it as a trace and as numbered steps.
#ifndef DBGREF_PROOFS_OBLIGATIONS_H_
#define DBGREF_PROOFS_OBLIGATIONS_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "trace/trace.h"

namespace dbgref::proofs {

struct Obligation {
  std::string name;         // snake_case; also its Bazel test target
  std::string requirement;  // REQ-*, INVARIANT, or ALL
  std::string method;       // how it is proved, one line
  std::string summary;      // what it proves, one sentence
};

// Every obligation, in a fixed order: the invariant first, then the
// requirements in the order of spec/requirements.md, then bounded checks.
const std::vector<Obligation>& AllObligations();

struct ProofResult {
  enum class Status { kProved, kFailed, kVacuous, kUnknown };

  std::string name;
  std::string requirement;
  std::string method;
  Status status = Status::kUnknown;
  // The solver strategy that decided it (proofs/decide.h).
  std::string strategy;
  // Wall time to build the formulas, decide them and release them
  // (paths that an earlier obligation on the same thread built are not
  // built again); counterexample search excluded.
  double seconds = 0;
  // kFailed: the operations that violate the obligation. When from_reset,
  // the trace runs from the reset state; otherwise it runs from the state
  // printed in detail.
  std::optional<trace::Trace> counterexample;
  // kFailed: the counterexample as numbered steps, with what the concrete
  // model observed at each and the violation.
  std::string violation;
  bool from_reset = false;
  // kFailed: the concrete model, run on the counterexample, violates the
  // same statement.
  bool replayed = false;
  // kVacuous, kUnknown: why. kFailed without from_reset: the start state.
  std::string detail;
};

// Proves the named obligation. NotFound for a name AllObligations lacks.
absl::StatusOr<ProofResult> Prove(const std::string& name);

// Proves every obligation of AllObligations, on `threads` threads at once
// (each with its own Z3 contexts), and returns the results in the order of
// AllObligations. on_done, if given, is called (from any of the threads,
// one call at a time) with the number of obligations concluded so far.
std::vector<ProofResult> ProveAll(
    unsigned threads,
    const std::function<void(std::size_t)>& on_done = nullptr);

// Runs trace from reset on the concrete model and judges its transitions by
// the named obligation's statement (any consecutive transitions of the
// kinds of its path; for a path from reset, those from the start). True
// when some violate it.
absl::StatusOr<bool> ReplayViolates(const std::string& name,
                                    const trace::Trace& trace);

// "proved", "FAILED", "VACUOUS" or "UNKNOWN".
std::string StatusName(ProofResult::Status status);

// The result as a report: name, requirement, status, time, method, and for
// a failure the trace and the numbered steps.
std::string FormatResult(const ProofResult& result);

// The name of the mutant the model was compiled with (model_<x>, a patch of
// tests/mutants/), empty for the reference model.
const std::string& CompiledMutant();

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_OBLIGATIONS_H_
