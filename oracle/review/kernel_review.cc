// A real kernel reviewed (see kernel_review.h).
#include "oracle/review/kernel_review.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/requirement_list.h"
#include "props/requirement_set.h"
#include "props/workspace_file.h"
#include "trace/file.h"

namespace dbgref::oracle {
namespace {

constexpr char kWorkspaceName[] = "dbgref";
constexpr char kInitramfs[] = "oracle/vmm/initramfs.cpio";

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string SelfExecutable() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  return n <= 0 ? "" : std::string(buf, static_cast<size_t>(n));
}

bool Readable(const std::string& path) { return std::ifstream(path).good(); }

double Since(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a)
      .count();
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    absl::StrAppend(&out, prefix, text.substr(start, end - start), "\n");
    start = end + 1;
  }
  return out;
}

std::string NoteText() {
  return "compared: what userspace and the guest see (spec/real-kernel.md); "
         "MDCCINT_EL1's reads are not compared: QEMU 7.2 implements "
         "MDCCINT_EL1 as a no-op, so the value KVM saves for the guest is "
         "junk (an emulator artefact, not a fact of the kernel)";
}

}  // namespace

const std::vector<std::string>& KernelRevisions() {
  static const auto* names =
      new std::vector<std::string>{"linux-6.1", "linux-6.12"};
  return *names;
}

bool IsKernelRevision(const std::string& name) {
  if (name.rfind("linux-", 0) != 0 || name.size() == 6) return false;
  return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-") ==
         std::string::npos;
}

absl::StatusOr<std::string> DefaultInitramfs() {
  std::vector<std::string> candidates;
  for (const char* var : {"TEST_SRCDIR", "RUNFILES_DIR"}) {
    const std::string dir = Env(var);
    if (!dir.empty()) {
      candidates.push_back(absl::StrCat(dir, "/", kWorkspaceName, "/",
                                        kInitramfs));
    }
  }
  const std::string exe = SelfExecutable();
  if (!exe.empty()) {
    candidates.push_back(
        absl::StrCat(exe, ".runfiles/", kWorkspaceName, "/", kInitramfs));
  }
  const std::string workspace = Env("BUILD_WORKSPACE_DIRECTORY");
  if (!workspace.empty()) {
    candidates.push_back(absl::StrCat(workspace, "/bazel-bin/", kInitramfs));
  }
  candidates.push_back(absl::StrCat("bazel-bin/", kInitramfs));
  for (const std::string& c : candidates) {
    if (Readable(c)) return c;
  }
  return absl::NotFoundError(absl::StrCat(
      "the VMM's initramfs (//oracle/vmm:initramfs) is not there: looked in ",
      absl::StrJoin(candidates, ", "),
      "; build it with bazel build //oracle/vmm:initramfs, or run the "
      "program with it in its runfiles"));
}

absl::StatusOr<std::optional<props::Manifest>> LoadKernelManifest(
    const std::string& revision) {
  if (!IsKernelRevision(revision)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", revision, "' is not a real kernel's revision name"));
  }
  const std::string path = absl::StrCat("props/manifests/", revision, ".txt");
  absl::StatusOr<std::string> text = props::ReadWorkspaceFile(path);
  if (!text.ok()) {
    if (absl::IsNotFound(text.status())) return std::nullopt;
    return text.status();
  }
  absl::StatusOr<props::Manifest> m = props::ParseManifest(revision, *text);
  if (!m.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", m.status().message()));
  }
  return std::optional<props::Manifest>(std::move(*m));
}

absl::StatusOr<KernelReview> ReviewKernelOn(
    KernelSession& session, const std::string& revision_name,
    const KernelCampaignOptions& options, const props::Manifest* manifest) {
  const auto t0 = std::chrono::steady_clock::now();
  KernelReview review;
  const KernelInfo& info = session.info();
  review.version.revision = revision_name;
  review.version.package = info.image.package;
  review.version.package_version = info.image.version;
  review.version.release = info.release;
  review.version.summary = session.Summary();
  review.has_manifest = manifest != nullptr;
  review.sequences = options.sequences;
  review.seed = options.seed;
  review.boot_seconds = info.boot_seconds;
  review.note = NoteText();
  absl::StatusOr<KernelCampaignResult> c = RunKernelCampaign(session, options);
  if (!c.ok()) {
    return absl::Status(c.status().code(),
                        absl::StrCat(revision_name, ": ", c.status().message()));
  }
  review.stats = c->stats;
  review.unexplained = c->unexplained;
  review.matches_manifest = review.unexplained.empty();
  for (KernelRequirementOutcome& o : c->outcomes) {
    KernelRequirementReview r;
    r.id = o.id;
    r.title = props::RequirementTitle(o.id);
    r.verdict = o.verdict;
    if (manifest != nullptr) {
      if (const props::ManifestEntry* e = manifest->Find(o.id)) {
        r.expected = e->verdict;
        r.expected_reason = e->comment;
      }
    }
    r.matches = !r.expected || *r.expected == r.verdict;
    review.matches_manifest &= r.matches;
    if (o.finding) {
      trace::Trace t = ToTrace(o.finding->shrunk);
      r.counterexample = std::move(t);
      r.finding = std::move(o.finding);
    }
    review.requirements.push_back(std::move(r));
  }
  review.seconds = Since(t0) + info.boot_seconds;
  return review;
}

absl::StatusOr<KernelReview> ReviewKernel(const std::string& revision_name,
                                          const KernelReviewOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!IsKernelRevision(revision_name)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", revision_name, "' is not a real kernel's revision name (",
        absl::StrJoin(KernelRevisions(), ", "), ")"));
  }
  absl::StatusOr<std::optional<props::Manifest>> manifest =
      LoadKernelManifest(revision_name);
  if (!manifest.ok()) return manifest.status();
  SessionOptions so;
  so.boot = options.boot;
  so.boot.kernel = revision_name;
  so.run_timeout_ms = options.run_timeout_ms;
  if (so.boot.initramfs.empty()) {
    absl::StatusOr<std::string> initramfs = DefaultInitramfs();
    if (!initramfs.ok()) return initramfs.status();
    so.boot.initramfs = *initramfs;
  }
  absl::StatusOr<std::unique_ptr<KernelSession>> session =
      KernelSession::Start(so);
  if (!session.ok()) {
    return absl::Status(
        session.status().code(),
        absl::StrCat(revision_name, ": ", session.status().message()));
  }
  absl::StatusOr<KernelReview> review = ReviewKernelOn(
      **session, revision_name, options.campaign,
      manifest->has_value() ? &**manifest : nullptr);
  if (!review.ok()) return review.status();
  absl::Status down = (*session)->Shutdown();
  if (!down.ok()) {
    return absl::Status(down.code(),
                        absl::StrCat(revision_name, ": ", down.message()));
  }
  review->seconds = Since(t0);
  return review;
}

absl::StatusOr<KernelReview> ReviewKernel(const std::string& revision_name,
                                          uint64_t sequences, uint64_t seed) {
  KernelReviewOptions o;
  o.campaign.sequences = sequences;
  o.campaign.seed = seed;
  return ReviewKernel(revision_name, o);
}

std::string FormatKernelReview(const KernelReview& r) {
  std::string s;
  absl::StrAppend(&s, "revision ", r.version.revision, " (a real kernel)\n");
  absl::StrAppend(&s, "kernel: ", r.version.summary, "\n");
  absl::StrAppendFormat(&s,
                        "campaign: %d sequences, seed %d; %d run, %d refused "
                        "(the real guest cannot run them as the model does), "
                        "%d outside the runtime's convention, %d differ\n",
                        r.sequences, r.seed, r.stats.run, r.stats.refused,
                        r.stats.outside_convention, r.stats.differing);
  absl::StrAppend(&s, "manifest: ",
                  r.has_manifest
                      ? absl::StrCat("props/manifests/", r.version.revision,
                                     ".txt")
                      : "none (no outcome has an expectation)",
                  "\n\n");
  for (const KernelRequirementReview& q : r.requirements) {
    const std::string expected =
        q.expected ? std::string(props::VerdictName(*q.expected))
                   : "no expectation";
    absl::StrAppendFormat(&s, "%-18s %-7s expected %-15s %s\n", q.id,
                          props::VerdictName(q.verdict), expected,
                          q.matches ? "" : "DIFFERS FROM THE MANIFEST");
  }
  for (const KernelRequirementReview& q : r.requirements) {
    if (!q.finding) continue;
    const KernelFinding& f = *q.finding;
    absl::StrAppendFormat(
        &s,
        "\n%s broken: %s\n  sequence %d (sequence seed %d), %d sequences "
        "show it; shrunk to %d ops, %d lines:\n",
        q.id, q.title, f.index, f.sequence_seed, f.sequences_showing,
        f.shrunk.ops.size(), f.shrunk.program.count);
    absl::StrAppend(&s, DescribeTrace(f.shrunk), "  differences:\n",
                    Indent(f.differences, "  "));
  }
  for (const KernelFinding& f : r.unexplained) {
    absl::StrAppendFormat(
        &s,
        "\nunexplained difference (%s): breaks no requirement: an error of "
        "the model or a gap in the requirements, to be analysed\n  sequence "
        "%d (sequence seed %d), %d sequences show it; shrunk:\n",
        f.judgement.fields, f.index, f.sequence_seed, f.sequences_showing);
    absl::StrAppend(&s, DescribeTrace(f.shrunk), "  differences:\n",
                    Indent(f.differences, "  "), "  kernel:\n",
                    Indent(f.kernel, "  "), "  model:\n",
                    Indent(f.model, "  "));
  }
  absl::StrAppendFormat(
      &s,
      "\nfigures: boot %.2f s; %d sequences (%d ops, %d KVM_RUNs) in %.2f s "
      "(%.0f /s); shrinking %.2f s (%d round trips, %d candidates); review "
      "%.2f s\n",
      r.boot_seconds, r.stats.run, r.stats.ops, r.stats.runs,
      r.stats.run_seconds,
      r.stats.run_seconds > 0 ? r.stats.run / r.stats.run_seconds : 0.0,
      r.stats.shrink_seconds, r.stats.shrink_round_trips,
      r.stats.shrink_candidates, r.seconds);
  absl::StrAppend(&s, "note: ", r.note, "\n");
  absl::StrAppend(&s, r.matches_manifest
                          ? "outcome: as the manifest expects\n"
                          : "outcome: DIFFERS from the manifest\n");
  return s;
}

std::string ManifestLines(const KernelReview& r) {
  std::string s;
  for (const KernelRequirementReview& q : r.requirements) {
    if (q.verdict == props::Verdict::kBroken) {
      absl::StrAppendFormat(
          &s, "# (%d operations, %d lines)\n%s broken %s\n",
          q.finding ? q.finding->shrunk.ops.size() : 0,
          q.finding ? q.finding->shrunk.program.count : 0, q.id,
          props::TracePathFor(r.version.revision, q.id));
    } else {
      absl::StrAppend(&s, q.id, " holds\n");
    }
  }
  return s;
}

absl::Status SaveKernelFindings(const KernelReview& r,
                                const std::string& workspace) {
  for (const KernelRequirementReview& q : r.requirements) {
    if (!q.counterexample || !q.finding) continue;
    const std::string path = absl::StrCat(
        workspace, "/", props::TracePathFor(r.version.revision, q.id));
    const std::string comment = absl::StrCat(
        q.id, " broken on ", r.version.summary, "\n", "campaign seed ", r.seed,
        ", sequence ", q.finding->index, ", shrunk on the kernel\n",
        "differences:\n", q.finding->differences);
    absl::Status s = trace::WriteTraceFile(path, *q.counterexample, comment);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace dbgref::oracle
