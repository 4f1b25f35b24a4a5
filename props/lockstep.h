// The differential harness: the model and one port revision driven with
// the same operations from reset, observation against observation, and the
// first step where they diverge, classified under the requirements it
// breaks (props/observational_view.h).
#ifndef DBGREF_PROPS_LOCKSTEP_H_
#define DBGREF_PROPS_LOCKSTEP_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "model/record.h"
#include "port/driver.h"
#include "props/model_vcpu.h"
#include "props/observational_view.h"
#include "props/port_vcpu.h"
#include "trace/trace.h"

namespace dbgref::props {

// The first step (index into the operations) whose difference breaks a
// requirement, with both observations. Differences before it that break no
// requirement are passed over.
struct Divergence {
  size_t step = 0;
  dbgref_obs model{};
  dbgref_obs port{};
  StepVerdict verdict;
};

// One model vCPU and one port vCPU, reused from sequence to sequence
// without allocating.
class LockstepRunner {
 public:
  explicit LockstepRunner(const dbgref_port& port);

  // Replays ops on both from reset on host.
  std::optional<Divergence> FirstDivergence(const dbgref_host& host,
                                            absl::Span<const dbgref_op> ops);

  // Replays ops on both and only counts the steps whose observations
  // differ: the raw lockstep loop, for throughput measurements.
  size_t CountDifferingSteps(const dbgref_host& host,
                             absl::Span<const dbgref_op> ops);

  const dbgref_port& port() const { return port_.port(); }

 private:
  ModelVcpu model_;
  PortVcpu port_;
  ModelVcpu replay_;  // rebuilds a pre-state for the classification
};

// One replayed step, as the command line shows it.
struct LockstepStep {
  dbgref_op op;
  dbgref_obs model;
  dbgref_obs port;
  // The requirements the step's difference breaks: only at the first
  // divergent step; empty before it (equal, or a design difference) and
  // after it (differences there are consequences).
  std::vector<std::string> violated;
  bool first_divergence = false;
};

// Replays a trace on the model and the port, every step.
std::vector<LockstepStep> Lockstep(const trace::Trace& trace,
                                   const dbgref_port& port);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_LOCKSTEP_H_
