// The differential campaign that the command line runs on a revision:
// random sequences (props/generators.h) replayed on the model and the
// revision step by step, each judged by its first step that breaks a
// requirement (props/observational_view.h); for each broken requirement,
// the first sequence that broke it, cut after the operation of its breaking
// step and shrunk to a 1-minimal trace over operations and program lines by
// trace::Shrink (trace/shrink.h, the generators' values kept
// recognisable); on request, a descent of RapidCheck's shrink tree over
// that sequence's choices comes first. Deterministic for a seed.
//
//   CampaignOptions options;
//   options.sequences = 2000;
//   options.seed = 1;
//   for (const RequirementOutcome& o : RunCampaign(revision, options))
//     if (o.verdict == Verdict::kBroken) ... *o.counterexample ...
//
// Sequence i of a campaign with seed S is GenerateSequence(SequenceSeed(S,
// i), max_ops); an outcome's seed is that sequence seed. A campaign is
// sharded by running it with different seeds (props/shard.h).
#ifndef DBGREF_PROPS_CAMPAIGN_H_
#define DBGREF_PROPS_CAMPAIGN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/revision.h"
#include "props/generators.h"
#include "props/lockstep.h"
#include "props/requirement_set.h"
#include "props/verdict.h"
#include "trace/trace.h"

namespace dbgref::props {

// No RapidCheck pre-pass: trace::Shrink alone is shorter as often and
// several times cheaper (props/README.md, Benchmark).
inline constexpr int kDefaultShrinkBudget = 0;

struct CampaignOptions {
  uint64_t sequences = 2000;
  uint64_t seed = 1;
  int max_ops = kDefaultMaxOps;  // operations per sequence, at most
  // Called now and then with the fraction of sequences done, and with 1.
  std::function<void(double fraction)> progress;
  // The requirements to look for (IDs); empty: all of them. The others are
  // reported as holding.
  std::vector<std::string> requirements;
  // End once every requirement looked for is broken.
  bool stop_when_all_broken = false;
  // Evaluations the RapidCheck shrink pre-pass may spend on a finding
  // before trace::Shrink makes it 1-minimal; 0: no pre-pass. The pre-pass
  // makes values plainer (lower choices: register 0 rather than 3, a
  // nearer line), at the cost of up to that many replays of long traces.
  int shrink_budget = kDefaultShrinkBudget;
};

struct RequirementOutcome {
  std::string id;
  Verdict verdict = Verdict::kHolds;
  uint64_t seed = 0;  // the sequence seed of the first breaking sequence
  std::optional<trace::Trace> counterexample;  // shrunk
  uint64_t sequences_run = 0;  // sequences generated until it broke
  double seconds_to_find = 0;  // from the start until the sequence was found
  double seconds = 0;  // from the start until the counterexample was shrunk
};

// What a campaign did, for throughput figures.
struct CampaignStats {
  uint64_t sequences = 0;
  LockstepCounts counts;  // generated and replayed, shrinking excluded
};

// One outcome per requirement, in spec order.
std::vector<RequirementOutcome> RunCampaign(const dbgref_revision& revision,
                                            const CampaignOptions& options,
                                            CampaignStats* stats = nullptr);

// The seed of sequence `index` of a campaign.
uint64_t SequenceSeed(uint64_t campaign_seed, uint64_t index);

// Whether the trace's first breaking step breaks r.
bool Breaks(LockstepRunner& runner, Requirement r, const trace::Trace& trace);

// The sequence that sequence_seed generates, shrunk for r: cut after the
// operation of its first breaking step (or, with a shrink_budget,
// RapidCheck's shrink tree over its choices, descended while r stays
// broken), then trace::Shrink with recognisable values. The sequence
// itself if it does not break r.
trace::Trace ShrinkCounterexample(LockstepRunner& runner, Requirement r,
                                  uint64_t sequence_seed, int max_ops,
                                  int shrink_budget = kDefaultShrinkBudget);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_CAMPAIGN_H_
