// Counterexamples: the shortest trace from reset that violates an
// obligation, found by Z3; its replay on the concrete model, also to shrink
// it (trace/shrink.h) to the fewest and plainest operations the violation
// allows; and its account as numbered steps.
#ifndef DBGREF_PROOFS_COUNTEREXAMPLE_H_
#define DBGREF_PROOFS_COUNTEREXAMPLE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/record.h"
#include "proofs/statement.h"
#include "proofs/symbolic.h"
#include "trace/trace.h"

namespace dbgref::proofs {

// The longest sequence from reset a counterexample search tries.
inline constexpr std::size_t kMaxCounterexampleDepth = 6;

// The shortest sequence of operations from reset that violates d: for a
// statement whose path starts at reset, the shortest prefix of that path
// that does; otherwise any operations followed by the statement's path, at
// most max_depth operations in all.
std::optional<trace::Trace> SearchFromReset(const CompiledModel& m,
                                            const Definition& d,
                                            std::size_t max_depth);

// c shrunk (trace::Shrink, every value arbitrary) while the concrete model,
// run on it from reset, still violates d on operations of the kinds of d's
// path: operations that the violation does not need dropped, and each
// register value, written value, pc, far, syndrome, host value and unneeded
// control bit made plain where the violation survives it. c itself when the
// concrete model does not violate d on it.
trace::Trace Simplify(const CompiledModel& m, const Definition& d,
                      trace::Trace c);

// A concrete run: the operations of a trace and each transition.
struct ConcreteRun {
  dbgref_host host;
  ConcreteState start;  // before the first operation
  std::vector<dbgref_op> ops;
  std::vector<ConcreteTransition> steps;
};

ConcreteRun RunConcrete(const CompiledModel& m, const dbgref_host& host,
                        const ConcreteState& start,
                        const std::vector<dbgref_op>& ops);

// Whether the last steps of run satisfy d's hypotheses and violate its goal,
// judged by d's statement over the concrete domain.
bool Violates(const Definition& d, const ConcreteRun& run);

// The run as numbered steps, with what the concrete model observed at each
// and the violation.
std::string NumberedSteps(const CompiledModel& m, const Definition& d,
                          const ConcreteRun& run, bool from_reset);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_COUNTEREXAMPLE_H_
