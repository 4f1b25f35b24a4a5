// Symbolic paths: a host, a program, a start state and transitions whose
// every input is fresh, run through the compiled model's Step, with the
// well-formedness of the program and the inputs as hypotheses; and the
// solver every obligation uses.
#ifndef DBGREF_PROOFS_PATH_H_
#define DBGREF_PROOFS_PATH_H_

#include <z3++.h>

#include <string>
#include <vector>

#include "proofs/statement.h"
#include "proofs/symbolic.h"

namespace dbgref::proofs {

struct SymbolicPath {
  SymPath path;
  std::vector<SymOp> ops;  // the input of each step
  z3::expr well_formed;    // the program and every input are well formed
};

SymbolicPath StartPath(const SymHost& host, const FreshProgramInputs& program,
                       const SymState& start);

// The state after the last step (the start state if there is none).
const SymState& EndState(const SymbolicPath& p);

// Appends one transition of the given kinds, its constants named after
// name.
void Extend(const CompiledModel& m, z3::context& ctx, const std::string& name,
            KindSet kinds, SymbolicPath& p);

// The z3 context of the obligations proved on this thread, one for all:
// creating a context costs about 10 ms. Never destroyed.
z3::context& ThreadContext();

// Word-level preprocessing (simplification, constant propagation, solving
// the equalities of the hypotheses, eliminating the terms whose inputs are
// otherwise unconstrained), then Z3's SMT core, whose congruence closure
// decides the many word equalities of the model's register files without
// bit-blasting them all up front.
z3::solver MakeSolver(z3::context& ctx);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_PATH_H_
