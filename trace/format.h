// Printing a trace as text (docs/trace-format.md): the header, the host
// line, the program section and one operation a line. trace/parse.h reads
// it back unchanged: for every trace that passes ValidateTrace,
// ParseTrace(FormatTrace(t)) == t.
#ifndef DBGREF_TRACE_FORMAT_H_
#define DBGREF_TRACE_FORMAT_H_

#include <string>

#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::trace {

// The text form of a trace, header, host line and program included.
std::string FormatTrace(const Trace& trace);

// One instruction as the program writes it: "ldrx [0x20000]", "brk #0x7",
// "msr MDSCR_EL1, 0xa000". The runtime's instructions, which no program
// holds, read "end report", "handler report", "handler instruction",
// "handler eret".
std::string FormatInsn(const dbgref_insn& insn);

// One program line: "0x10008: ldrx [0x20000]".
std::string FormatLine(const dbgref_line& line);

// One operation as a trace line (without the trailing newline):
// "ioctl set_one_reg PC 0x10000", "run".
std::string FormatOp(const dbgref_op& op);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_FORMAT_H_
