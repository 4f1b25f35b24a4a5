// Replays each saved counterexample (the files are the test's arguments,
// trace format v2: host, program, operations) on the model and on the
// revision of its folder, step by step, and checks that the first step that
// breaks a requirement breaks the one the file is named after;
// checks that every manifest's broken entry has its trace here, at most 6
// operations long, and that no trace is left for a requirement the manifest
// says holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/manifest.h"
#include "props/requirement_set.h"
#include "props/workspace_file.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

// The trace files, as workspace paths (tests/regression/traces/<rev>/...).
std::vector<std::string>& TraceFiles() {
  static auto* const files = new std::vector<std::string>;
  return *files;
}

struct TraceFile {
  std::string path;
  std::string revision;
  std::string requirement;
};

TraceFile Describe(const std::string& path) {
  const std::vector<std::string> parts = absl::StrSplit(path, '/');
  TraceFile f;
  f.path = path;
  f.revision = parts.size() >= 2 ? parts[parts.size() - 2] : "";
  const std::string& name = parts.back();
  f.requirement = name.substr(0, name.find('.'));
  return f;
}

class SavedTrace : public testing::TestWithParam<std::string> {};

TEST_P(SavedTrace, FirstBreakingStepBreaksItsRequirement) {
  const TraceFile f = Describe(GetParam());
  const dbgref_revision* revision = dbgref_port_find(f.revision.c_str());
  ASSERT_NE(revision, nullptr) << "no revision '" << f.revision << "' for "
                           << f.path;
  ASSERT_TRUE(FindRequirement(f.requirement).has_value())
      << f.path << " is not named after a requirement";
  const absl::StatusOr<std::string> text = ReadWorkspaceFile(f.path);
  ASSERT_TRUE(text.ok()) << text.status();
  const absl::StatusOr<trace::Trace> trace = trace::ParseTrace(*text);
  ASSERT_TRUE(trace.ok()) << f.path << ": " << trace.status();
  EXPECT_LE(trace->ops.size(), 6u) << f.path;

  bool seen = false;
  for (const LockstepStep& step : Lockstep(*trace, *revision)) {
    if (!step.first_divergence) continue;
    seen = true;
    EXPECT_NE(
        std::find(step.violated.begin(), step.violated.end(), f.requirement),
        step.violated.end())
        << f.path << ": the first breaking step, step " << step.step
        << " of " << trace::FormatOp(trace->ops[step.op]) << ", breaks "
        << absl::StrJoin(step.violated, ", ");
  }
  EXPECT_TRUE(seen) << f.path << ": model and " << f.revision
                    << " agree on every step";
}

INSTANTIATE_TEST_SUITE_P(Traces, SavedTrace, testing::ValuesIn(TraceFiles()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           const TraceFile f = Describe(info.param);
                           std::string name =
                               f.revision + "_" +
                               info.param.substr(info.param.rfind('/') + 1);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           }
                           return name;
                         });

TEST(Manifests, EveryFindingHasItsTraceAndNoHoldingOneHasOne) {
  std::set<std::string> files(TraceFiles().begin(), TraceFiles().end());
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const char* revision = dbgref_ports[p]->name;
    const absl::StatusOr<Manifest> manifest = LoadManifest(revision);
    ASSERT_TRUE(manifest.ok()) << manifest.status();
    for (const ManifestEntry& e : manifest->entries) {
      const std::string path = TracePathFor(revision, e.id);
      const bool broken = e.verdict == Verdict::kBroken;
      EXPECT_EQ(files.count(path), broken ? 1u : 0u)
          << revision << " " << e.id << " " << VerdictName(e.verdict) << ": "
          << path;
      if (broken) {
        EXPECT_FALSE(e.comment.empty())
            << revision << " " << e.id << " has no comment saying what it is";
      }
    }
  }
}

}  // namespace
}  // namespace dbgref::props

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (!absl::StartsWith(argv[i], "-")) {
      dbgref::props::TraceFiles().push_back(argv[i]);
    }
  }
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
