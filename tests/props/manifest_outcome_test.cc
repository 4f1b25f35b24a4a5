// Property (c), one per requirement and revision: the differential
// campaign's outcome for each requirement (broken: some sequence's first
// breaking step breaks it) equals what the revision's manifest says; a
// finding shrinks to at most 6 operations plus the program lines they need,
// and is 1-minimal. An unexpected finding fails with its shrunk
// counterexample; an expected one the campaign does not reach fails too.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/describe.h"
#include "props/manifest.h"
#include "props/shard.h"
#include "trace/shrink.h"

namespace dbgref::props {
namespace {

constexpr uint64_t kSequencesPerShard = 20000;

// One campaign per revision, shared by that revision's requirement tests.
const std::vector<RequirementOutcome>& Outcomes(const dbgref_revision& r) {
  static auto* const cache =
      new std::map<std::string, std::vector<RequirementOutcome>>;
  auto it = cache->find(r.name);
  if (it == cache->end()) {
    CampaignOptions options;
    options.sequences = kSequencesPerShard;
    options.seed = ShardSeed();
    it = cache->emplace(r.name, RunCampaign(r, options)).first;
  }
  return it->second;
}

struct Case {
  const dbgref_revision* revision;
  Requirement requirement;
};

class ManifestOutcome : public testing::TestWithParam<Case> {};

TEST_P(ManifestOutcome, AsTheManifestSays) {
  const dbgref_revision& revision = *GetParam().revision;
  const Requirement r = GetParam().requirement;
  const std::string id(RequirementIdOf(r));
  const absl::StatusOr<Manifest> manifest = LoadManifest(revision.name);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  const RequirementOutcome& o = Outcomes(revision)[r];
  ASSERT_EQ(o.id, id);
  const bool expected = manifest->IsBroken(id);
  const bool broken = o.verdict == Verdict::kBroken;
  if (broken && !expected) {
    ADD_FAILURE() << id << " is broken on " << revision.name
                  << " but its manifest says it holds; campaign seed "
                  << ShardSeed() << ", sequence seed " << o.seed
                  << ", shrunk counterexample:\n"
                  << DescribeTrace(*o.counterexample);
  } else if (!broken && expected) {
    ADD_FAILURE() << id << " holds on " << revision.name << " in "
                  << kSequencesPerShard << " sequences (campaign seed "
                  << ShardSeed() << ") but its manifest records it as broken";
  }
  if (broken) {
    const trace::Trace& t = *o.counterexample;
    EXPECT_LE(t.ops.size(), 6u) << id << " on " << revision.name << ":\n"
                                << DescribeTrace(t);
    LockstepRunner runner(revision);
    EXPECT_TRUE(trace::IsOneMinimal(
        t, [&](const trace::Trace& c) { return Breaks(runner, r, c); }))
        << id << " on " << revision.name << ":\n"
        << DescribeTrace(t);
  }
}

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    for (int r = 0; r < kRequirementCount; ++r) {
      cases.push_back({dbgref_ports[p], static_cast<Requirement>(r)});
    }
  }
  return cases;
}

std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = absl::StrCat(info.param.revision->name, "_",
                                  RequirementIdOf(info.param.requirement));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(RevisionsAndRequirements, ManifestOutcome,
                         testing::ValuesIn(AllCases()), CaseName);

}  // namespace
}  // namespace dbgref::props
