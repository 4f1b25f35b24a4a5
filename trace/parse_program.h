// The trace parser's reading of one program line, internal to trace/:
// "0x10008: ldrx [0x20000]" into a dbgref_line, with the errors of its
// syntax and of the rules of trace/valid.h at the line and column of the
// value.
#ifndef DBGREF_TRACE_PARSE_PROGRAM_H_
#define DBGREF_TRACE_PARSE_PROGRAM_H_

#include "absl/status/statusor.h"
#include "model/record.h"
#include "trace/lexer.h"

namespace dbgref::trace::parse_internal {

// Whether the line's first token is a program line's address ("0x10008:").
bool IsProgramLine(const lexer::Line& line);

// The line, which IsProgramLine; its address must still be distinct from
// the other lines' (the caller knows them).
absl::StatusOr<dbgref_line> ParseProgramLine(const lexer::Line& line);

}  // namespace dbgref::trace::parse_internal

#endif  // DBGREF_TRACE_PARSE_PROGRAM_H_
