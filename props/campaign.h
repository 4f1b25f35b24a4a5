// The differential campaign that the command line runs on a port revision:
// random sequences of operations (props/generators.h) replayed on the model
// and the port, each judged by its first step that breaks a requirement
// (props/observational_view.h); for each broken requirement, the first
// sequence that broke it, shrunk with RapidCheck's shrink tree and then
// trace::Shrink to a minimal counterexample. Deterministic for a seed.
//
//   CampaignOptions options;
//   options.sequences = 2000;
//   options.seed = 1;
//   for (const RequirementOutcome& o : RunCampaign(dbgref_port_v2, options))
//     if (o.verdict == Verdict::kBroken)
//       ... trace::FormatTrace(*o.counterexample) ...
//
// Sequence i of a campaign with seed S is GenerateSequence(SequenceSeed(S,
// i), max_ops); an outcome's seed is that sequence seed.
#ifndef DBGREF_PROPS_CAMPAIGN_H_
#define DBGREF_PROPS_CAMPAIGN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "port/driver.h"
#include "props/lockstep.h"
#include "props/requirement_set.h"
#include "props/verdict.h"
#include "trace/trace.h"

namespace dbgref::props {

struct CampaignOptions {
  uint64_t sequences = 2000;
  uint64_t seed = 1;
  int max_ops = 24;  // operations per sequence, at most
  // Called now and then with the fraction of sequences done, and with 1.
  std::function<void(double fraction)> progress;
  // The requirements to look for (IDs); empty: all of them. The others are
  // reported as holding.
  std::vector<std::string> requirements;
  // End once every requirement looked for is broken.
  bool stop_when_all_broken = false;
};

struct RequirementOutcome {
  std::string id;
  Verdict verdict = Verdict::kHolds;
  uint64_t seed = 0;  // the sequence seed of the first breaking sequence
  std::optional<trace::Trace> counterexample;  // shrunk
  uint64_t sequences_run = 0;  // sequences generated until it broke
  double seconds = 0;  // from the start until the counterexample was shrunk
};

// What a campaign did, for throughput figures.
struct CampaignStats {
  uint64_t sequences = 0;
  uint64_t operations = 0;  // generated and replayed, shrinking excluded
};

// One outcome per requirement, in spec order.
std::vector<RequirementOutcome> RunCampaign(const dbgref_port& port,
                                            const CampaignOptions& options,
                                            CampaignStats* stats = nullptr);

// The seed of sequence `index` of a campaign.
uint64_t SequenceSeed(uint64_t campaign_seed, uint64_t index);

// The (unshrunk) sequence that a sequence seed generates.
trace::Trace GenerateSequence(uint64_t sequence_seed, int max_ops);

// A smaller trace for which LockstepRunner still reports requirement r at
// the first breaking step, found by descending RapidCheck's shrink tree of
// the sequence that sequence_seed generates; then trace::Shrink drops the
// operations and plainens the values that do not matter, keeping the
// generators' recognisable values. The trace itself if it does not break r.
trace::Trace ShrinkCounterexample(LockstepRunner& runner, Requirement r,
                                  uint64_t sequence_seed, int max_ops);

// Whether the trace's first breaking step breaks r.
bool Breaks(LockstepRunner& runner, Requirement r, const trace::Trace& trace);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_CAMPAIGN_H_
