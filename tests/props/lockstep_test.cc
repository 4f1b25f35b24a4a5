// The lockstep harness: the model behind dbgref_revision never differs from
// the model; every broken copy differs, and the differential discipline
// accepts it with its known findings and rejects it without them; a
// difference that breaks no requirement is flagged.
#include "props/lockstep.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "props/discipline.h"
#include "props/generators.h"
#include "props/model_revision.h"
#include "props/requirement_set.h"
#include "tests/props/broken_revisions.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr uint64_t kTraces = 1500;

TEST(Lockstep, TheModelRevisionObservesWhatTheModelDoes) {
  LockstepRunner runner(ModelRevision());
  Discipline discipline(ModelRevision(), RequirementSet());
  trace::Trace t;
  LockstepCounts counts;
  for (uint64_t seed = 1; seed <= kTraces; ++seed) {
    GenerateSequence(seed, kDefaultMaxOps, t);
    ASSERT_EQ(runner.CountDifferingSteps(t, &counts), 0u) << seed;
    ASSERT_EQ(discipline.Check(t), "") << seed;
  }
  EXPECT_GT(counts.guest_steps, kTraces);
}

TEST(Lockstep, StepsPastTheEndOfAListAreZeroOfTheOtherKind) {
  // A run of a program without lines: ENTER, the END store, EXIT.
  trace::Trace t;
  t.ops = {trace::RunOp()};
  const std::vector<LockstepStep> steps = Lockstep(t, ModelRevision());
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].model.step, DBGREF_STEP_ENTER);
  EXPECT_EQ(steps[1].model.step, DBGREF_STEP_GUEST);
  EXPECT_EQ(steps[2].model.step, DBGREF_STEP_EXIT);
  EXPECT_EQ(steps[2].model.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(ZeroObsLike(steps[1].model).step, DBGREF_STEP_GUEST);
  EXPECT_EQ(ZeroObsLike(steps[1].model).pc, 0u);
}

class BrokenCopyDiscipline : public testing::TestWithParam<BrokenRevision> {};

TEST_P(BrokenCopyDiscipline, KeptWithItsFindingsBrokenWithout) {
  const BrokenRevision& b = GetParam();
  Discipline with(*b.revision, b.breaks);
  Discipline without(*b.revision, RequirementSet());
  trace::Trace t;
  int rejected = 0;
  std::string example;
  for (uint64_t seed = 1; seed <= kTraces; ++seed) {
    GenerateSequence(seed, kDefaultMaxOps, t);
    const std::string kept = with.Check(t);
    if (b.exact && !b.breaks.empty()) {
      ASSERT_EQ(kept, "") << b.revision->name;
    }
    const std::string failure = without.Check(t);
    if (!failure.empty()) {
      ++rejected;
      if (example.empty()) example = failure;
    }
  }
  EXPECT_GT(rejected, 0) << b.revision->name;
  std::printf("%s: %d of %llu traces rejected without its findings; first:\n%s\n",
              b.revision->name, rejected,
              static_cast<unsigned long long>(kTraces), example.c_str());
  if (b.exact && b.breaks.empty()) {
    EXPECT_NE(example.find("without breaking a requirement"), std::string::npos)
        << example;
  }
}

std::string CopyName(const testing::TestParamInfo<BrokenRevision>& info) {
  std::string name = info.param.revision->name;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Faults, BrokenCopyDiscipline,
                         testing::ValuesIn(BrokenRevisions()), CopyName);

}  // namespace
}  // namespace dbgref::props
