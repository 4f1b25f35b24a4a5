// A RapidCheck generator of valid traces (trace/valid.h): any host, a
// program of up to DBGREF_MAX_PROGRAM_LINES lines at distinct addresses of
// the code region (in order from its start, or anywhere), every kind of
// instruction and operation with values at the edges of what is allowed.
// For the format's round-trip and hostile-input properties.
#ifndef DBGREF_TESTS_TRACE_VALID_TRACE_GEN_H_
#define DBGREF_TESTS_TRACE_VALID_TRACE_GEN_H_

#include <rapidcheck.h>

#include "trace/trace.h"

namespace dbgref::trace::testing {

rc::Gen<dbgref_insn> ValidInsn();
rc::Gen<dbgref_op> ValidOp();
rc::Gen<dbgref_program> ValidProgram();
rc::Gen<Trace> ValidTrace();

}  // namespace dbgref::trace::testing

#endif  // DBGREF_TESTS_TRACE_VALID_TRACE_GEN_H_
