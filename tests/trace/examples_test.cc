// The example traces of docs/examples: each parses, prints back to a trace
// that parses the same, and runs on the model; the story the model tells is
// the one the file carries under "# The model tells it:", and holds the
// lines that show what the example is about.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "trace/file.h"
#include "trace/format.h"
#include "trace/model_run.h"
#include "trace/parse.h"
#include "trace/story.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

constexpr char kMarker[] = "# The model tells it:";

std::string Read(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The story the file carries: the comment lines after the marker, "# "
// taken off.
std::string CarriedStory(const std::string& text) {
  std::string out;
  bool in = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!in) {
      in = line == kMarker;
      continue;
    }
    if (!absl::ConsumePrefix(&line, "#")) break;
    absl::ConsumePrefix(&line, " ");
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

// A story line without its indent and its operation's number.
std::string Unnumbered(absl::string_view line) {
  line = absl::StripLeadingAsciiWhitespace(line);
  const size_t dot = line.find(". ");
  if (dot != absl::string_view::npos && dot > 0 &&
      line.find_first_not_of("0123456789") == dot) {
    line.remove_prefix(dot + 2);
  }
  return std::string(line);
}

struct Example {
  const char* file;
  // Lines the story must have (each a whole unwrapped line, without its
  // indent), worked out from the architecture and the spec.
  std::vector<std::string> key_lines;
};

void PrintTo(const Example& e, std::ostream* os) { *os << e.file; }

class Examples : public testing::TestWithParam<Example> {};

TEST_P(Examples, ParsesRoundTripsAndTellsItsStory) {
  const std::string path = std::string("docs/examples/") + GetParam().file;
  absl::StatusOr<Trace> trace = ReadTraceFile(path);
  ASSERT_TRUE(trace.ok()) << trace.status();
  absl::StatusOr<Trace> back = ParseTrace(FormatTrace(*trace));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(*back == *trace);

  const Observations obs = RunOnModel(*trace);
  std::vector<std::string> lines;
  for (const std::string& line : StoryLines(*trace, obs)) {
    lines.push_back(Unnumbered(line));
  }
  for (const std::string& key : GetParam().key_lines) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), key), lines.end())
        << "missing: " << key << "\nin:\n"
        << absl::StrJoin(lines, "\n");
  }
  const std::string story = TellStory(*trace, obs);
  EXPECT_EQ(CarriedStory(Read(path)), story)
      << path << " should carry, after '" << kMarker << "':\n"
      << story;
}

INSTANTIATE_TEST_SUITE_P(
    Docs, Examples,
    testing::Values(
        Example{"selftest_single_step.trace",
                {"guest at 0x10000: nop",
                 "guest at 0x10004: nop -> software step, KVM_EXIT_DEBUG "
                 "hsr=0xcb000022",
                 "guest at 0x10008: nop -> software step, KVM_EXIT_DEBUG "
                 "hsr=0xcb000022",
                 "guest at 0x1000c: report -> software step, KVM_EXIT_DEBUG "
                 "hsr=0xcb000022",
                 "KVM_RUN -> KVM_EXIT_MMIO report at 0x1000c"}},
        Example{"step_over_trapped_mrs.trace",
                {"guest at 0x10000: mrs DBGBVR0_EL1 -> trapped, KVM emulates: "
                 "reads 0x10008",
                 // One exit for the one instruction, at the next: ISV clear,
                 // the step taken at once after the skip.
                 "guest at 0x10004: nop -> software step, KVM_EXIT_DEBUG "
                 "hsr=0xca000022"}},
        Example{"use_hw_breakpoint.trace",
                {"KVM_CHECK_EXTENSION(KVM_CAP_GUEST_DEBUG_HW_BPS) -> 6",
                 "guest at 0x10008: nop -> breakpoint, KVM_EXIT_DEBUG "
                 "hsr=0xc2000022",
                 "KVM_RUN -> KVM_EXIT_MMIO report at 0x1000c"}},
        Example{"watchpoint_load.trace",
                {"KVM_CHECK_EXTENSION(KVM_CAP_GUEST_DEBUG_HW_WPS) -> 4",
                 "guest at 0x10000: strx [0x20000]",
                 "guest at 0x10004: ldrw [0x20004] -> watchpoint, "
                 "KVM_EXIT_DEBUG hsr=0xd2000022 far=0x20004"}},
        Example{"watchpoint_store.trace",
                {"guest at 0x10000: ldrx [0x20000]",
                 "guest at 0x10004: strw [0x20004] -> watchpoint, "
                 "KVM_EXIT_DEBUG hsr=0xd2000062 far=0x20004"}},
        Example{"brk_guest_debug.trace",
                {"KVM_SET_GUEST_DEBUG(ENABLE|USE_SW_BP) -> 0",
                 "KVM_SET_GUEST_DEBUG(ENABLE) -> 0",
                 "guest at 0x10004: brk #0x7 -> BRK, KVM_EXIT_DEBUG "
                 "hsr=0xf2000007"}},
        Example{"brk_no_guest_debug.trace",
                {"guest at 0x10000: brk #0x7 -> its own BRK exception: "
                 "ESR_EL1=0xf2000007 ELR_EL1=0x10000",
                 "KVM_RUN -> KVM_EXIT_MMIO exception report at 0x200",
                 "KVM_RUN -> KVM_EXIT_MMIO report at 0x10004"}},
        Example{"guest_own_breakpoint.trace",
                {"guest at 0x1000c: nop",
                 "guest at 0x10010: nop -> its own breakpoint exception: "
                 "ESR_EL1=0xc6000022 ELR_EL1=0x10010",
                 "KVM_RUN -> KVM_EXIT_MMIO report at 0x10014",
                 "KVM_GET_ONE_REG(DBGBVR0_EL1) -> 0x10010"}},
        Example{"os_lock.trace",
                {"guest at 0x10018: mrs OSLSR_EL1 -> trapped, KVM emulates: "
                 "reads 0xa",
                 "guest at 0x10020: mrs OSLSR_EL1 -> trapped, KVM emulates: "
                 "reads 0x8",
                 "guest at 0x10024: nop -> its own breakpoint exception: "
                 "ESR_EL1=0xc6000022 ELR_EL1=0x10024"}},
        Example{"one_reg.trace",
                {"KVM_GET_ONE_REG(DBGBVR1_EL1) -> 0x10004",
                 "guest at 0x10004: mrs DBGBVR1_EL1 -> trapped, KVM emulates: "
                 "reads 0x10004",
                 "guest at 0x10008: mrs MDSCR_EL1 -> trapped, KVM emulates: "
                 "reads 0x8000",
                 "KVM_GET_ONE_REG(DBGWVR0_EL1) -> 0x20008",
                 "KVM_GET_ONE_REG(PC) -> 0x10010",
                 "KVM_GET_ONE_REG(PSTATE) -> 0x3c5"}},
        Example{
            "vcpu_init.trace",
            {"KVM_ARM_VCPU_INIT -> 0", "KVM_GET_ONE_REG(DBGBVR0_EL1) -> 0x0",
             "KVM_GET_ONE_REG(MDSCR_EL1) -> 0x0",
             "KVM_GET_ONE_REG(PC) -> 0x10000",
             "guest at 0x10004: nop -> breakpoint, KVM_EXIT_DEBUG "
             "hsr=0xc2000022"}},
        Example{"qemu_gdbstub.trace",
                {"guest at 0x1000c: strx [0x20010] -> watchpoint, "
                 "KVM_EXIT_DEBUG hsr=0xd2000062 far=0x20010",
                 "guest at 0x1000c: strx [0x20010]",
                 "guest at 0x10010: nop -> software step, KVM_EXIT_DEBUG "
                 "hsr=0xcb000022",
                 "guest at 0x10014: nop -> breakpoint, KVM_EXIT_DEBUG "
                 "hsr=0xc2000022",
                 "guest at 0x10018: nop -> breakpoint, KVM_EXIT_DEBUG "
                 "hsr=0xc2000022",
                 "guest at 0x10018: nop -> its own breakpoint exception: "
                 "ESR_EL1=0xc6000022 ELR_EL1=0x10018"}}),
    [](const testing::TestParamInfo<Example>& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      return name;
    });

}  // namespace
}  // namespace dbgref::trace
