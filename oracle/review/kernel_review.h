// A real kernel reviewed as a revision: `./dbgref review linux-6.1`.
//
// ReviewKernel boots the kernel (the kernel cache's folder of that name,
// oracle/fetch_kernels.sh) under QEMU, runs the campaign of
// kernel_campaign.h on it (random sequences of the props' generators on the
// kernel's host shape, compared with the model's projection, each
// difference judged and shrunk on the kernel), and sets each requirement's
// outcome beside what the kernel's manifest expects,
// props/manifests/<revision>.txt (props/manifest.h's format; a broken line
// names tests/regression/traces/<revision>/<REQ-ID>.trace). A kernel with
// no manifest is reviewed all the same: each outcome then has no
// expectation. The kernel version that ran (package, package version,
// uname -r) is in every review.
//
//   absl::StatusOr<KernelReview> r = ReviewKernel("linux-6.1", 2000, 1);
//   if (!r.ok()) { fprintf(stderr, "dbgref: %s\n", ...); return 2; }
//   fputs(FormatKernelReview(*r).c_str(), stdout);
//   return r->matches_manifest ? 0 : 1;
//
// Every fault (QEMU missing or failing to start, the kernel image missing
// or corrupt, a boot or batch timeout, a KVM_RUN that hits its timeout, the
// VMM dying, garbled or truncated output, an unreadable manifest) is an
// error status of one clear line (with the console's last lines where they
// help) and never a review: nothing claims that a requirement holds.
#ifndef DBGREF_ORACLE_REVIEW_KERNEL_REVIEW_H_
#define DBGREF_ORACLE_REVIEW_KERNEL_REVIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "oracle/host/kernel_session.h"
#include "oracle/review/kernel_campaign.h"
#include "props/manifest.h"
#include "props/verdict.h"
#include "trace/trace.h"

namespace dbgref::oracle {

// The real kernels this tree knows, as revision names.
const std::vector<std::string>& KernelRevisions();
// Whether name is a real kernel's revision name ("linux-" and a version).
bool IsKernelRevision(const std::string& name);

// What ran.
struct KernelVersion {
  std::string revision;         // "linux-6.1": the kernel cache's folder
  std::string package;          // "linux-image-6.1.0-57-arm64"
  std::string package_version;  // "6.1.192-3"
  std::string release;          // uname -r inside: "6.1.0-57-arm64"
  // "linux-6.1: linux-image-6.1.0-57-arm64 6.1.192-3, uname -r
  // 6.1.0-57-arm64, ID_AA64DFR0_EL1 0x10305006 (6 breakpoints, 4
  // watchpoints)"
  std::string summary;
};

struct KernelRequirementReview {
  std::string id;     // "REQ-SS"
  std::string title;  // model/requirement_list.h
  props::Verdict verdict = props::Verdict::kHolds;
  // The manifest's outcome and its comment; none without a manifest.
  std::optional<props::Verdict> expected;
  std::string expected_reason;
  // verdict == expected, or no expectation.
  bool matches = true;
  // A broken requirement's finding: the shrunk trace on the kernel's host
  // (a trace::Trace, as the ports' counterexamples are), how many
  // sequences showed it, the sequence seed that generated it, and what the
  // kernel and the model did.
  std::optional<KernelFinding> finding;
  std::optional<trace::Trace> counterexample;
};

struct KernelReview {
  KernelVersion version;
  bool has_manifest = false;
  std::vector<KernelRequirementReview> requirements;  // spec order
  // Differences that break no requirement (kernel_judge.h): an error of the
  // model or a gap in the requirements, to be analysed; never a finding.
  std::vector<KernelFinding> unexplained;
  // Every requirement as its manifest expects, and nothing unexplained
  // (true without a manifest when nothing is unexplained).
  bool matches_manifest = true;
  KernelCampaignStats stats;
  uint64_t sequences = 0;
  uint64_t seed = 0;
  double boot_seconds = 0;  // QEMU start to the VMM's READY
  double seconds = 0;       // the whole review, boot included
  // What the comparison leaves out, for the report (spec/real-kernel.md):
  // MDCCINT_EL1's reads, which QEMU 7.2 does not implement.
  std::string note;
};

struct KernelReviewOptions {
  KernelCampaignOptions campaign;
  // kernel: set by ReviewKernel from the revision name; initramfs: found
  // in the program's runfiles when empty (DefaultInitramfs).
  BootOptions boot;
  uint32_t run_timeout_ms = 2000;
};

// The review of revision_name ("linux-6.1", "linux-6.12", or any folder of
// the kernel cache named linux-*) with `sequences` random sequences of
// campaign seed `seed`.
absl::StatusOr<KernelReview> ReviewKernel(const std::string& revision_name,
                                          uint64_t sequences, uint64_t seed);
absl::StatusOr<KernelReview> ReviewKernel(const std::string& revision_name,
                                          const KernelReviewOptions& options);

// The same on a kernel already booted; manifest may be null (no
// expectation).
absl::StatusOr<KernelReview> ReviewKernelOn(
    KernelSession& session, const std::string& revision_name,
    const KernelCampaignOptions& options, const props::Manifest* manifest);

// props/manifests/<revision>.txt parsed; nothing when the file does not
// exist; an error when it does not parse.
absl::StatusOr<std::optional<props::Manifest>> LoadKernelManifest(
    const std::string& revision);

// //oracle/vmm:initramfs in the program's runfiles (a test, `bazel run`,
// or a binary of bazel-bin started by hand); NotFound naming the target.
absl::StatusOr<std::string> DefaultInitramfs();

// The review as text: the kernel version, one line per requirement
// (outcome, expectation), each finding's shrunk trace and differences,
// the unexplained differences, the figures and the note.
std::string FormatKernelReview(const KernelReview& review);

// The manifest lines the review's outcomes make (for a new kernel's
// manifest, or to compare with the one in the tree).
std::string ManifestLines(const KernelReview& review);

// Writes each broken requirement's counterexample to
// <workspace>/tests/regression/traces/<revision>/<REQ-ID>.trace.
absl::Status SaveKernelFindings(const KernelReview& review,
                                const std::string& workspace);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_REVIEW_KERNEL_REVIEW_H_
