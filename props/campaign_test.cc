// The campaign library: determinism, shrinking, early stop, and the
// requirement list it reports against.
#include "props/campaign.h"

#include <gtest/gtest.h>

#include "model/requirement_list.h"
#include "port/driver.h"
#include "props/requirement_set.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

CampaignOptions Options(uint64_t sequences, uint64_t seed) {
  CampaignOptions o;
  o.sequences = sequences;
  o.seed = seed;
  return o;
}

TEST(Campaign, RequirementsInSpecOrderWithTitles) {
  ASSERT_EQ(RequirementIds().size(), model::kRequirements.size());
  for (size_t i = 0; i < RequirementIds().size(); ++i) {
    EXPECT_EQ(RequirementIds()[i], model::kRequirements[i].id);
    EXPECT_EQ(RequirementTitle(RequirementIds()[i]),
              model::kRequirements[i].title);
  }
  EXPECT_EQ(RequirementTitle("REQ-NOPE"), "");
}

TEST(Campaign, SameSeedSameOutcomes) {
  const auto a = RunCampaign(dbgref_port_v2, Options(500, 42));
  const auto b = RunCampaign(dbgref_port_v2, Options(500, 42));
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].verdict, b[i].verdict);
    EXPECT_EQ(a[i].seed, b[i].seed);
    if (a[i].verdict == Verdict::kBroken) {
      EXPECT_EQ(trace::FormatTrace(*a[i].counterexample),
                trace::FormatTrace(*b[i].counterexample));
    }
  }
}

TEST(Campaign, CounterexamplesAreShortAndStillBreak) {
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    LockstepRunner runner(*dbgref_ports[p]);
    for (const RequirementOutcome& o :
         RunCampaign(*dbgref_ports[p], Options(3000, 7))) {
      if (o.verdict != Verdict::kBroken) continue;
      ASSERT_TRUE(o.counterexample.has_value());
      EXPECT_LE(o.counterexample->ops.size(), 6u)
          << dbgref_ports[p]->name << " " << o.id;
      EXPECT_TRUE(Breaks(runner, *FindRequirement(o.id), *o.counterexample));
      // The unshrunk sequence is the one the seed generates.
      EXPECT_TRUE(
          Breaks(runner, *FindRequirement(o.id), GenerateSequence(o.seed, 24)));
    }
  }
}

TEST(Campaign, StopsOnceTheRequirementsLookedForBreak) {
  CampaignOptions o = Options(1000000, 3);
  o.requirements = {"REQ-NOUNDEF"};
  o.stop_when_all_broken = true;
  double last_fraction = -1;
  o.progress = [&](double f) { last_fraction = f; };
  const auto outcomes = RunCampaign(dbgref_port_v2, o);
  for (const RequirementOutcome& out : outcomes) {
    EXPECT_EQ(out.verdict == Verdict::kBroken, out.id == "REQ-NOUNDEF")
        << out.id;
  }
  EXPECT_LT(outcomes[kReqNoundef].sequences_run, 1000000u);
  EXPECT_EQ(last_fraction, 1.0);
}

TEST(Lockstep, MarksTheFirstBreakingStepOnly) {
  trace::Trace t;
  t.ops = {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW),
           trace::GuestReadOp(DBGREF_REG_MDSCR, 0),
           trace::GuestReadOp(DBGREF_REG_MDSCR, 0)};
  const std::vector<LockstepStep> v2 = Lockstep(t, dbgref_port_v2);
  ASSERT_EQ(v2.size(), 3u);
  EXPECT_FALSE(v2[0].first_divergence);
  EXPECT_TRUE(v2[1].first_divergence);
  EXPECT_EQ(v2[1].violated, std::vector<std::string>({"REQ-NOUNDEF"}));
  EXPECT_FALSE(v2[2].first_divergence);
  EXPECT_TRUE(v2[2].violated.empty());
  EXPECT_EQ(v2[1].port.undef, 1u);
  EXPECT_EQ(v2[1].model.undef, 0u);

  for (const LockstepStep& step : Lockstep(t, dbgref_port_final)) {
    EXPECT_FALSE(step.first_divergence);
  }
}

}  // namespace
}  // namespace dbgref::props
