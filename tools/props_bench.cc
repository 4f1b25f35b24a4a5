// The property and differential benchmark, as the key=value lines that
// `dbgref bench` prints (figures, not a timed test), every figure the
// slowest over the port revisions (//port):
//
//   lockstep_guest_insns_per_cpu_s=  the raw lockstep loop (the model and a
//                                    port revision side by side, one
//                                    thread) over pre-generated sequences:
//                                    the model's GUEST steps per CPU second
//   campaign_ops_per_s=              RunCampaign on a port revision:
//                                    generation, lockstep, judging and the
//                                    shrinking of its findings; operations
//                                    generated per CPU second
//   time_to_counterexample_ms=       per finding of a revision's manifest,
//                                    the median over 20 campaign seeds of
//                                    the CPU time until its shrunk
//                                    counterexample; the slowest
//   shrunk_len=                      the longest shrunk counterexample seen
//                                    there (operations), and its program
//                                    lines
//   one_minimal=                     1 when every counterexample seen there
//                                    is 1-minimal
//   peak_rss_mb=                     peak resident set
//
// Details, per revision and per finding, go to stderr.
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/generators.h"
#include "props/lockstep.h"
#include "props/manifest.h"
#include "props/requirement_set.h"
#include "trace/shrink.h"
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
  double slowest = std::numeric_limits<double>::infinity();
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& revision = *dbgref_ports[p];
    LockstepRunner runner(revision);
    LockstepCounts counts;
    size_t differing = 0;
    const double start = CpuSeconds();
    while (CpuSeconds() - start < 1.0) {
      for (const trace::Trace& t : traces) {
        differing += runner.CountDifferingSteps(t, &counts);
      }
    }
    const double cpu = CpuSeconds() - start;
    const double rate = counts.guest_steps / cpu;
    slowest = std::min(slowest, rate);
    std::fprintf(stderr,
                 "lockstep (model against %s): %llu operations, %llu steps, "
                 "%llu guest steps in %.2f CPU s; %.0f guest steps per CPU s; "
                 "%.0f ns per step of both; %zu differing steps\n",
                 revision.name,
                 static_cast<unsigned long long>(counts.operations),
                 static_cast<unsigned long long>(counts.steps),
                 static_cast<unsigned long long>(counts.guest_steps), cpu,
                 rate, cpu * 1e9 / counts.steps, differing);
  }
  std::printf("lockstep_guest_insns_per_cpu_s=%.0f\n", slowest);
}

void CampaignFigure() {
  double slowest = std::numeric_limits<double>::infinity();
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& revision = *dbgref_ports[p];
    CampaignOptions options;
    options.sequences = 20000;
    CampaignStats stats;
    const double start = CpuSeconds();
    const std::vector<RequirementOutcome> outcomes =
        RunCampaign(revision, options, &stats);
    const double cpu = CpuSeconds() - start;
    int findings = 0;
    for (const RequirementOutcome& o : outcomes) {
      findings += o.verdict == Verdict::kBroken;
    }
    const double rate = stats.counts.operations / cpu;
    slowest = std::min(slowest, rate);
    std::fprintf(stderr,
                 "campaign (%s): %llu sequences, %llu operations, %llu guest "
                 "steps, %d findings shrunk, in %.2f CPU s; %.0f operations "
                 "per CPU s\n",
                 revision.name,
                 static_cast<unsigned long long>(stats.sequences),
                 static_cast<unsigned long long>(stats.counts.operations),
                 static_cast<unsigned long long>(stats.counts.guest_steps),
                 findings, cpu, rate);
  }
  std::printf("campaign_ops_per_s=%.0f\n", slowest);
}

// Every finding of every manifest: 20 campaigns that look for it alone.
bool CounterexampleFigures() {
  double slowest = 0;
  std::string slowest_finding;
  size_t longest = 0;
  uint32_t longest_lines = 0;
  bool minimal = true;
  bool ok = true;
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& revision = *dbgref_ports[p];
    const absl::StatusOr<Manifest> manifest = LoadManifest(revision.name);
    if (!manifest.ok()) {
      std::fprintf(stderr, "%s\n", manifest.status().ToString().c_str());
      ok = false;
      continue;
    }
    LockstepRunner runner(revision);
    for (int k = 0; k < kRequirementCount; ++k) {
      const Requirement r = static_cast<Requirement>(k);
      const std::string id(RequirementIdOf(r));
      if (!manifest->IsBroken(id)) continue;
      std::vector<double> ms;
      for (uint64_t seed = 1; seed <= 20; ++seed) {
        CampaignOptions options;
        options.sequences = 100000;
        options.seed = seed;
        options.requirements = {id};
        options.stop_when_all_broken = true;
        const double start = CpuSeconds();
        const RequirementOutcome o = RunCampaign(revision, options)[k];
        const double cpu = CpuSeconds() - start;
        if (o.verdict != Verdict::kBroken) continue;
        ms.push_back(cpu * 1e3);
        const trace::Trace& t = *o.counterexample;
        if (t.ops.size() > longest) {
          longest = t.ops.size();
          longest_lines = t.program.count;
        }
        minimal &= trace::IsOneMinimal(
            t, [&](const trace::Trace& c) { return Breaks(runner, r, c); });
      }
      std::sort(ms.begin(), ms.end());
      const double median = ms.empty() ? -1 : ms[ms.size() / 2];
      std::fprintf(stderr, "%s on %s: median %.2f ms over %zu of 20 seeds\n",
                   id.c_str(), revision.name, median, ms.size());
      if (ms.size() < 20) ok = false;
      if (median > slowest) {
        slowest = median;
        slowest_finding = id + " on " + revision.name;
      }
    }
  }
  std::printf("time_to_counterexample_ms=%.2f\n", slowest);
  std::printf("shrunk_len=%zu\n", longest);
  std::printf("one_minimal=%d\n", minimal ? 1 : 0);
  std::fprintf(stderr,
               "slowest: %s; longest counterexample: %zu operations, %u "
               "program lines\n",
               slowest_finding.c_str(), longest, longest_lines);
  return ok;
}

}  // namespace
}  // namespace dbgref::props

int main() {
  dbgref::props::LockstepFigure();
  dbgref::props::CampaignFigure();
  const bool ok = dbgref::props::CounterexampleFigures();
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak_rss_mb=%.1f\n", usage.ru_maxrss / 1024.0);
  return ok ? 0 : 1;
}
