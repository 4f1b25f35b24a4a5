// The lockstep loop and its divergences.
#include "props/lockstep.h"

#include <algorithm>

#include "model/op.h"
#include "model/record_compare.h"
#include "model/step.h"

namespace dbgref::props {
namespace {

using C = model::ConcreteDomain;

void Count(LockstepCounts* counts, absl::Span<const dbgref_obs> steps) {
  if (counts == nullptr) return;
  ++counts->operations;
  counts->steps += steps.size();
  for (const dbgref_obs& o : steps) {
    counts->guest_steps += o.step == DBGREF_STEP_GUEST;
  }
}

uint64_t TransitionKindOf(const dbgref_obs& o) {
  switch (o.step) {
    case DBGREF_STEP_ENTER:
      return model::kEnter;
    case DBGREF_STEP_GUEST:
      return model::kGuest;
    case DBGREF_STEP_EXIT:
      return model::kExit;
    default:
      return o.op_kind;
  }
}

}  // namespace

LockstepRunner::LockstepRunner(const dbgref_revision& revision)
    : revision_(revision) {}

void LockstepRunner::OwnReplayState() {
  if (replay_at_ == &replay_state_) return;
  replay_state_ = *replay_at_;
  replay_at_ = &replay_state_;
}

model::ConcreteTransition& LockstepRunner::TransitionAt(
    const trace::Trace& trace, std::size_t op, std::size_t step,
    const dbgref_obs& revision) {
  if (!replay_ || step < replay_index_) {
    replay_.emplace(trace.ops[op]);
    replay_at_ = before_;
    replay_index_ = 0;
    replay_more_ = replay_->Next(*replay_at_);
  }
  if (replay_more_ && replay_index_ < step) {
    OwnReplayState();
    while (replay_more_ && replay_index_ < step) {
      model::ApplyTransitionInPlace<DBGREF_MAX_PROGRAM_LINES>(
          replay_->kind(), model_.host(), model_.program(), replay_state_,
          replay_->input());
      ++replay_index_;
      replay_more_ = replay_->Next(replay_state_);
    }
  }
  // The transition is made in the runner's own record, without a copy; its
  // pre-state is not the record's own post-state.
  if (replay_at_ == &transition_.post) OwnReplayState();
  if (transition_resets_ != model_.resets()) {
    transition_.host = model_.host();
    transition_.program = model_.program();
    transition_resets_ = model_.resets();
  }
  if (replay_more_) {
    model::SetTransitionOfKind<C, DBGREF_MAX_PROGRAM_LINES>(
        replay_->kind(), *replay_at_, replay_->input(), transition_);
    replay_at_ = &transition_.post;
    ++replay_index_;
    replay_more_ = replay_->Next(*replay_at_);
  } else {
    // The model's list ended: a transition of the revision's kind that does
    // not apply to the state after the operation.
    const model::ConcreteOp in = model::OpOfKind<C>(TransitionKindOf(revision));
    model::SetTransitionOfKind<C, DBGREF_MAX_PROGRAM_LINES>(
        in.kind, *replay_at_, in, transition_);
  }
  return transition_;
}

bool LockstepRunner::CompareOperation(
    const trace::Trace& trace, std::size_t i,
    absl::FunctionRef<bool(const Divergence&)> on_difference,
    LockstepCounts* counts, const model::ConcreteVcpu* before) {
  if (before == nullptr) {
    before_copy_ = model_.state();
    before = &before_copy_;
  }
  before_ = before;
  replay_.reset();
  const absl::Span<const dbgref_obs> m = model_.Step(trace.ops[i]);
  const absl::Span<const dbgref_obs> r = revision_.Step(trace.ops[i]);
  Count(counts, m);
  const std::size_t n = std::max(m.size(), r.size());
  for (std::size_t j = 0; j < n; ++j) {
    if (j < m.size() && j < r.size() && model::ObsEqual(m[j], r[j])) {
      continue;
    }
    Divergence d;
    d.op = i;
    d.step = j;
    d.model = j < m.size() ? m[j] : ZeroObsLike(r[j]);
    d.revision = j < r.size() ? r[j] : ZeroObsLike(m[j]);
    model::ConcreteTransition& t = TransitionAt(trace, i, j, d.revision);
    d.verdict = ClassifyStep(t, d.revision, trace, i);
    if (!on_difference(d)) return false;
  }
  return true;
}

void LockstepRunner::Compare(
    const trace::Trace& trace,
    absl::FunctionRef<bool(const Divergence&)> on_difference,
    LockstepCounts* counts) {
  model_.Reset(trace.host, trace.program);
  revision_.Reset(trace.host, trace.program);
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    if (!CompareOperation(trace, i, on_difference, counts)) return;
  }
}

std::optional<Divergence> LockstepRunner::FirstDivergence(
    const trace::Trace& trace, LockstepCounts* counts) {
  std::optional<Divergence> first;
  Compare(
      trace,
      [&](const Divergence& d) {
        if (!d.verdict.Diverged()) return true;
        first = d;
        return false;
      },
      counts);
  return first;
}

std::size_t LockstepRunner::CountDifferingSteps(const trace::Trace& trace,
                                                LockstepCounts* counts) {
  model_.Reset(trace.host, trace.program);
  revision_.Reset(trace.host, trace.program);
  std::size_t differing = 0;
  for (const dbgref_op& op : trace.ops) {
    const absl::Span<const dbgref_obs> m = model_.Step(op);
    const absl::Span<const dbgref_obs> r = revision_.Step(op);
    Count(counts, m);
    const std::size_t n = std::max(m.size(), r.size());
    for (std::size_t j = 0; j < n; ++j) {
      differing +=
          j >= m.size() || j >= r.size() || !model::ObsEqual(m[j], r[j]);
    }
  }
  return differing;
}

std::vector<LockstepStep> Lockstep(const trace::Trace& trace,
                                   const dbgref_revision& revision) {
  LockstepRunner runner(revision);
  const std::optional<Divergence> first = runner.FirstDivergence(trace);
  std::vector<LockstepStep> steps;
  ModelVcpu model(trace.host, trace.program);
  RevisionVcpu vcpu(revision);
  vcpu.Reset(trace.host, trace.program);
  for (std::size_t i = 0; i < trace.ops.size(); ++i) {
    const absl::Span<const dbgref_obs> m = model.Step(trace.ops[i]);
    const absl::Span<const dbgref_obs> r = vcpu.Step(trace.ops[i]);
    for (std::size_t j = 0; j < std::max(m.size(), r.size()); ++j) {
      LockstepStep step;
      step.op = i;
      step.step = j;
      step.model = j < m.size() ? m[j] : ZeroObsLike(r[j]);
      step.revision = j < r.size() ? r[j] : ZeroObsLike(m[j]);
      if (first && first->op == i && first->step == j) {
        step.first_divergence = true;
        step.violated = first->verdict.violated.Ids();
      }
      steps.push_back(std::move(step));
    }
  }
  return steps;
}

}  // namespace dbgref::props
