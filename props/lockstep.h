// The differential harness: the model and one revision under check driven
// with the same trace (host, program, operations) from reset, step against
// step, and the steps where their observations differ, each judged by the
// observational view (props/observational_view.h).
//
// Within an operation the two lists of steps are compared index by index;
// a revision that takes more or fewer steps differs at the first index
// where the lists differ, and where one list has ended its side is a zero
// observation of the kind the other has.
#ifndef DBGREF_PROPS_LOCKSTEP_H_
#define DBGREF_PROPS_LOCKSTEP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "model/concrete.h"
#include "model/record.h"
#include "model/revision.h"
#include "model/run_op.h"
#include "props/model_vcpu.h"
#include "props/observational_view.h"
#include "props/revision_vcpu.h"
#include "trace/trace.h"

namespace dbgref::props {

// A step where the observations differ, judged.
struct Divergence {
  std::size_t op = 0;    // index of the operation in the trace
  std::size_t step = 0;  // index of the step within the operation
  dbgref_obs model{};
  dbgref_obs revision{};
  StepVerdict verdict;
};

// What a lockstep replay did, for throughput figures.
struct LockstepCounts {
  uint64_t operations = 0;
  uint64_t steps = 0;        // the model's steps
  uint64_t guest_steps = 0;  // the model's GUEST steps
};

// One model vCPU and one revision vCPU, reused from trace to trace without
// allocating.
class LockstepRunner {
 public:
  explicit LockstepRunner(const dbgref_revision& revision);

  // Replays the trace on both, calling on_difference for every step whose
  // observations differ, in order, until it returns false.
  void Compare(const trace::Trace& trace,
               absl::FunctionRef<bool(const Divergence&)> on_difference,
               LockstepCounts* counts = nullptr);

  // One operation from the states the two vCPUs are in: trace.ops[op] is
  // stepped on both, and on_difference called for every step whose
  // observations differ, judged with the trace as the context (the
  // operations before op are the history the observational view reads).
  // Returns false when on_difference asked to stop. Compare is a reset
  // and this for each operation in turn; exhaustive exploration (explore/)
  // calls it from states it has put the two vCPUs into.
  // A caller that holds the model's state before the operation elsewhere
  // passes it as before, which then stays as it is until the call returns:
  // it is not copied.
  bool CompareOperation(
      const trace::Trace& trace, std::size_t op,
      absl::FunctionRef<bool(const Divergence&)> on_difference,
      LockstepCounts* counts = nullptr,
      const model::ConcreteVcpu* before = nullptr);

  // The first step whose difference breaks a requirement. Differences
  // before it that break none are passed over.
  std::optional<Divergence> FirstDivergence(const trace::Trace& trace,
                                            LockstepCounts* counts = nullptr);

  // The raw lockstep loop, for throughput figures: replays the trace and
  // counts the steps whose observations differ, judging none.
  std::size_t CountDifferingSteps(const trace::Trace& trace,
                                  LockstepCounts* counts = nullptr);

  const dbgref_revision& revision() const { return revision_.revision(); }

  // The two vCPUs, for callers that save and restore their states.
  ModelVcpu& model_vcpu() { return model_; }
  RevisionVcpu& revision_vcpu() { return revision_; }

 private:
  // The model's transition for step `step` of operation `op`, from the
  // state before it.
  model::ConcreteTransition& TransitionAt(const trace::Trace& trace,
                                          std::size_t op, std::size_t step,
                                          const dbgref_obs& revision);

  // Where the replay's state will be written next (TransitionAt): it is
  // copied into replay_state_ first unless it is there already.
  void OwnReplayState();

  ModelVcpu model_;
  RevisionVcpu revision_;
  // The model's state before the operation: before_copy_ or the caller's.
  const model::ConcreteVcpu* before_ = nullptr;
  model::ConcreteVcpu before_copy_;
  model::ConcreteTransition transition_;
  // The reset of model_ whose host and program transition_ holds.
  uint64_t transition_resets_ = 0;
  // The model's replay of the operation for TransitionAt: the state before
  // its transition number replay_index_ (*replay_at_: before_, the last
  // transition's post-state, or replay_state_), and whether there is one.
  // Steps are asked for in increasing order within an operation, so each
  // replay continues from the last; CompareOperation starts a new one.
  std::optional<model::OpTransitions> replay_;
  const model::ConcreteVcpu* replay_at_ = nullptr;
  model::ConcreteVcpu replay_state_;
  std::size_t replay_index_ = 0;
  bool replay_more_ = false;
};

// One replayed step, as the command line shows it.
struct LockstepStep {
  std::size_t op = 0;
  std::size_t step = 0;
  dbgref_obs model{};     // zero of the other's kind past the model's last
  dbgref_obs revision{};  // zero of the other's kind past the revision's last
  // The requirements the step breaks: only at the first breaking step.
  std::vector<std::string> violated;
  bool first_divergence = false;
};

// Replays a trace on the model and the revision, every step.
std::vector<LockstepStep> Lockstep(const trace::Trace& trace,
                                   const dbgref_revision& revision);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_LOCKSTEP_H_
