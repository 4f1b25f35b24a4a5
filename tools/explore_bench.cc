// The exploration figures of `dbgref bench`, as key=value lines: for one
// alphabet and revision, transitions per second with 1 and with 2 threads
// and their ratio; then, for every port revision, the time to close the
// default alphabet with 2 threads.
//
//   explore_bench                       every figure
//   explore_bench ALPHABET REV THREADS [DEPTH]  one search, by hand
//
// On a machine shared with other work the wall-clock rate says little;
// the rate per CPU second (the process's CPU time over every thread) is
// printed beside it.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/statusor.h"
#include "port/driver.h"
#include "props/alphabet.h"
#include "props/explore.h"

namespace dbgref::props {
namespace {

absl::StatusOr<ExploreResult> Search(const std::string& alphabet_name,
                                     const std::string& revision_name,
                                     int threads, int max_depth = 100) {
  absl::StatusOr<const Alphabet*> alphabet = FindAlphabet(alphabet_name);
  if (!alphabet.ok()) return alphabet.status();
  const dbgref_revision* revision = dbgref_port_find(revision_name.c_str());
  if (revision == nullptr) {
    return absl::InvalidArgumentError("unknown port revision " + revision_name);
  }
  ExploreOptions options;
  options.threads = threads;
  options.max_depth = max_depth;
  return Explore(*revision, **alphabet, options);
}

void Print(const std::string& prefix, const ExploreResult& r) {
  std::printf("%s_closed=%d\n", prefix.c_str(), r.closed ? 1 : 0);
  std::printf("%s_distinct=%llu\n", prefix.c_str(),
              static_cast<unsigned long long>(r.distinct));
  std::printf("%s_transitions=%llu\n", prefix.c_str(),
              static_cast<unsigned long long>(r.transitions));
  std::printf("%s_depth=%d\n", prefix.c_str(), r.depth);
  std::printf("%s_s=%.2f\n", prefix.c_str(), r.seconds);
  std::printf("%s_transitions_per_s=%.0f\n", prefix.c_str(),
              r.transitions / r.seconds);
  std::printf("%s_cpu_s=%.2f\n", prefix.c_str(), r.cpu_seconds);
  std::printf("%s_transitions_per_cpu_s=%.0f\n", prefix.c_str(),
              r.transitions / r.cpu_seconds);
}

int Main(int argc, char** argv) {
  if (argc == 4 || argc == 5) {
    absl::StatusOr<ExploreResult> r = Search(argv[1], argv[2], atoi(argv[3]),
                                             argc == 5 ? atoi(argv[4]) : 100);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", std::string(r.status().message()).c_str());
      return 2;
    }
    Print("explore", *r);
    for (const ExploreFinding& f : r->findings) {
      std::printf("finding %s %d%s\n", f.id.c_str(), f.length,
                  f.replayed ? "" : " (not replayed)");
    }
    return 0;
  }
  // Throughput: the small alphabet on v2, 1 and 2 threads.
  double per_thread[2] = {0, 0};
  for (int threads = 1; threads <= 2; ++threads) {
    absl::StatusOr<ExploreResult> r = Search("small", "v2", threads);
    if (!r.ok()) return 1;
    per_thread[threads - 1] = r->transitions / r->seconds;
    Print("explore_small_v2_threads" + std::to_string(threads), *r);
  }
  std::printf("explore_transitions_per_s_1thread=%.0f\n", per_thread[0]);
  std::printf("explore_transitions_per_s_2threads=%.0f\n", per_thread[1]);
  std::printf("explore_2thread_speedup=%.2f\n", per_thread[1] / per_thread[0]);
  for (const char* rev : {"v2", "v2-review", "final"}) {
    absl::StatusOr<ExploreResult> r = Search("default", rev, 2);
    if (!r.ok()) return 1;
    Print(std::string("explore_default_") + rev, *r);
  }
  return 0;
}

}  // namespace
}  // namespace dbgref::props

int main(int argc, char** argv) { return dbgref::props::Main(argc, argv); }
