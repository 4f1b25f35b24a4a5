// The campaign: nothing breaks on the model itself; every broken copy's
// finding is found, under the requirement the fault breaks, shrunk to at
// most 6 operations and 1-minimal; the same seed finds the same.
#include "props/campaign.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "props/describe.h"
#include "props/model_revision.h"
#include "props/requirement_set.h"
#include "tests/props/broken_revisions.h"
#include "trace/shrink.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

bool SameTrace(const trace::Trace& a, const trace::Trace& b) {
  if (std::memcmp(&a.host, &b.host, sizeof(a.host)) != 0) return false;
  if (std::memcmp(&a.program, &b.program, sizeof(a.program)) != 0) return false;
  if (a.ops.size() != b.ops.size()) return false;
  for (size_t i = 0; i < a.ops.size(); ++i) {
    if (std::memcmp(&a.ops[i], &b.ops[i], sizeof(dbgref_op)) != 0) return false;
  }
  return true;
}

TEST(Campaign, NothingBreaksOnTheModelItself) {
  CampaignOptions options;
  options.sequences = 3000;
  for (const RequirementOutcome& o : RunCampaign(ModelRevision(), options)) {
    EXPECT_EQ(o.verdict, Verdict::kHolds) << o.id;
  }
}

class BrokenCopy : public testing::TestWithParam<BrokenRevision> {};

TEST_P(BrokenCopy, ItsFindingIsFoundAndShrunk) {
  const BrokenRevision& b = GetParam();
  CampaignOptions options;
  options.sequences = 20000;
  options.stop_when_all_broken = !b.primary.empty();
  options.requirements = b.primary.Ids();
  if (b.primary.empty()) options.sequences = 3000;
  const std::vector<RequirementOutcome> outcomes =
      RunCampaign(*b.revision, options);
  LockstepRunner runner(*b.revision);
  for (const RequirementOutcome& o : outcomes) {
    const Requirement r = *FindRequirement(o.id);
    if (!b.primary.Has(r)) {
      if (b.exact) {
        EXPECT_EQ(o.verdict, Verdict::kHolds) << o.id;
      }
      continue;
    }
    ASSERT_EQ(o.verdict, Verdict::kBroken) << o.id;
    const trace::Trace& t = *o.counterexample;
    std::printf("%s %s: sequence %llu, %.1f ms, %zu operations, %u lines\n%s",
                b.revision->name, o.id.c_str(),
                static_cast<unsigned long long>(o.sequences_run),
                o.seconds * 1e3, t.ops.size(), t.program.count,
                DescribeTrace(t).c_str());
    EXPECT_TRUE(Breaks(runner, r, t)) << o.id;
    EXPECT_LE(t.ops.size(), 6u) << o.id << "\n" << DescribeTrace(t);
    EXPECT_TRUE(trace::IsOneMinimal(
        t, [&](const trace::Trace& c) { return Breaks(runner, r, c); }))
        << o.id << "\n" << DescribeTrace(t);
  }
}

std::string CopyName(const testing::TestParamInfo<BrokenRevision>& info) {
  std::string name = info.param.revision->name;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Faults, BrokenCopy,
                         testing::ValuesIn(BrokenRevisions()), CopyName);

TEST(Campaign, TheSameSeedFindsTheSame) {
  CampaignOptions options;
  options.sequences = 2000;
  options.seed = 7;
  const BrokenRevision& b = Broken(Fault::kSkipKeepsSs);
  const std::vector<RequirementOutcome> first = RunCampaign(*b.revision, options);
  const std::vector<RequirementOutcome> again = RunCampaign(*b.revision, options);
  ASSERT_EQ(first.size(), again.size());
  bool any = false;
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].verdict, again[i].verdict) << first[i].id;
    EXPECT_EQ(first[i].seed, again[i].seed) << first[i].id;
    if (first[i].counterexample) {
      any = true;
      ASSERT_TRUE(again[i].counterexample);
      EXPECT_TRUE(SameTrace(*first[i].counterexample, *again[i].counterexample))
          << first[i].id;
    }
  }
  EXPECT_TRUE(any);
}

}  // namespace
}  // namespace dbgref::props
