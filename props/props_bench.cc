// The property and differential benchmark, as the key=value lines that
// `dbgref bench` prints:
//
//   lockstep_ops_per_s=        raw lockstep replay of model and port of
//                              pre-generated sequences, no RapidCheck, one
//                              loop per core (one loop alone: stderr)
//   campaign_ops_per_s=        RunCampaign: RapidCheck generation, lockstep,
//                              classification
//   time_to_counterexample_ms= per broken manifest entry of every revision,
//                              the median over 20 seeds of the time until
//                              its shrunk counterexample; the slowest entry
//   shrunk_len=                the longest shrunk counterexample seen there
//   peak_rss_mb=               peak resident set after 1,000,000 campaign
//                              operations
//
// Details (which entry was slowest, timings per part) go to stderr.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "port/driver.h"
#include "props/campaign.h"
#include "props/elapsed.h"
#include "props/generators.h"
#include "props/lockstep.h"
#include "props/manifest.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

// Operations per second of `threads` lockstep loops side by side, each over
// every revision in turn.
double LockstepOpsPerSecond(const std::vector<trace::Trace>& traces,
                            int threads) {
  std::atomic<uint64_t> ops{0};
  std::atomic<size_t> differing{0};
  std::atomic<int64_t> cpu_ns{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < threads; ++w) {
    workers.emplace_back([&] {
      uint64_t mine = 0;
      size_t differ = 0;
      while (SecondsSince(start) < 1.5) {
        for (size_t p = 0; p < dbgref_port_count; ++p) {
          LockstepRunner runner(*dbgref_ports[p]);
          for (const trace::Trace& t : traces) {
            differ += runner.CountDifferingSteps(t.host, t.ops);
            mine += t.ops.size();
          }
        }
      }
      ops += mine;
      differing += differ;
      timespec cpu;
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
      cpu_ns += int64_t{cpu.tv_sec} * 1000000000 + cpu.tv_nsec;
    });
  }
  for (std::thread& w : workers) w.join();
  const double seconds = SecondsSince(start);
  std::fprintf(stderr,
               "lockstep, %d thread(s): %llu operations in %.2f s, %.0f/s "
               "(%zu differed); %.0f per CPU second (the machine's load "
               "aside)\n",
               threads, static_cast<unsigned long long>(ops.load()), seconds,
               ops / seconds, differing.load(), ops / (cpu_ns.load() / 1e9));
  return ops / seconds;
}

// The lockstep figure of the machine: one loop per core.
double LockstepOpsPerSecond() {
  std::vector<trace::Trace> traces;
  for (uint64_t i = 0; i < 4096; ++i) {
    traces.push_back(GenerateSequence(SequenceSeed(99, i), 24));
  }
  LockstepOpsPerSecond(traces, 1);
  const int cores =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return LockstepOpsPerSecond(traces, cores);
}

double CampaignOpsPerSecond() {
  CampaignOptions options;
  options.sequences = 30000;
  options.seed = 5;
  uint64_t ops = 0;
  const auto start = std::chrono::steady_clock::now();
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    CampaignStats stats;
    RunCampaign(*dbgref_ports[p], options, &stats);
    ops += stats.operations;
  }
  const double seconds = SecondsSince(start);
  std::fprintf(stderr, "campaign: %llu operations in %.2f s\n",
               static_cast<unsigned long long>(ops), seconds);
  return ops / seconds;
}

struct CounterexampleTimes {
  double slowest_median_ms = 0;
  size_t longest = 0;
};

CounterexampleTimes TimeToCounterexample() {
  CounterexampleTimes result;
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_port& port = *dbgref_ports[p];
    const absl::StatusOr<Manifest> manifest = LoadManifest(port.name);
    if (!manifest.ok()) {
      std::fprintf(stderr, "%s\n",
                   std::string(manifest.status().message()).c_str());
      continue;
    }
    for (const ManifestEntry& e : manifest->entries) {
      if (e.verdict != Verdict::kBroken) continue;
      std::vector<double> ms;
      for (uint64_t seed = 1; seed <= 20; ++seed) {
        CampaignOptions options;
        options.sequences = 1000000;
        options.seed = seed;
        options.requirements = {e.id};
        options.stop_when_all_broken = true;
        const auto start = std::chrono::steady_clock::now();
        const std::vector<RequirementOutcome> outcomes =
            RunCampaign(port, options);
        ms.push_back(SecondsSince(start) * 1000);
        for (const RequirementOutcome& o : outcomes) {
          if (o.id == e.id && o.counterexample) {
            result.longest =
                std::max(result.longest, o.counterexample->ops.size());
          }
        }
      }
      std::sort(ms.begin(), ms.end());
      const double median = (ms[9] + ms[10]) / 2;
      std::fprintf(stderr, "time to counterexample %s %s: median %.1f ms\n",
                   port.name, e.id.c_str(), median);
      result.slowest_median_ms = std::max(result.slowest_median_ms, median);
    }
  }
  return result;
}

double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::stod(line.substr(6)) / 1024.0;
    }
  }
  return 0;
}

double PeakRssAfterAMillionOperations() {
  CampaignOptions options;
  options.sequences = 1;
  options.seed = 17;
  uint64_t ops = 0;
  double after_100k = 0;
  while (ops < 1000000) {
    CampaignStats stats;
    options.sequences = 20000;
    RunCampaign(*dbgref_ports[ops / 20000 % dbgref_port_count], options,
                &stats);
    ++options.seed;
    ops += stats.operations;
    if (after_100k == 0 && ops >= 100000) after_100k = PeakRssMb();
  }
  std::fprintf(stderr,
               "peak RSS: %.1f MB after 100,000 operations, %.1f MB "
               "after %llu\n",
               after_100k, PeakRssMb(), static_cast<unsigned long long>(ops));
  return PeakRssMb();
}

}  // namespace
}  // namespace dbgref::props

int main() {
  using namespace dbgref::props;
  const double lockstep = LockstepOpsPerSecond();
  const double campaign = CampaignOpsPerSecond();
  const CounterexampleTimes times = TimeToCounterexample();
  const double rss = PeakRssAfterAMillionOperations();
  std::printf("lockstep_ops_per_s=%.0f\n", lockstep);
  std::printf("campaign_ops_per_s=%.0f\n", campaign);
  std::printf("time_to_counterexample_ms=%.1f\n", times.slowest_median_ms);
  std::printf("shrunk_len=%zu\n", times.longest);
  std::printf("peak_rss_mb=%.1f\n", rss);
  return 0;
}
