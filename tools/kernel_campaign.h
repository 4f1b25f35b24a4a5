// The differential campaign on a real kernel: the campaign's sequences
// (props/generators.h, sequence i from SequenceSeed(seed, i)) on the
// kernel's host shape, run in batches in one boot (KernelSession::Check)
// and judged against the model (tools/kernel_judge.h); for each broken
// requirement the first sequence that broke it, and for each kind of
// difference that no requirement explains the first sequence that showed
// it, each reduced to a 1-minimal trace (props/reduce.h) with one round
// trip to the kernel per candidate.
#ifndef DBGREF_TOOLS_KERNEL_CAMPAIGN_H_
#define DBGREF_TOOLS_KERNEL_CAMPAIGN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/requirement_list.h"
#include "oracle/host/kernel_session.h"
#include "tools/kernel_judge.h"
#include "trace/trace.h"

namespace dbgref::tools {

struct KernelCampaignOptions {
  uint64_t sequences = 2000;
  uint64_t seed = 1;
  int max_ops = 24;
  // Called now and then with the fraction of sequences run.
  std::function<void(double fraction)> progress;
};

struct KernelFinding {
  Requirement requirement;
  uint64_t seed = 0;    // the sequence seed that found it
  trace::Trace trace;   // reduced
};

struct KernelUnexplained {
  std::string fields;   // the differing fields, "pstate read[2]"
  uint64_t traces = 0;  // sequences that showed this kind
  uint64_t seed = 0;
  trace::Trace trace;   // reduced
};

struct KernelCampaignResult {
  std::vector<KernelFinding> findings;  // spec order
  std::vector<KernelUnexplained> unexplained;
  uint64_t sequences = 0;           // generated
  // With operations no trace may hold (ONE_REG ids KVM does not have),
  // left out.
  uint64_t adapted = 0;
  uint64_t refused = 0;             // that the kernel's runner cannot run
  uint64_t outside_convention = 0;  // left the runtime's convention
  uint64_t differing = 0;           // with a difference from the model
  uint64_t operations = 0;          // run on the kernel, shrinking excluded
  uint64_t candidates = 0;          // traces run while reducing
  double run_seconds = 0;
  double reduce_seconds = 0;
};

// Runs the campaign on session; an error of the session (the VM down) is
// an error, never a result.
absl::StatusOr<KernelCampaignResult> RunKernelCampaign(
    oracle::KernelSession& session, const KernelCampaignOptions& options);

// One trace (its host replaced by the kernel's) checked on the kernel and
// judged.
absl::StatusOr<KernelJudgement> CheckOnKernel(oracle::KernelSession& session,
                                              const trace::Trace& t);

// The kind of a difference: its fields, without the operations.
std::string DifferenceKind(const std::vector<oracle::KernelDifference>& d);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_KERNEL_CAMPAIGN_H_
