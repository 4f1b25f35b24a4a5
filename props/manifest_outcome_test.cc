// Property (c), one per requirement and revision: the differential
// campaign's outcome for each requirement (broken: some sequence's first
// breaking step breaks it) equals what the revision's manifest says. A
// requirement that breaks unexpectedly fails with its shrunk
// counterexample; an expected finding that the campaign does not reach
// fails too.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/manifest.h"
#include "props/shard.h"
#include "trace/format.h"

namespace dbgref::props {
namespace {

constexpr uint64_t kSequencesPerShard = 20000;

// One campaign per revision, shared by that revision's requirement tests.
const std::vector<RequirementOutcome>& Outcomes(const dbgref_port& port) {
  static auto* const cache =
      new std::map<std::string, std::vector<RequirementOutcome>>;
  auto it = cache->find(port.name);
  if (it == cache->end()) {
    CampaignOptions options;
    options.sequences = kSequencesPerShard;
    options.seed = ShardSeed();
    it = cache->emplace(port.name, RunCampaign(port, options)).first;
  }
  return it->second;
}

struct Case {
  const dbgref_port* port;
  Requirement requirement;
};

class ManifestOutcome : public testing::TestWithParam<Case> {};

TEST_P(ManifestOutcome, AsTheManifestSays) {
  const dbgref_port& port = *GetParam().port;
  const std::string id(RequirementIdOf(GetParam().requirement));
  const absl::StatusOr<Manifest> manifest = LoadManifest(port.name);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  const RequirementOutcome& o = Outcomes(port)[GetParam().requirement];
  ASSERT_EQ(o.id, id);
  const bool expected = manifest->IsBroken(id);
  const bool broken = o.verdict == Verdict::kBroken;
  if (broken && !expected) {
    ADD_FAILURE() << id << " is broken on " << port.name
                  << " but its manifest says it holds; campaign seed "
                  << ShardSeed() << ", sequence seed " << o.seed
                  << ", shrunk counterexample:\n"
                  << trace::FormatTrace(*o.counterexample);
  } else if (!broken && expected) {
    ADD_FAILURE() << id << " holds on " << port.name << " in "
                  << kSequencesPerShard << " sequences (campaign seed "
                  << ShardSeed() << ") but its manifest records it as broken";
  }
  if (broken) {
    EXPECT_LE(o.counterexample->ops.size(), 6u)
        << "shrunk counterexample of " << id << " on " << port.name << ":\n"
        << trace::FormatTrace(*o.counterexample);
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
  std::string name = absl::StrCat(info.param.port->name, "_",
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
