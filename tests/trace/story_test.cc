// Stories (trace/story.h): the words for each kind of step, the first
// difference from a revision where it happens, and the wrapping; all as
// exact text.

#include "trace/story.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/model_run.h"
#include "trace/observations.h"
#include "trace/parse.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

Trace Parse(const std::string& text) {
  absl::StatusOr<Trace> t = ParseTrace(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : Trace{};
}

// A watchpoint on a store, after a trapped MRS.
Trace Watched() {
  return Parse(
      "dbgref-trace v2\n"
      "host id_aa64dfr0=0x305106\n"
      "program\n"
      "0x10000: mrs DBGBVR0_EL1\n"
      "0x10004: strw [0x20004]\n"
      "end\n"
      "ioctl set_guest_debug control=ENABLE|USE_HW wcr0=0x1ff7 "
      "wvr0=0x20000\n"
      "run\n");
}

constexpr char kWatchedStory[] =
    "1. KVM_SET_GUEST_DEBUG(ENABLE|USE_HW, wcr0=0x1ff7 wvr0=0x20000) -> 0\n"
    "2. KVM_RUN\n"
    "   guest at 0x10000: mrs DBGBVR0_EL1 -> trapped, KVM emulates: reads 0x0\n"
    "   guest at 0x10004: strw [0x20004] -> watchpoint, KVM_EXIT_DEBUG\n"
    "       hsr=0xd2000062 far=0x20004\n";

TEST(Story, TellsTheModelsRun) {
  const Trace t = Watched();
  EXPECT_EQ(TellStory(t, RunOnModel(t)), kWatchedStory);
}

TEST(Story, ARevisionThatAgreesChangesNothing) {
  const Trace t = Watched();
  const Observations model = RunOnModel(t);
  EXPECT_FALSE(FirstDivergence(model, model));
  EXPECT_EQ(TellStory(t, model, &model), kWatchedStory);
}

TEST(Story, TheFirstDifferenceAtAnExitFieldByField) {
  const Trace t = Watched();
  const Observations model = RunOnModel(t);
  Observations v2 = model;
  dbgref_obs& exit = v2[1].back();
  ASSERT_EQ(exit.step, uint32_t{DBGREF_STEP_EXIT});
  exit.exit_far = 0;
  exit.exit_pc += 4;
  const std::optional<Divergence> d = FirstDivergence(model, v2);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->op, 1u);
  EXPECT_EQ(d->step, model[1].size() - 1);
  StoryOptions options;
  options.revision = "v2";
  EXPECT_EQ(TellStory(t, model, &v2, options),
            std::string(kWatchedStory) +
                "     v2 differs here, at the exit (expected: the model):\n"
                "       exit_far: expected 0x20004, actual 0x0\n"
                "       exit_pc: expected 0x10004, actual 0x10008\n");
}

TEST(Story, ADifferenceAtAnEntryIsToldWithTheInstructionAfterIt) {
  const Trace t = Watched();
  const Observations model = RunOnModel(t);
  Observations rev = model;
  ASSERT_EQ(rev[1][0].step, uint32_t{DBGREF_STEP_ENTER});
  rev[1][0].entry_hw.dbg_wcr[0] = 0;
  EXPECT_EQ(
      TellStory(t, model, &rev),
      "1. KVM_SET_GUEST_DEBUG(ENABLE|USE_HW, wcr0=0x1ff7 wvr0=0x20000) -> 0\n"
      "2. KVM_RUN\n"
      "   guest at 0x10000: mrs DBGBVR0_EL1 -> trapped, KVM emulates: reads "
      "0x0\n"
      "     the revision differs here, at the entry before it (expected: the\n"
      "         model):\n"
      "       entry_hw.dbg_wcr[0]: expected 0x1ff7, actual 0x0\n"
      "   guest at 0x10004: strw [0x20004] -> watchpoint, KVM_EXIT_DEBUG\n"
      "       hsr=0xd2000062 far=0x20004\n");
}

TEST(Story, ADifferenceAtAnIoctl) {
  const Trace t = Watched();
  const Observations model = RunOnModel(t);
  Observations rev = model;
  rev[0][0].ret = -DBGREF_EINVAL;
  const std::vector<std::string> lines = StoryLines(t, model, &rev);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[1],
            "     the revision differs here, at the ioctl (expected: the "
            "model):");
  EXPECT_EQ(lines[2], "       ret: expected 0, actual -22");
  EXPECT_EQ(lines[3], "2. KVM_RUN");
}

TEST(Story, ARevisionWhoseRunEndsEarlyOrGoesOn) {
  const Trace t = Watched();
  const Observations model = RunOnModel(t);
  Observations shorter = model;
  shorter[1].resize(2);  // ENTER and the MRS's GUEST step only
  const std::vector<std::string> lines = StoryLines(t, model, &shorter);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[2],
            "   guest at 0x10000: mrs DBGBVR0_EL1 -> trapped, KVM emulates: "
            "reads 0x0");
  EXPECT_EQ(lines[3],
            "     the revision differs here: its operation ends after 2 "
            "steps, the model's goes on with an EXIT step");
  Observations longer = model;
  longer[1].push_back(model[1][0]);
  EXPECT_EQ(StoryLines(t, model, &longer).back(),
            "     the revision differs here: it goes on with an ENTER step, "
            "the model's operation ends after " +
                std::to_string(model[1].size()) + " steps");
}

TEST(Story, TheGuestsOwnExceptionsAndItsHandler) {
  // An MRS of a breakpoint register the host does not have (6 here), with
  // guest debug off: an UNDEF the guest takes itself, reported, resumed.
  const Trace t = Parse(
      "dbgref-trace v2\n"
      "host id_aa64dfr0=0x305106\n"
      "program\n"
      "0x10000: mrs DBGBCR9_EL1\n"
      "0x10004: msr DBGWVR0_EL1, 0x20000\n"
      "0x10008: mrs DBGWVR0_EL1\n"
      "end\n"
      "run\n"
      "run\n");
  EXPECT_EQ(TellStory(t, RunOnModel(t)),
            "1. KVM_RUN\n"
            "   guest at 0x10000: mrs DBGBCR9_EL1 -> its own UNDEF exception:\n"
            "       ESR_EL1=0x2000000 ELR_EL1=0x10000\n"
            "   KVM_RUN -> KVM_EXIT_MMIO exception report at 0x200\n"
            "2. KVM_RUN\n"
            "   guest at 0x204: the handler's 11 instructions and its eret, "
            "back to\n"
            "       0x10004\n"
            "   guest at 0x10004: msr DBGWVR0_EL1, 0x20000 -> trapped, KVM "
            "emulates\n"
            "   guest at 0x10008: mrs DBGWVR0_EL1 -> reads 0x20000\n"
            "   KVM_RUN -> KVM_EXIT_MMIO end report at 0x1000c\n");
}

TEST(Story, StepsThroughTheHandlerOneInstructionAtATime) {
  const Trace t = Parse(
      "dbgref-trace v2\n"
      "program\n"
      "0x10000: brk #0x1\n"
      "end\n"
      "run\n"
      "ioctl set_guest_debug control=ENABLE|SINGLESTEP\n"
      "run\n"
      "run\n");
  const std::vector<std::string> lines = StoryLines(t, RunOnModel(t));
  ASSERT_EQ(lines.size(), 9u);
  // The step exit right after the entry that completed the report store
  // (ISV clear), then one instruction per KVM_RUN.
  EXPECT_EQ(lines[5],
            "   guest at 0x204: handler instruction -> software step, "
            "KVM_EXIT_DEBUG hsr=0xca000022");
  EXPECT_EQ(lines[6], "4. KVM_RUN");
  EXPECT_EQ(lines[7], "   guest at 0x204: handler instruction");
  EXPECT_EQ(lines[8],
            "   guest at 0x208: handler instruction -> software step, "
            "KVM_EXIT_DEBUG hsr=0xcb000022");
}

TEST(Story, TheBoundOfAKvmRun) {
  // The guest single-steps itself inside its own handler: the handler's
  // ERET goes back into the handler, until the bound.
  const Trace t = Parse(
      "dbgref-trace v2\n"
      "program\n"
      "0x10000: brk #0x0\n"
      "end\n"
      "run\n"
      "ioctl set_one_reg PSTATE 0x5\n"
      "ioctl set_one_reg MDSCR_EL1 0x2001\n"
      "run\n"
      "ioctl set_one_reg MDSCR_EL1 0x0\n"
      "run\n");
  const std::vector<std::string> lines = StoryLines(t, RunOnModel(t));
  ASSERT_EQ(lines.size(), 15u);
  EXPECT_EQ(lines[6],
            "   guest at 0x204: handler instruction -> its own software step "
            "exception: ESR_EL1=0xce000022 ELR_EL1=0x204");
  EXPECT_EQ(lines[10],
            "   guest at 0x204: the handler's 11 instructions and its eret, "
            "back to 0x204");
  EXPECT_EQ(lines[13], "   guest at 0x204: the handler's 4 instructions");
  // Forty guest steps: three times the handler's twelve, and four.
  EXPECT_EQ(lines[14],
            "   guest at 0x214: handler instruction -> interrupted at the "
            "bound, KVM_EXIT_INTR -EINTR");
}

TEST(WrapLine, BreaksAtSpacesWithAHangingIndent) {
  EXPECT_EQ(WrapLine("   aaa bbb ccc", 10),
            (std::vector<std::string>{"   aaa bbb", "       ccc"}));
  EXPECT_EQ(WrapLine("short", 72), std::vector<std::string>{"short"});
  EXPECT_EQ(WrapLine("averyveryverylongword x", 8),
            (std::vector<std::string>{"averyveryverylongword", "    x"}));
}

}  // namespace
}  // namespace dbgref::trace
