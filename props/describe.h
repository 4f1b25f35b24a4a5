// A readable rendering of a trace for failure messages and RapidCheck's
// counterexamples: the host, the program line by line, the operations.
// It is not a file format (trace/format.h is; the v2 text format is being
// written there) and nothing parses it.
#ifndef DBGREF_PROPS_DESCRIBE_H_
#define DBGREF_PROPS_DESCRIBE_H_

#include <ostream>
#include <string>

#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::props {

std::string DescribeInsn(const dbgref_insn& insn);
std::string DescribeOp(const dbgref_op& op);
std::string DescribeTrace(const trace::Trace& t);

}  // namespace dbgref::props

namespace dbgref::trace {
// How RapidCheck prints a generated trace.
void showValue(const Trace& t, std::ostream& os);
}  // namespace dbgref::trace

#endif  // DBGREF_PROPS_DESCRIBE_H_
