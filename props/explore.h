// Exhaustive exploration: every sequence of operations over a finite
// alphabet (props/alphabet.h), on the model and one revision together,
// breadth first, until nothing new is reachable (closed) or the depth
// bound. The state explored is the product: the program, the model's state
// (props/model_vcpu.h, SaveModelState), the revision's complete vCPU state
// (model/revision.h, save and load), and the set of the alphabet's
// KVM_SET_ONE_REG and KVM_SET_GUEST_DEBUG operations done so far (the
// history the observational view reads, props/observational_view.h).
// Each product state is kept as a 64-bit fingerprint
// (props/fingerprint_set.h).
//
// Every transition is one operation, judged as the lockstep harness judges
// it (props/lockstep.h, LockstepRunner::CompareOperation). As in a
// campaign, a sequence counts for the requirements its first breaking step
// breaks, so a state reached by a breaking step is not extended; a
// difference that breaks nothing is passed over. The first breaking
// transition of each requirement, walked back through the parents, is its
// counterexample, and no shorter one exists over the alphabet.
//
// A state constraint keeps the search finite, as TLC's CONSTRAINT does: a
// state whose guest PC lies outside the program (its lines and the END
// word after the last one) and outside the exception handler is judged
// when reached but not extended. spec/exploration.md says what closure
// proves.
//
//   ExploreOptions options;
//   options.threads = 2;
//   absl::StatusOr<ExploreResult> r = Explore(revision, alphabet, options);
#ifndef DBGREF_PROPS_EXPLORE_H_
#define DBGREF_PROPS_EXPLORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/revision.h"
#include "props/alphabet.h"
#include "trace/trace.h"

namespace dbgref::props {

struct ExploreOptions {
  int max_depth = 100;  // operations per sequence, at most
  int threads = 1;
  // Distinct states at most; beyond it the search stops with
  // ResourceExhausted.
  uint64_t max_states = 100'000'000;
  // A progress line on stderr, when stderr is a terminal.
  bool progress = false;
};

struct ExploreFinding {
  std::string id;               // REQ-...
  trace::Trace counterexample;  // shortest over the alphabet
  int length = 0;               // operations
  // Replaying the counterexample with the lockstep harness breaks the
  // requirement at its first breaking step (a check of the walk-back).
  bool replayed = false;
};

struct ExploreResult {
  uint64_t programs = 0;     // start states
  uint64_t distinct = 0;     // distinct product states, start states too
  uint64_t transitions = 0;  // operations stepped
  uint64_t constrained = 0;  // states outside the state constraint
  int depth = 0;             // the deepest level that held a new state
  bool closed = false;       // the frontier became empty
  double seconds = 0;        // wall clock
  double cpu_seconds = 0;    // the process's CPU time, every thread
  int threads = 1;
  uint64_t state_bytes = 0;  // model state and revision state, per state
  uint64_t table_bytes = 0;  // the fingerprint table
  // The probability that two distinct states share a fingerprint, as TLC
  // estimates it: n (t - n) / 2^64 with n distinct states and t states
  // generated (its "optimistic" figure), and the birthday bound
  // n (n - 1) / 2^65 over the distinct states alone.
  double collision_optimistic = 0;
  double collision_birthday = 0;
  // Walk-backs that met two stored states with the same upper 56 bits.
  uint64_t ambiguous_links = 0;
  std::vector<ExploreFinding> findings;  // spec order
};

// FailedPrecondition for a revision without a state blob; ResourceExhausted
// when more than max_states states are reachable; InvalidArgument for a
// depth below 1 or an alphabet of more than 255 operations.
absl::StatusOr<ExploreResult> Explore(const dbgref_revision& revision,
                                      const Alphabet& alphabet,
                                      const ExploreOptions& options);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_EXPLORE_H_
