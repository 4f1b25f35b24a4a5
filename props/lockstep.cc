// The lockstep loop and the first divergence.
#include "props/lockstep.h"

#include "model/record_compare.h"

namespace dbgref::props {
namespace {

const dbgref_host& ZeroHost() {
  static const dbgref_host host{};
  return host;
}

// The model's state before ops[step], rebuilt by replaying the prefix.
const model::ConcreteVcpu& StateBefore(ModelVcpu& replay,
                                       const dbgref_host& host,
                                       absl::Span<const dbgref_op> ops,
                                       size_t step) {
  replay.Reset(host);
  for (size_t i = 0; i < step; ++i) replay.Step(ops[i]);
  return replay.state();
}

}  // namespace

LockstepRunner::LockstepRunner(const dbgref_port& port)
    : model_(ZeroHost()), port_(port, ZeroHost()), replay_(ZeroHost()) {}

std::optional<Divergence> LockstepRunner::FirstDivergence(
    const dbgref_host& host, absl::Span<const dbgref_op> ops) {
  model_.Reset(host);
  port_.Reset(host);
  for (size_t i = 0; i < ops.size(); ++i) {
    const dbgref_obs m = model_.Step(ops[i]);
    const dbgref_obs p = port_.Step(ops[i]);
    if (model::ObsEqual(m, p)) continue;
    const model::ConcreteTransition t =
        model::StepTransition(model_.host(), StateBefore(replay_, host, ops, i),
                              model::FromRecord(ops[i]));
    const StepVerdict verdict = ClassifyStep({t, ops.subspan(0, i), ops[i], p});
    if (verdict.Diverged()) return Divergence{i, m, p, verdict};
  }
  return std::nullopt;
}

size_t LockstepRunner::CountDifferingSteps(const dbgref_host& host,
                                           absl::Span<const dbgref_op> ops) {
  model_.Reset(host);
  port_.Reset(host);
  size_t differing = 0;
  for (const dbgref_op& op : ops) {
    const dbgref_obs m = model_.Step(op);
    const dbgref_obs p = port_.Step(op);
    if (!model::ObsEqual(m, p)) ++differing;
  }
  return differing;
}

std::vector<LockstepStep> Lockstep(const trace::Trace& trace,
                                   const dbgref_port& port) {
  LockstepRunner runner(port);
  const std::optional<Divergence> first =
      runner.FirstDivergence(trace.host, trace.ops);
  std::vector<LockstepStep> steps;
  ModelVcpu model(trace.host);
  PortVcpu port_vcpu(port, trace.host);
  for (size_t i = 0; i < trace.ops.size(); ++i) {
    LockstepStep step;
    step.op = trace.ops[i];
    step.model = model.Step(trace.ops[i]);
    step.port = port_vcpu.Step(trace.ops[i]);
    if (first && first->step == i) {
      step.first_divergence = true;
      step.violated = first->verdict.violated.Ids();
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

}  // namespace dbgref::props
