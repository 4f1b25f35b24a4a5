// The campaign loop and the shrinking of each finding.
#include "props/campaign.h"

#include <rapidcheck.h>

#include <chrono>
#include <vector>

#include "props/elapsed.h"
#include "props/generators.h"
#include "trace/shrink.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

// Evaluations one shrink may spend; the shrink trees of these sequences
// are small, the bound only guards against a pathological one.
constexpr int kMaxShrinkSteps = 20000;

}  // namespace

uint64_t SequenceSeed(uint64_t campaign_seed, uint64_t index) {
  // splitmix64 of the pair: neighbouring campaigns share no sequence.
  uint64_t z = campaign_seed * 0x9e3779b97f4a7c15ull + index + 1;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

trace::Trace GenerateSequence(uint64_t sequence_seed, int max_ops) {
  return GenTrace(max_ops)(rc::Random(sequence_seed), max_ops).value();
}

bool Breaks(LockstepRunner& runner, Requirement r, const trace::Trace& trace) {
  const std::optional<Divergence> d =
      runner.FirstDivergence(trace.host, trace.ops);
  return d && d->verdict.violated.Has(r);
}

trace::Trace ShrinkCounterexample(LockstepRunner& runner, Requirement r,
                                  uint64_t sequence_seed, int max_ops) {
  rc::Shrinkable<trace::Trace> best =
      GenTrace(max_ops)(rc::Random(sequence_seed), max_ops);
  if (!Breaks(runner, r, best.value())) return best.value();
  int steps = 0;
  bool improved = true;
  while (improved && steps < kMaxShrinkSteps) {
    improved = false;
    rc::Seq<rc::Shrinkable<trace::Trace>> shrinks = best.shrinks();
    while (rc::Maybe<rc::Shrinkable<trace::Trace>> next = shrinks.next()) {
      if (++steps >= kMaxShrinkSteps) break;
      if (Breaks(runner, r, next->value())) {
        best = std::move(*next);
        improved = true;
        break;
      }
    }
  }
  return trace::Shrink(
      best.value(), [&](const trace::Trace& t) { return Breaks(runner, r, t); },
      trace::Values::kRecognisable);
}

std::vector<RequirementOutcome> RunCampaign(const dbgref_port& port,
                                            const CampaignOptions& options,
                                            CampaignStats* stats) {
  CampaignStats local;
  CampaignStats& counted = stats != nullptr ? *stats : local;
  counted = CampaignStats{};
  const auto start = std::chrono::steady_clock::now();
  RequirementSet wanted;
  for (const std::string& id : options.requirements) {
    if (const std::optional<Requirement> r = FindRequirement(id))
      wanted.Add(*r);
  }
  if (options.requirements.empty()) {
    for (int i = 0; i < kRequirementCount; ++i) {
      wanted.Add(static_cast<Requirement>(i));
    }
  }

  std::vector<RequirementOutcome> outcomes;
  for (const std::string& id : RequirementIds()) {
    RequirementOutcome o;
    o.id = id;
    outcomes.push_back(std::move(o));
  }

  LockstepRunner runner(port);
  const rc::Gen<trace::Trace> gen = GenTrace(options.max_ops);
  RequirementSet found;
  for (uint64_t i = 0; i < options.sequences; ++i) {
    if (options.progress && (i & 63) == 0) {
      options.progress(static_cast<double>(i) / options.sequences);
    }
    const uint64_t seed = SequenceSeed(options.seed, i);
    const trace::Trace trace = gen(rc::Random(seed), options.max_ops).value();
    ++counted.sequences;
    counted.operations += trace.ops.size();
    const std::optional<Divergence> d =
        runner.FirstDivergence(trace.host, trace.ops);
    if (!d) continue;
    for (int k = 0; k < kRequirementCount; ++k) {
      const Requirement r = static_cast<Requirement>(k);
      if (!d->verdict.violated.Has(r) || !wanted.Has(r) || found.Has(r)) {
        continue;
      }
      found.Add(r);
      RequirementOutcome& o = outcomes[k];
      o.verdict = Verdict::kBroken;
      o.seed = seed;
      o.sequences_run = i + 1;
      o.counterexample = ShrinkCounterexample(runner, r, seed, options.max_ops);
      o.seconds = SecondsSince(start);
    }
    if (options.stop_when_all_broken && wanted.ContainedIn(found)) break;
  }
  if (options.progress) options.progress(1.0);
  return outcomes;
}

}  // namespace dbgref::props
