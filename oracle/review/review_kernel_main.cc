// A real kernel reviewed from the command line (kernel_review.h), until
// `./dbgref review linux-6.1` calls the same function:
//
//   bazel run -c opt //oracle/review:review_kernel -- [linux-6.1 linux-6.12]
//       [--sequences=2000] [--seed=1] [--max-ops=24] [--no-shrink]
//       [--manifest-lines] [--save]
//
// Prints each kernel's review. --manifest-lines also prints the manifest
// lines the outcomes make; --save writes each finding's shrunk trace under
// tests/regression/traces/<kernel>/ of the workspace `bazel run` started
// in. Exit status: 0 when every kernel is as its manifest expects, 1 when
// one differs, 2 on any error (the message on stderr; no review is
// printed for that kernel).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "oracle/review/kernel_review.h"
#include "props/workspace_file.h"

int main(int argc, char** argv) {
  dbgref::oracle::KernelReviewOptions o;
  bool manifest_lines = false;
  bool save = false;
  std::vector<std::string> kernels;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (std::strncmp(a, "--sequences=", 12) == 0) {
      o.campaign.sequences = std::strtoull(a + 12, nullptr, 10);
    } else if (std::strncmp(a, "--seed=", 7) == 0) {
      o.campaign.seed = std::strtoull(a + 7, nullptr, 10);
    } else if (std::strncmp(a, "--max-ops=", 10) == 0) {
      o.campaign.max_ops = std::atoi(a + 10);
    } else if (std::strncmp(a, "--initramfs=", 12) == 0) {
      o.boot.initramfs = a + 12;
    } else if (std::strncmp(a, "--qemu=", 7) == 0) {
      o.boot.qemu = a + 7;
    } else if (std::strncmp(a, "--kernel-cache=", 15) == 0) {
      o.boot.kernel_cache = a + 15;
    } else if (std::strncmp(a, "--boot-timeout-ms=", 18) == 0) {
      o.boot.boot_timeout_ms = std::atoi(a + 18);
    } else if (std::strncmp(a, "--batch-timeout-ms=", 19) == 0) {
      o.boot.batch_timeout_ms = std::atoi(a + 19);
    } else if (std::strcmp(a, "--no-shrink") == 0) {
      o.campaign.shrink = false;
    } else if (std::strcmp(a, "--manifest-lines") == 0) {
      manifest_lines = true;
    } else if (std::strcmp(a, "--save") == 0) {
      save = true;
    } else if (a[0] == '-') {
      std::fprintf(stderr, "review_kernel: unknown flag %s\n", a);
      return 2;
    } else {
      kernels.push_back(a);
    }
  }
  if (kernels.empty()) kernels = dbgref::oracle::KernelRevisions();
  int rc = 0;
  for (const std::string& k : kernels) {
    absl::StatusOr<dbgref::oracle::KernelReview> r =
        dbgref::oracle::ReviewKernel(k, o);
    if (!r.ok()) {
      std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
      rc = 2;
      continue;
    }
    std::fputs(dbgref::oracle::FormatKernelReview(*r).c_str(), stdout);
    if (manifest_lines) {
      std::printf("-- manifest lines\n%s",
                  dbgref::oracle::ManifestLines(*r).c_str());
    }
    if (save) {
      const std::optional<std::string> ws = dbgref::props::BazelRunWorkspace();
      absl::Status s = dbgref::oracle::SaveKernelFindings(*r, ws ? *ws : ".");
      if (!s.ok()) {
        std::fprintf(stderr, "dbgref: %s\n", s.ToString().c_str());
        rc = 2;
        continue;
      }
    }
    if (!r->matches_manifest && rc == 0) rc = 1;
    std::printf("\n");
  }
  return rc;
}
