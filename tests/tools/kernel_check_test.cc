// A small check of a real kernel through the tools' API
// (tools/revision_check.h, as `dbgref check KERNEL --sequences=300` runs
// it): one boot, the kernel campaign, each requirement's outcome compared
// with the kernel's manifest, props/manifests/KERNEL.txt. A requirement
// the manifest records as broken must be broken; one it says holds must
// hold, or be not observed where a real kernel cannot show it
// (tools/kernel_judge.h, ObservableOnKernel); nothing may be unexplained.
//
//   kernel_check_test --kernel=linux-6.1
//
// The kernel comes from ./dbgref fetch-kernels; a missing one fails.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "model/requirement_list.h"
#include "props/manifest.h"
#include "props/verdict.h"
#include "tools/kernel_judge.h"
#include "tools/report.h"
#include "tools/revision_check.h"
#include "tools/revisions.h"

namespace dbgref::tools {
namespace {

// Enough to meet every requirement's shapes in the campaign's mix, small
// enough for one short boot; a manifest that records a finding these
// sequences do not show needs more.
constexpr uint64_t kSequences = 300;

std::string& KernelName() {
  static auto* const name = new std::string;
  return *name;
}

std::string& Program() {
  static auto* const program = new std::string;
  return *program;
}

TEST(KernelCheck, OutcomesAreTheManifests) {
  ASSERT_FALSE(KernelName().empty()) << "no --kernel=NAME";
  const absl::StatusOr<const Revision*> revision = FindRevision(KernelName());
  ASSERT_TRUE(revision.ok()) << revision.status();
  ASSERT_EQ((*revision)->kind, RevisionKind::kKernel);
  const absl::StatusOr<props::Manifest> manifest =
      props::LoadManifest(KernelName());
  ASSERT_TRUE(manifest.ok()) << manifest.status();

  CheckOptions options;
  options.sequences = kSequences;
  options.seed = 1;
  options.quiet = true;
  options.save_traces = false;
  options.program = Program();
  const absl::StatusOr<Report> report = CheckRevision(**revision, options);
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string text = RenderText(*report);

  EXPECT_EQ(report->manifest,
            absl::StrCat("props/manifests/", KernelName(), ".txt"));
  ASSERT_EQ(report->requirements.size(),
            static_cast<size_t>(kRequirementCount));
  for (int k = 0; k < kRequirementCount; ++k) {
    const RequirementResult& r = report->requirements[k];
    const props::ManifestEntry* entry = manifest->Find(r.id);
    ASSERT_NE(entry, nullptr) << r.id;
    if (entry->verdict == props::Verdict::kBroken) {
      EXPECT_EQ(r.status, Status::kBroken)
          << r.id << " is " << StatusName(r.status) << " on " << KernelName()
          << ", but its manifest records it as broken (" << entry->trace_path
          << ")";
    } else {
      const Status want = ObservableOnKernel(static_cast<Requirement>(k))
                              ? Status::kHolds
                              : Status::kNotObserved;
      EXPECT_EQ(r.status, want)
          << r.id << " is " << StatusName(r.status) << " on " << KernelName()
          << ", want " << StatusName(want) << " (its manifest says it holds)";
    }
  }
  EXPECT_TRUE(report->unexplained.empty()) << text;
  ASSERT_TRUE(report->matches_manifest.has_value());
  EXPECT_TRUE(*report->matches_manifest) << text;
  EXPECT_TRUE(absl::StrContains(
      text, absl::StrCat("as props/manifests/", KernelName(), ".txt expects")))
      << text;
  // The version actually run is in the report's notes (the text wraps
  // them).
  bool version = false;
  for (const std::string& note : report->notes) {
    version = version || (absl::StartsWith(note, KernelName() + ": ") &&
                          absl::StrContains(note, "uname -r"));
  }
  EXPECT_TRUE(version) << text;
}

}  // namespace
}  // namespace dbgref::tools

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  dbgref::tools::Program() = argv[0];
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--kernel=")) {
      dbgref::tools::KernelName() = arg.substr(9);
    }
  }
  return RUN_ALL_TESTS();
}
