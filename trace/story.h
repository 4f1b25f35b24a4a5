// Tells a run of a trace as numbered steps in a kernel reviewer's terms,
// from the model's observations of each step (trace/observations.h), and,
// where a revision's observations of the same trace differ, expected (the
// model's) against actual (the revision's) field by field at the first
// step where they differ (model::ObsDifferences). Short enough for a
// 72-column mail: one line per operation, one per instruction the guest
// executes, the entries and exits inside KVM only where the story needs
// them (the exit) or where the revision differs.
//
//   1. KVM_SET_GUEST_DEBUG(ENABLE|USE_HW, wcr0=0x1ff7 wvr0=0x20000) -> 0
//   2. KVM_RUN
//      guest at 0x10000: mrs DBGBVR0_EL1 -> trapped, KVM emulates: reads 0x0
//      guest at 0x10004: strw [0x20004] -> watchpoint, KVM_EXIT_DEBUG
//          hsr=0xd2000062 far=0x20004
//
// The words (docs/trace-format.md, "Stories"):
//   guest at PC: INSN                      the instruction executed
//   guest at PC: mrs R -> reads V          and read V itself
//   ... -> trapped, KVM emulates: reads V  KVM emulated the MRS
//   ... -> trapped, KVM emulates           KVM emulated the MSR
//   ... -> trapped, KVM injects an UNDEF
//   ... -> its own K exception: ESR_EL1=E ELR_EL1=A [FAR_EL1=F]
//                                           the guest took an exception
//                                           itself (K: breakpoint, software
//                                           step, watchpoint, BRK, UNDEF)
//   ... -> K, KVM_EXIT_DEBUG hsr=H [far=F]  a debug exit (K: breakpoint,
//                                           software step, watchpoint, BRK)
//   ... -> interrupted at the bound, KVM_EXIT_INTR -EINTR
//   guest at PC: the handler's N instructions and its eret, back to T
//   KVM_RUN -> KVM_EXIT_MMIO report at PC   (also "end report",
//                                           "exception report")
// An exception taken before an instruction (a software step, a
// breakpoint) is told on that instruction's line: it did not run.
#ifndef DBGREF_TRACE_STORY_H_
#define DBGREF_TRACE_STORY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::trace {

struct StoryOptions {
  // The revision's name where it is compared with the model.
  std::string revision = "the revision";
  // The width TellStory wraps to.
  size_t width = 72;
};

// Where two runs of a trace first differ: the operation and the step in it
// (both from 0). A step that one run has and the other has not differs.
struct Divergence {
  size_t op = 0;
  size_t step = 0;
};
std::optional<Divergence> FirstDivergence(const Observations& model,
                                          const Observations& revision);

// The story, one string per line, not wrapped. revision may be null.
std::vector<std::string> StoryLines(const Trace& trace,
                                    const Observations& model,
                                    const Observations* revision = nullptr,
                                    const StoryOptions& options = {});

// The same wrapped to options.width, each line ending in a newline.
std::string TellStory(const Trace& trace, const Observations& model,
                      const Observations* revision = nullptr,
                      const StoryOptions& options = {});

// A line broken at spaces so that each piece fits width where it can; the
// pieces after the first are indented 4 more than the line itself.
std::vector<std::string> WrapLine(const std::string& line, size_t width);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_STORY_H_
