// The differential campaign on a real kernel: the props' random sequences
// (props/generators.h) on the kernel's host shape, run in batches in one
// boot (KernelSession), each kernel observation compared with the model's
// projection and every difference judged (kernel_judge.h); for each broken
// requirement the first sequence that broke it, and for each kind of
// unexplained difference the first sequence that showed it, shrunk on the
// kernel with trace::Shrink (trace/shrink.h) through batched round trips.
//
//   absl::StatusOr<std::unique_ptr<KernelSession>> k = KernelSession::Start(o);
//   KernelCampaignOptions options;
//   options.sequences = 2000;
//   absl::StatusOr<KernelCampaignResult> r = RunKernelCampaign(**k, options);
//
// Sequence i of a campaign with seed S is the props' sequence
// GenerateSequence(SequenceSeed(S, i), max_ops) with the kernel's host
// (KernelSession::host(): its ID_AA64DFR0_EL1, no host breakpoints) in
// place of the generated one: the program and the ops do not depend on the
// host. A sequence the kernel cannot run as the model does (CompileTrace
// refuses it) is counted and left out; one that leaves the runtime's
// convention (userspace clears PSTATE.D inside the guest's handler) is
// counted and run up to the op that leaves it.
//
// Any error of the oracle (the VM down, garbled results, a KVM_RUN that hit
// its timeout: a guest that hangs) is the campaign's error; no outcome is
// claimed then.
#ifndef DBGREF_ORACLE_REVIEW_KERNEL_CAMPAIGN_H_
#define DBGREF_ORACLE_REVIEW_KERNEL_CAMPAIGN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "oracle/host/kernel_session.h"
#include "oracle/host/kernel_trace.h"
#include "oracle/review/kernel_judge.h"
#include "props/generators.h"
#include "props/requirement_set.h"
#include "props/verdict.h"

namespace dbgref::oracle {

struct KernelCampaignOptions {
  uint64_t sequences = 2000;
  uint64_t seed = 1;
  int max_ops = props::kDefaultMaxOps;
  // Sequences per round trip.
  size_t batch = 500;
  // Shrink each finding (and each unexplained kind).
  bool shrink = true;
  // Called after each batch with the fraction of sequences done.
  std::function<void(double fraction)> progress;
};

// One sequence that shows a finding or an unexplained difference.
struct KernelFinding {
  uint64_t index = 0;          // the sequence's index in the campaign
  uint64_t sequence_seed = 0;  // props::SequenceSeed(seed, index)
  KernelTrace found;           // as generated
  KernelTrace shrunk;          // shrunk on the kernel (found if not shrunk)
  KernelJudgement judgement;   // of the shrunk trace
  // The shrunk trace's differences on the kernel, one per line
  // (DescribeDifferences), and both observations (DescribeObservation).
  std::string differences;
  std::string kernel;
  std::string model;
  uint64_t sequences_showing = 0;  // how many sequences show the same
};

struct KernelRequirementOutcome {
  std::string id;
  props::Verdict verdict = props::Verdict::kHolds;
  std::optional<KernelFinding> finding;  // for a broken one
};

struct KernelCampaignStats {
  uint64_t sequences = 0;  // generated
  uint64_t refused = 0;    // left out: CompileTrace refused them
  uint64_t run = 0;        // run on the kernel
  // Sequences that leave the runtime's convention (model_projection.h):
  // run up to the op that leaves it.
  uint64_t outside_convention = 0;
  uint64_t differing = 0;           // compared, and differ
  uint64_t ops = 0, runs = 0, exits = 0;  // of the sequences run
  double run_seconds = 0;     // the batches of sequences (round trips)
  double shrink_seconds = 0;  // shrinking
  uint64_t shrink_round_trips = 0;
  uint64_t shrink_candidates = 0;
};

struct KernelCampaignResult {
  std::vector<KernelRequirementOutcome> outcomes;  // spec order
  // One per kind of unexplained difference (KernelJudgement::fields).
  std::vector<KernelFinding> unexplained;
  KernelCampaignStats stats;
};

// Sequence `index` of a campaign with seed `seed`, on `host`.
KernelTrace KernelSequence(const dbgref_host& host, uint64_t seed,
                           uint64_t index, int max_ops);

absl::StatusOr<KernelCampaignResult> RunKernelCampaign(
    KernelSession& session, const KernelCampaignOptions& options);

// Shrinking on the kernel: each goal's trace shrunk by trace::Shrink
// (Values::kRecognisable) while keeps(candidate, its check) holds. All
// goals advance together: each round trip carries, for every goal, the
// candidates its shrinker asks about next, the ones after the first it has
// no answer for being asked as if that answer were no (which it mostly
// is); answers are kept, and the shrinkers run again until none asks
// anything new. The result is exactly what trace::Shrink with a
// one-at-a-time predicate gives. A candidate the kernel cannot run
// (CompileTrace) does not keep.
struct ShrinkGoal {
  KernelTrace trace;  // keeps(trace) must hold
  std::function<bool(const KernelTrace&, const CheckedTrace&)> keeps;
};
struct ShrinkStats {
  uint64_t round_trips = 0;
  uint64_t candidates = 0;  // traces run on the kernel
};
absl::StatusOr<std::vector<KernelTrace>> ShrinkOnKernel(
    KernelSession& session, const std::vector<ShrinkGoal>& goals,
    ShrinkStats* stats = nullptr);

// An error when a run of a checked trace hit its timeout (the guest hung).
absl::Status CheckNoTimeout(const KernelTrace& t, const CheckedTrace& c,
                            const std::string& which);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_REVIEW_KERNEL_CAMPAIGN_H_
