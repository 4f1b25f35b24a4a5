// Exploration catches a deliberately broken copy of the model
// (tests/props/broken_revisions.h) with a shortest counterexample, and
// finds nothing where nothing is broken.
//
// The copy broken-skip-keeps-ss keeps PSTATE.SS over the skip of an
// emulated instruction (4.2): userspace single-steps, the guest's MSR of a
// debug register traps and is skipped, and the next instruction runs
// before the step exit, two instructions for one step (REQ-SS). Its
// shortest counterexample takes 2 operations (KVM_SET_GUEST_DEBUG with
// SINGLESTEP, KVM_RUN) and a program of 1 line: no single operation steps
// the guest at all, so exploring to depth 1 must find nothing.
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "model/uapi.h"
#include "props/alphabet.h"
#include "props/explore.h"
#include "props/model_revision.h"
#include "tests/props/broken_revisions.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr int kKnownMinimum = 2;

ExploreResult Search(const dbgref_revision& revision,
                     const std::string& alphabet_name, int max_depth,
                     int threads) {
  absl::StatusOr<const Alphabet*> alphabet = FindAlphabet(alphabet_name);
  EXPECT_TRUE(alphabet.ok());
  ExploreOptions options;
  options.max_depth = max_depth;
  options.threads = threads;
  absl::StatusOr<ExploreResult> result = Explore(revision, **alphabet, options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : ExploreResult{};
}

TEST(ExploreBrokenTest, CatchesTheSkipThatKeepsSsWithAShortestTrace) {
  const dbgref_revision& broken = ExplorableBroken(Fault::kSkipKeepsSs);
  for (int threads : {1, 2}) {
    const ExploreResult r = Search(broken, "tiny", 100, threads);
    EXPECT_TRUE(r.closed);
    ASSERT_EQ(r.findings.size(), 1u);
    const ExploreFinding& f = r.findings[0];
    EXPECT_EQ(f.id, "REQ-SS");
    EXPECT_TRUE(f.replayed);
    EXPECT_EQ(f.length, kKnownMinimum) << trace::FormatTrace(f.counterexample);
    ASSERT_EQ(f.counterexample.program.count, 1u);
    EXPECT_EQ(f.counterexample.program.line[0].insn.kind, DBGREF_INSN_MSR);
    ASSERT_EQ(f.counterexample.ops.size(), 2u);
    EXPECT_EQ(f.counterexample.ops[0].dbg.control,
              KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP);
    EXPECT_EQ(f.counterexample.ops[1].kind, DBGREF_OP_RUN);
  }
}

TEST(ExploreBrokenTest, NothingShorterExists) {
  const ExploreResult r = Search(ExplorableBroken(Fault::kSkipKeepsSs), "tiny",
                                 kKnownMinimum - 1, 1);
  EXPECT_FALSE(r.closed);
  EXPECT_TRUE(r.findings.empty());
}

// The model against itself breaks nothing: over the tiny alphabet to
// closure, and over the small one to depth 5, beyond every port finding's
// length (closing it takes 7.8 M transitions, too long for a test).
TEST(ExploreBrokenTest, TheModelAgainstItselfFindsNothing) {
  const ExploreResult tiny = Search(ModelRevision(), "tiny", 100, 2);
  EXPECT_TRUE(tiny.closed);
  const ExploreResult small = Search(ModelRevision(), "small", 5, 2);
  EXPECT_GT(small.distinct, 10000u);
  for (const ExploreResult* r : {&tiny, &small}) {
    for (const ExploreFinding& f : r->findings) {
      ADD_FAILURE() << f.id << "\n" << trace::FormatTrace(f.counterexample);
    }
  }
}

TEST(ExploreBrokenTest, ACopyWithoutStateBlobIsRefused) {
  absl::StatusOr<const Alphabet*> alphabet = FindAlphabet("tiny");
  ASSERT_TRUE(alphabet.ok());
  const absl::StatusOr<ExploreResult> r =
      Explore(*Broken(Fault::kSkipKeepsSs).revision, **alphabet, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ExploreBrokenTest, MaxStatesIsEnforced) {
  absl::StatusOr<const Alphabet*> alphabet = FindAlphabet("small");
  ASSERT_TRUE(alphabet.ok());
  ExploreOptions options;
  options.max_states = 5000;
  const absl::StatusOr<ExploreResult> r =
      Explore(ModelRevision(), **alphabet, options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(r.status().message().find("--max-states=5000"),
            absl::string_view::npos)
      << r.status();
}

}  // namespace
}  // namespace dbgref::props
