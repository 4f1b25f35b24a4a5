// Runs every named model trace (tests/oracle/kernel_traces.h) on a kernel
// and prints, for each, the trace, the kernel's observation, the model's
// projection and where they differ:
//   bazel run //tests/oracle:trace_probe -- linux-6.12
// DBGREF_ONLY=name1,name2 runs only those.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "oracle/host/kernel_session.h"
#include "tests/oracle/kernel_traces.h"

int main(int argc, char** argv) {
  using namespace dbgref::oracle;
  SessionOptions o;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      o.boot.initramfs = argv[i] + 12;
    } else {
      o.boot.kernel = argv[i];
    }
  }
  absl::StatusOr<std::unique_ptr<KernelSession>> k = KernelSession::Start(o);
  if (!k.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", k.status().ToString().c_str());
    return 2;
  }
  std::printf("%s (boot %.2f s)\n", (*k)->Summary().c_str(),
              (*k)->info().boot_seconds);
  std::vector<traces::NamedTrace> all = traces::All((*k)->host());
  if (const char* only = std::getenv("DBGREF_ONLY")) {
    std::vector<traces::NamedTrace> some;
    for (auto& t : all) {
      if (std::strstr(only, t.name.c_str()) != nullptr) some.push_back(t);
    }
    all = some;
  }
  std::vector<KernelTrace> ts;
  for (const auto& t : all) ts.push_back(t.trace);
  absl::StatusOr<std::vector<CheckedTrace>> r = (*k)->Check(ts);
  if (!r.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
    return 2;
  }
  int differing = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const CheckedTrace& c = (*r)[i];
    std::printf("== %s: %s\n%s-- kernel\n%s-- model\n%s", all[i].name.c_str(),
                c.differences.empty() ? "same" : "DIFFERENT",
                DescribeTrace(ts[i]).c_str(),
                DescribeObservation(ts[i], c.kernel).c_str(),
                DescribeObservation(ts[i], c.model).c_str());
    if (!c.differences.empty()) {
      ++differing;
      std::printf("-- differences\n%s",
                  DescribeDifferences(ts[i], c.differences).c_str());
    }
  }
  std::printf("%d of %zu traces differ\n", differing, all.size());
  absl::Status s = (*k)->Shutdown();
  return s.ok() ? 0 : 2;
}
