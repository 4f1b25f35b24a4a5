// Runs campaign sequences (or saved trace files) on a kernel and prints,
// for each, the trace, the kernel's observation, the model's projection,
// where they differ and what that breaks (kernel_judge.h); a run that hit
// its timeout is shown, not refused:
//   bazel run //oracle/review:sequence_probe -- linux-6.1 --seed=1 24 25
//       [--ops=N] [--trace=FILE]
// --ops=N keeps the first N ops of each sequence.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "oracle/review/kernel_campaign.h"
#include "oracle/review/kernel_review.h"
#include "trace/file.h"

int main(int argc, char** argv) {
  using namespace dbgref::oracle;
  SessionOptions o;
  uint64_t seed = 1;
  int ops = -1;
  int max_ops = dbgref::props::kDefaultMaxOps;
  std::vector<uint64_t> indices;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strncmp(a, "--initramfs=", 12) == 0) {
      o.boot.initramfs = a + 12;
    } else if (std::strncmp(a, "--seed=", 7) == 0) {
      seed = std::strtoull(a + 7, nullptr, 10);
    } else if (std::strncmp(a, "--ops=", 6) == 0) {
      ops = std::atoi(a + 6);
    } else if (std::strncmp(a, "--max-ops=", 10) == 0) {
      max_ops = std::atoi(a + 10);
    } else if (std::strncmp(a, "--trace=", 8) == 0) {
      files.push_back(a + 8);
    } else if (IsKernelRevision(a)) {
      o.boot.kernel = a;
    } else {
      indices.push_back(std::strtoull(a, nullptr, 10));
    }
  }
  if (o.boot.initramfs.empty()) {
    absl::StatusOr<std::string> i = DefaultInitramfs();
    if (!i.ok()) {
      std::fprintf(stderr, "dbgref: %s\n", i.status().ToString().c_str());
      return 2;
    }
    o.boot.initramfs = *i;
  }
  absl::StatusOr<std::unique_ptr<KernelSession>> k = KernelSession::Start(o);
  if (!k.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", k.status().ToString().c_str());
    return 2;
  }
  std::printf("%s (boot %.2f s)\n", (*k)->Summary().c_str(),
              (*k)->info().boot_seconds);
  std::vector<KernelTrace> ts;
  std::vector<std::string> names;
  for (uint64_t i : indices) {
    KernelTrace t = KernelSequence((*k)->host(), seed, i, max_ops);
    if (ops >= 0 && static_cast<size_t>(ops) < t.ops.size()) t.ops.resize(ops);
    ts.push_back(t);
    names.push_back("sequence " + std::to_string(i));
  }
  for (const std::string& f : files) {
    absl::StatusOr<dbgref::trace::Trace> t = dbgref::trace::ReadTraceFile(f);
    if (!t.ok()) {
      std::fprintf(stderr, "dbgref: %s\n", t.status().ToString().c_str());
      return 2;
    }
    KernelTrace kt = FromTrace(*t);
    kt.host = (*k)->host();
    ts.push_back(kt);
    names.push_back(f);
  }
  absl::StatusOr<std::vector<CheckedTrace>> r = (*k)->Check(ts);
  if (!r.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
    return 2;
  }
  for (size_t i = 0; i < ts.size(); ++i) {
    const CheckedTrace& c = (*r)[i];
    const KernelJudgement j = JudgeKernelTrace((*k)->host(), ts[i], c);
    std::printf("== %s: %s\n%s-- kernel\n%s-- model\n%s", names[i].c_str(),
                c.differences.empty() ? "same" : "DIFFERENT",
                DescribeTrace(ts[i]).c_str(),
                DescribeObservation(ts[i], c.kernel).c_str(),
                DescribeObservation(ts[i], c.model).c_str());
    if (!c.model.outside_convention.empty()) {
      std::printf("-- outside the convention: %s\n",
                  c.model.outside_convention.c_str());
    }
    if (!c.differences.empty()) {
      std::printf("-- differences (%s): breaks %s%s\n%s", j.fields.c_str(),
                  j.violated.ToString().c_str(),
                  j.unexplained ? ", unexplained" : "",
                  DescribeDifferences(ts[i], c.differences).c_str());
    }
  }
  absl::Status s = (*k)->Shutdown();
  return s.ok() ? 0 : 2;
}
