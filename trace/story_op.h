// One operation of a story, internal to trace/: its text in a reviewer's
// terms from the model's observations of its steps, as lines, and which
// line tells each step (so that a difference can be shown where it
// happens). See story.h for the words.
#ifndef DBGREF_TRACE_STORY_OP_H_
#define DBGREF_TRACE_STORY_OP_H_

#include <cstddef>
#include <string>
#include <vector>

#include "model/record.h"
#include "trace/observations.h"

namespace dbgref::trace::story_internal {

struct OpStory {
  // The operation's own line: "KVM_GET_ONE_REG(MDSCR_EL1) -> 0x8000" or
  // "KVM_RUN".
  std::string head;
  // A KVM_RUN's lines, one for each instruction (or run of the handler's
  // plain instructions), in order.
  std::vector<std::string> lines;
  // For each step, the line that tells it: 0 for head, k + 1 for lines[k].
  std::vector<size_t> line_of_step;
};

OpStory TellOp(const dbgref_program& program, const dbgref_op& op,
               const OpObservations& steps);

// "the ioctl", "the entry before it", "this instruction", "the exit".
const char* StepPlace(uint32_t step_kind);

}  // namespace dbgref::trace::story_internal

#endif  // DBGREF_TRACE_STORY_OP_H_
