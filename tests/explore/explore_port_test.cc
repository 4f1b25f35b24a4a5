// Exhaustive exploration of one port revision (the first argument: v2,
// v2-review or final) over the small alphabet: the search closes, its
// findings are exactly the broken requirements of the revision's manifest,
// each counterexample replays to its requirement, and none is longer than
// the campaign's shrunk counterexample saved beside the manifest.
#include <string>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "port/driver.h"
#include "props/alphabet.h"
#include "props/explore.h"
#include "props/manifest.h"
#include "props/requirement_set.h"
#include "props/workspace_file.h"
#include "trace/format.h"
#include "trace/parse.h"

namespace dbgref::props {
namespace {

std::string g_revision;

TEST(ExplorePortTest, ClosesWithTheManifestFindings) {
  const dbgref_revision* revision = dbgref_port_find(g_revision.c_str());
  ASSERT_NE(revision, nullptr) << g_revision;
  absl::StatusOr<const Alphabet*> alphabet = FindAlphabet("small");
  ASSERT_TRUE(alphabet.ok());
  absl::StatusOr<Manifest> manifest = LoadManifest(g_revision);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  ExploreOptions options;
  options.threads = 2;
  absl::StatusOr<ExploreResult> result =
      Explore(*revision, **alphabet, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->closed);
  EXPECT_EQ(result->ambiguous_links, 0u);

  RequirementSet found;
  for (const ExploreFinding& f : result->findings) {
    const std::optional<Requirement> r = FindRequirement(f.id);
    ASSERT_TRUE(r.has_value()) << f.id;
    found.Add(*r);
    EXPECT_TRUE(f.replayed) << f.id << "\n"
                            << trace::FormatTrace(f.counterexample);
    const ManifestEntry* entry = manifest->Find(f.id);
    ASSERT_NE(entry, nullptr) << f.id;
    if (entry->trace_path.empty()) continue;  // unexpected: shown below
    absl::StatusOr<std::string> text = ReadWorkspaceFile(entry->trace_path);
    ASSERT_TRUE(text.ok()) << text.status();
    absl::StatusOr<trace::Trace> campaign = trace::ParseTrace(*text);
    ASSERT_TRUE(campaign.ok()) << campaign.status();
    EXPECT_LE(f.length, static_cast<int>(campaign->ops.size()))
        << f.id << ": exploration's counterexample is longer than the "
        << "campaign's\n"
        << trace::FormatTrace(f.counterexample);
  }
  EXPECT_EQ(found.ToString(), manifest->Broken().ToString());
}

}  // namespace
}  // namespace dbgref::props

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (argc > 1) dbgref::props::g_revision = argv[1];
  return RUN_ALL_TESTS();
}
