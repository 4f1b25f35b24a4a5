// Proves one statement (proofs/statement.h) about a compiled model: the
// machinery behind Prove (proofs/obligations.h), open to statements that
// are not in the model's list, such as the tests' deliberately false ones.
#ifndef DBGREF_PROOFS_PROVER_H_
#define DBGREF_PROOFS_PROVER_H_

#include <string>

#include "proofs/obligations.h"
#include "proofs/statement.h"

namespace dbgref::proofs {

// Decides d over m: first that its hypotheses and trigger are satisfiable,
// then that its goal follows. A failure comes with the shortest
// counterexample from reset the search finds (or, failing that, the state
// the step breaks), simplified and replayed on m's concrete side.
ProofResult ProveStatement(const CompiledModel& m, const Definition& d);

// How d is proved, one line.
std::string MethodText(const Definition& d);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_PROVER_H_
