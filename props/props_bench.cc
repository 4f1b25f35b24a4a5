// The property and differential benchmark, as the key=value lines that
// `dbgref bench` prints (figures, not a timed test):
//
//   lockstep_guest_insns_per_cpu_s=  the raw lockstep loop (model and a
//                                    revision side by side, one thread) over
//                                    pre-generated sequences: the model's
//                                    GUEST steps per CPU second
//   campaign_ops_per_s=              RunCampaign: generation, lockstep and
//                                    judging; operations per CPU second
//   time_to_counterexample_ms=       per requirement, the median over 20
//                                    campaign seeds of the CPU time until
//                                    its shrunk counterexample; the slowest
//   shrunk_len=                      the longest shrunk counterexample seen
//                                    there (operations), and its program
//                                    lines
//   one_minimal=                     1 when every counterexample seen there
//                                    is 1-minimal
//   peak_rss_mb=                     peak resident set
//
// The revision: until the ports (//port) exist, the model itself behind
// dbgref_revision (props/model_revision.h) for the throughput figures, and
// for each requirement the broken copy of the model whose fault breaks it
// (props/broken_revisions.h) for the counterexample figures; each line
// says which. Details go to stderr.
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "props/broken_revisions.h"
#include "props/campaign.h"
#include "props/generators.h"
#include "props/lockstep.h"
#include "props/model_revision.h"
#include "props/reduce.h"
#include "props/requirement_set.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void LockstepFigure() {
  std::vector<trace::Trace> traces(2000);
  for (size_t i = 0; i < traces.size(); ++i) {
    GenerateSequence(SequenceSeed(1, i), kDefaultMaxOps, traces[i]);
  }
  LockstepRunner runner(ModelRevision());
  LockstepCounts counts;
  size_t differing = 0;
  const double start = CpuSeconds();
  while (CpuSeconds() - start < 2.0) {
    for (const trace::Trace& t : traces) {
      differing += runner.CountDifferingSteps(t, &counts);
    }
  }
  const double cpu = CpuSeconds() - start;
  std::printf("lockstep_guest_insns_per_cpu_s=%.0f\n", counts.guest_steps / cpu);
  std::fprintf(stderr,
               "lockstep (model against the model revision): %llu operations, "
               "%llu steps, %llu guest steps in %.2f CPU s; %.0f ns per step "
               "of both; %zu differing steps\n",
               static_cast<unsigned long long>(counts.operations),
               static_cast<unsigned long long>(counts.steps),
               static_cast<unsigned long long>(counts.guest_steps), cpu,
               cpu * 1e9 / counts.steps, differing);
}

void CampaignFigure() {
  CampaignOptions options;
  options.sequences = 20000;
  CampaignStats stats;
  const double start = CpuSeconds();
  RunCampaign(ModelRevision(), options, &stats);
  const double cpu = CpuSeconds() - start;
  std::printf("campaign_ops_per_s=%.0f\n", stats.counts.operations / cpu);
  std::fprintf(stderr,
               "campaign (the model revision): %llu sequences, %llu "
               "operations, %llu guest steps in %.2f CPU s\n",
               static_cast<unsigned long long>(stats.sequences),
               static_cast<unsigned long long>(stats.counts.operations),
               static_cast<unsigned long long>(stats.counts.guest_steps), cpu);
}

void CounterexampleFigures() {
  double slowest = 0;
  std::string slowest_id;
  size_t longest = 0;
  uint32_t longest_lines = 0;
  bool minimal = true;
  for (int k = 0; k < kRequirementCount; ++k) {
    const Requirement r = static_cast<Requirement>(k);
    const BrokenRevision* copy = nullptr;
    // The copy made for r, else the first that breaks it.
    for (const BrokenRevision& b : BrokenRevisions()) {
      if (b.exact && b.primary.Has(r) && b.predicates.Has(r)) {
        copy = &b;
        break;
      }
    }
    for (const BrokenRevision& b : BrokenRevisions()) {
      if (copy == nullptr && b.exact && b.primary.Has(r)) copy = &b;
    }
    if (copy == nullptr) {
      std::fprintf(stderr, "%s: no broken copy breaks it observably\n",
                   std::string(RequirementIdOf(r)).c_str());
      continue;
    }
    std::vector<double> ms;
    LockstepRunner runner(*copy->revision);
    for (uint64_t seed = 1; seed <= 20; ++seed) {
      CampaignOptions options;
      options.sequences = 100000;
      options.seed = seed;
      options.requirements = {std::string(RequirementIdOf(r))};
      options.stop_when_all_broken = true;
      const double start = CpuSeconds();
      const RequirementOutcome o = RunCampaign(*copy->revision, options)[k];
      const double cpu = CpuSeconds() - start;
      if (o.verdict != Verdict::kBroken) continue;
      ms.push_back(cpu * 1e3);
      const trace::Trace& t = *o.counterexample;
      if (t.ops.size() > longest) {
        longest = t.ops.size();
        longest_lines = t.program.count;
      }
      minimal &= IsOneMinimal(
          t, [&](const trace::Trace& c) { return Breaks(runner, r, c); });
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms.empty() ? -1 : ms[ms.size() / 2];
    std::fprintf(stderr, "%s on %s: median %.2f ms over %zu seeds\n",
                 std::string(RequirementIdOf(r)).c_str(), copy->revision->name,
                 median, ms.size());
    if (median > slowest) {
      slowest = median;
      slowest_id = std::string(RequirementIdOf(r));
    }
  }
  std::printf("time_to_counterexample_ms=%.2f\n", slowest);
  std::printf("shrunk_len=%zu\n", longest);
  std::printf("one_minimal=%d\n", minimal ? 1 : 0);
  std::fprintf(stderr,
               "slowest: %s; longest counterexample: %zu operations, %u "
               "program lines (broken copies of the model)\n",
               slowest_id.c_str(), longest, longest_lines);
}

}  // namespace
}  // namespace dbgref::props

int main() {
  dbgref::props::LockstepFigure();
  dbgref::props::CampaignFigure();
  dbgref::props::CounterexampleFigures();
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak_rss_mb=%.1f\n", usage.ru_maxrss / 1024.0);
  return 0;
}
