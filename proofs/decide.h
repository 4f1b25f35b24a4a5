// Decides whether hypotheses imply a goal, with a portfolio of Z3
// strategies. No single strategy is fast on every formula: almost all of
// the obligations' formulas are easiest after word-level preprocessing
// (MakeSolver), a few for Z3's incremental SMT core alone, and a goal with
// many conjuncts may need each conjunct decided alone. So: a goal that is
// literally among the hypotheses needs no solver; otherwise the
// preprocessed solver gets a short first attempt, then the two race on two
// threads, the first conclusive one stopping the other, and the conjuncts
// are decided one by one if neither concludes.
#ifndef DBGREF_PROOFS_DECIDE_H_
#define DBGREF_PROOFS_DECIDE_H_

#include <z3++.h>

#include <optional>
#include <string>

namespace dbgref::proofs {

struct Decision {
  // unsat: the goal follows; sat: a counterexample is in model; unknown:
  // no strategy was conclusive.
  z3::check_result result = z3::unknown;
  std::optional<z3::model> model;
  std::string strategy;  // the conclusive strategy, or why none was
};

// Whether hypotheses && !goal is satisfiable.
Decision Refute(z3::context& ctx, const z3::expr& hypotheses,
                const z3::expr& goal);

// Whether formula is satisfiable (the vacuity check); no model. A formula
// this thread decided before (the same node) is not decided again.
Decision Satisfy(z3::context& ctx, const z3::expr& formula);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_DECIDE_H_
