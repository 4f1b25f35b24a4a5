// Counterexamples: the shortest trace from reset that violates an
// obligation, found by Z3 over transitions and read back as userspace
// operations; its replay on the concrete model, also to shrink it
// (trace/shrink.h) to the fewest and plainest operations and program lines
// the violation allows; and its account as numbered steps.
#ifndef DBGREF_PROOFS_COUNTEREXAMPLE_H_
#define DBGREF_PROOFS_COUNTEREXAMPLE_H_

#include <z3++.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/record.h"
#include "proofs/path.h"
#include "proofs/statement.h"
#include "proofs/symbolic.h"
#include "trace/trace.h"

namespace dbgref::proofs {

// The most transitions from reset a counterexample search tries.
inline constexpr std::size_t kMaxCounterexampleDepth = 8;

// The shortest sequence of transitions from reset that violates d, as a
// trace: for a statement whose path starts at reset, the shortest prefix of
// that path that does; otherwise any transitions followed by the
// statement's path, at most max_depth transitions in all.
std::optional<trace::Trace> SearchFromReset(const CompiledModel& m,
                                            const Definition& d,
                                            std::size_t max_depth);

// The userspace operations behind the transitions of p in model m of a
// satisfiable formula: an ioctl that applies is one, an ENTER from
// userspace begins a KVM_RUN, every other transition belongs to that run.
trace::Trace TraceOf(const z3::model& model, const SymbolicPath& p);

// c shrunk (trace::Shrink, every value arbitrary) while the concrete model,
// run on it from reset, still violates d.
trace::Trace Simplify(const CompiledModel& m, const Definition& d,
                      trace::Trace c);

// A concrete run: a trace's operations and the transitions of each.
struct ConcreteRun {
  dbgref_host host;
  dbgref_program program;
  ConcreteState start;  // before the first operation
  std::vector<dbgref_op> ops;
  std::vector<ConcreteTransition> steps;
  std::vector<std::size_t> op_of_step;  // the operation each step belongs to
};

ConcreteRun RunConcrete(const CompiledModel& m, const dbgref_host& host,
                        const dbgref_program& program,
                        const ConcreteState& start,
                        const std::vector<dbgref_op>& ops);

// Whether some consecutive transitions of run, of the kinds of d's path,
// satisfy d's hypotheses and violate its goal, judged by d's statement over
// the concrete domain; for a path from reset, only windows that start at
// the run's start. The first such window's last transition, if any.
std::optional<std::size_t> Violation(const Definition& d,
                                     const ConcreteRun& run);
bool Violates(const Definition& d, const ConcreteRun& run);

// The run as numbered steps, with what the concrete model observed at each
// and the violation.
std::string NumberedSteps(const CompiledModel& m, const Definition& d,
                          const ConcreteRun& run, bool from_reset);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_COUNTEREXAMPLE_H_
