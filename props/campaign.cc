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
uint64_t SequenceSeed(uint64_t campaign_seed, uint64_t index) {
  // splitmix64 of the pair: neighbouring campaigns share no sequence.
  uint64_t z = campaign_seed * 0x9e3779b97f4a7c15ull + index + 1;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

bool Breaks(LockstepRunner& runner, Requirement r, const trace::Trace& trace) {
  const std::optional<Divergence> d = runner.FirstDivergence(trace);
  return d && d->verdict.violated.Has(r);
}

trace::Trace ShrinkCounterexample(LockstepRunner& runner, Requirement r,
                                  uint64_t sequence_seed, int max_ops,
                                  int shrink_budget) {
  std::vector<uint64_t> choices;
  trace::Trace found;
  GenerateSequence(sequence_seed, max_ops, found, &choices);
  const std::optional<Divergence> d = runner.FirstDivergence(found);
  if (!d || !d->verdict.violated.Has(r)) return found;
  // What follows the breaking operation does not change its steps.
  trace::Trace best = found;
  best.ops.resize(d->op + 1);
  if (shrink_budget > 0) {
    rc::Shrinkable<trace::Trace> tree = ShrinkableSequence(choices, max_ops);
    int steps = 0;
    bool improved = true;
    bool shrunk = false;
    while (improved && steps < shrink_budget) {
      improved = false;
      rc::Seq<rc::Shrinkable<trace::Trace>> shrinks = tree.shrinks();
      while (rc::Maybe<rc::Shrinkable<trace::Trace>> next = shrinks.next()) {
        if (++steps >= shrink_budget) break;
        if (Breaks(runner, r, next->value())) {
          tree = std::move(*next);
          improved = shrunk = true;
          break;
        }
      }
    }
    if (shrunk) best = tree.value();
  }
  return trace::Shrink(
      std::move(best),
      [&](const trace::Trace& t) { return Breaks(runner, r, t); },
      trace::Values::kRecognisable);
}

std::vector<RequirementOutcome> RunCampaign(const dbgref_revision& revision,
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

  LockstepRunner runner(revision);
  RequirementSet found;
  trace::Trace trace;
  for (uint64_t i = 0; i < options.sequences; ++i) {
    if (options.progress && (i & 63) == 0) {
      options.progress(static_cast<double>(i) / options.sequences);
    }
    const uint64_t seed = SequenceSeed(options.seed, i);
    GenerateSequence(seed, options.max_ops, trace);
    ++counted.sequences;
    const std::optional<Divergence> d =
        runner.FirstDivergence(trace, &counted.counts);
    if (!d) continue;
    const double seconds_to_find = SecondsSince(start);
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
      o.seconds_to_find = seconds_to_find;
      o.counterexample = ShrinkCounterexample(runner, r, seed, options.max_ops,
                                              options.shrink_budget);
      o.seconds = SecondsSince(start);
    }
    if (options.stop_when_all_broken && wanted.ContainedIn(found)) break;
  }
  if (options.progress) options.progress(1.0);
  return outcomes;
}

}  // namespace dbgref::props
