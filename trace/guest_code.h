// The instruction the guest finds at an address, as the model's CPU fetches
// it (model/arch/instruction.h): the program's line there, the runtime's
// exception handler at its vector, the END report store anywhere else.
#ifndef DBGREF_TRACE_GUEST_CODE_H_
#define DBGREF_TRACE_GUEST_CODE_H_

#include <cstdint>

#include "model/record.h"

namespace dbgref::trace {

dbgref_insn InsnAt(const dbgref_program& program, uint64_t pc);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_GUEST_CODE_H_
