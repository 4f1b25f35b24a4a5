// The campaign loop and the shrinking of each finding.
#include "props/campaign.h"

#include <rapidcheck.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "props/generators.h"

namespace dbgref::props {
namespace {

// Evaluations one shrink may spend; the shrink trees of these sequences
// are small, the bound only guards against a pathological one.
constexpr int kMaxShrinkSteps = 20000;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

uint64_t* BankOf(kvm_guest_debug_arch& arch, int bank) {
  switch (bank) {
    case 0:
      return arch.dbg_bcr;
    case 1:
      return arch.dbg_bvr;
    case 2:
      return arch.dbg_wcr;
    default:
      return arch.dbg_wvr;
  }
}

const uint64_t* BankOf(const kvm_guest_debug_arch& arch, int bank) {
  return BankOf(const_cast<kvm_guest_debug_arch&>(arch), bank);
}

// Simpler forms of one operation, for the last pass of shrinking: a
// control bit less, no pad, a userspace register 0, a plain syndrome.
std::vector<dbgref_op> SimplerForms(const dbgref_op& op) {
  std::vector<dbgref_op> out;
  if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) {
    for (uint32_t bit :
         {uint32_t{KVM_GUESTDBG_SINGLESTEP}, uint32_t{KVM_GUESTDBG_USE_SW_BP},
          uint32_t{KVM_GUESTDBG_USE_HW}}) {
      if (op.dbg.control & bit) {
        out.push_back(op);
        out.back().dbg.control &= ~bit;
      }
    }
    if (op.dbg.pad != 0) {
      out.push_back(op);
      out.back().dbg.pad = 0;
    }
    for (int bank = 0; bank < 4; ++bank) {
      for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
        if (BankOf(op.dbg.arch, bank)[n] == 0) continue;
        out.push_back(op);
        BankOf(out.back().dbg.arch, bank)[n] = 0;
      }
    }
  } else if (op.kind == DBGREF_OP_RUN &&
             op.action.kind == DBGREF_ACTION_EXCEPTION) {
    const uint32_t plain = op.action.esr & ~((1u << 25) - 1);
    if (op.action.esr != plain) {
      out.push_back(op);
      out.back().action.esr = plain;
    }
    if (op.action.far != 0) {
      out.push_back(op);
      out.back().action.far = 0;
    }
  }
  return out;
}

// The last pass: drops single operations, last first, and simplifies the
// remaining ones and the host, while r stays broken. A minimal
// counterexample has no operation that can go.
Trace Simplify(LockstepRunner& runner, Requirement r, Trace trace) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = trace.ops.size(); i-- > 0;) {
      Trace candidate = trace;
      candidate.ops.erase(candidate.ops.begin() + static_cast<long>(i));
      if (Breaks(runner, r, candidate)) {
        trace = std::move(candidate);
        changed = true;
      }
    }
    for (size_t i = 0; i < trace.ops.size(); ++i) {
      for (const dbgref_op& simpler : SimplerForms(trace.ops[i])) {
        Trace candidate = trace;
        candidate.ops[i] = simpler;
        if (Breaks(runner, r, candidate)) {
          trace = std::move(candidate);
          changed = true;
          break;
        }
      }
    }
    const dbgref_host plain_host{trace.host.id_aa64dfr0_el1, {}};
    if (std::memcmp(&plain_host, &trace.host, sizeof(plain_host)) != 0) {
      Trace candidate = trace;
      candidate.host = plain_host;
      if (Breaks(runner, r, candidate)) {
        trace = std::move(candidate);
        changed = true;
      }
    }
  }
  return trace;
}

}  // namespace

uint64_t SequenceSeed(uint64_t campaign_seed, uint64_t index) {
  // splitmix64 of the pair: neighbouring campaigns share no sequence.
  uint64_t z = campaign_seed * 0x9e3779b97f4a7c15ull + index + 1;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

Trace GenerateSequence(uint64_t sequence_seed, int max_ops) {
  return GenTrace(max_ops)(rc::Random(sequence_seed), max_ops).value();
}

bool Breaks(LockstepRunner& runner, Requirement r, const Trace& trace) {
  const std::optional<Divergence> d =
      runner.FirstDivergence(trace.host, trace.ops);
  return d && d->verdict.violated.Has(r);
}

Trace ShrinkCounterexample(LockstepRunner& runner, Requirement r,
                           uint64_t sequence_seed, int max_ops) {
  rc::Shrinkable<Trace> best =
      GenTrace(max_ops)(rc::Random(sequence_seed), max_ops);
  if (!Breaks(runner, r, best.value())) return best.value();
  int steps = 0;
  bool improved = true;
  while (improved && steps < kMaxShrinkSteps) {
    improved = false;
    rc::Seq<rc::Shrinkable<Trace>> shrinks = best.shrinks();
    while (rc::Maybe<rc::Shrinkable<Trace>> next = shrinks.next()) {
      if (++steps >= kMaxShrinkSteps) break;
      if (Breaks(runner, r, next->value())) {
        best = std::move(*next);
        improved = true;
        break;
      }
    }
  }
  return Simplify(runner, r, best.value());
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
  const rc::Gen<Trace> gen = GenTrace(options.max_ops);
  RequirementSet found;
  for (uint64_t i = 0; i < options.sequences; ++i) {
    if (options.progress && (i & 63) == 0) {
      options.progress(static_cast<double>(i) / options.sequences);
    }
    const uint64_t seed = SequenceSeed(options.seed, i);
    const Trace trace = gen(rc::Random(seed), options.max_ops).value();
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
      o.broken = true;
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
