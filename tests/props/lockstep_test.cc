// The lockstep harness: the model behind dbgref_revision never differs from
// the model; every broken copy differs, and the differential discipline
// accepts it with its known findings and rejects it without them; a
// difference that breaks no requirement is flagged; every difference is
// judged on the model's own transition for its step.
#include "props/lockstep.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "model/concrete.h"
#include "port/driver.h"
#include "props/discipline.h"
#include "props/generators.h"
#include "props/model_revision.h"
#include "props/model_vcpu.h"
#include "props/observational_view.h"
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

// The model's transition for step `step` of operation `op`, made afresh:
// the trace replayed from reset, every transition of that operation built
// as ForEachTransition builds it. False past the end of its list.
bool FreshTransition(const trace::Trace& t, std::size_t op, std::size_t step,
                     model::ConcreteTransition& out) {
  ModelVcpu model(t.host, t.program);
  for (std::size_t i = 0; i < op; ++i) model.Step(t.ops[i]);
  std::size_t n = 0;
  bool found = false;
  model.ForEachTransition(t.ops[op], [&](const model::ConcreteTransition& x) {
    if (n++ == step) {
      out = x;
      found = true;
    }
  });
  return found;
}

// Every difference Compare reports is judged on the model's own transition
// for its step, whichever steps of the operation were judged before it:
// the same verdict as a judgment made afresh on that transition.
TEST(Lockstep, EachDifferenceIsJudgedOnItsOwnTransition) {
  std::vector<const dbgref_revision*> revisions;
  for (const BrokenRevision& b : BrokenRevisions()) {
    revisions.push_back(b.revision);
  }
  for (std::size_t p = 0; p < dbgref_port_count; ++p) {
    revisions.push_back(dbgref_ports[p]);
  }
  int judged = 0;
  int later_in_a_run = 0;
  trace::Trace t;
  for (const dbgref_revision* revision : revisions) {
    LockstepRunner runner(*revision);
    for (uint64_t seed = 1; seed <= 150; ++seed) {
      GenerateSequence(seed, kDefaultMaxOps, t);
      std::vector<Divergence> seen;
      runner.Compare(t, [&](const Divergence& d) {
        seen.push_back(d);
        return true;
      });
      for (const Divergence& d : seen) {
        auto fresh = std::make_unique<model::ConcreteTransition>();
        if (!FreshTransition(t, d.op, d.step, *fresh)) continue;
        const StepVerdict v = ClassifyStep(*fresh, d.revision, t, d.op);
        ASSERT_EQ(v.violated.Ids(), d.verdict.violated.Ids())
            << revision->name << " seed " << seed << " op " << d.op << " step "
            << d.step;
        ASSERT_EQ(v.design_difference, d.verdict.design_difference)
            << revision->name << " seed " << seed;
        ++judged;
        later_in_a_run += d.step > 0;
      }
    }
  }
  std::printf(
      "%d differences judged afresh, %d of them after an earlier "
      "step of their operation\n",
      judged, later_in_a_run);
  EXPECT_GT(later_in_a_run, 100);
}

}  // namespace
}  // namespace dbgref::props
