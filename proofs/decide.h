// Decides whether hypotheses imply a goal, with a portfolio of Z3
// strategies. No single strategy is fast on every obligation: most ioctl,
// ENTER and EXIT formulas are easiest after word-level preprocessing, most
// GUEST formulas (a whole CPU step) for Z3's incremental SMT core, and a
// goal with many conjuncts may need each conjunct decided alone. The first
// two race on the two cores, the first conclusive one stopping the other;
// the third runs if neither concludes.
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

// Whether formula is satisfiable (the vacuity check).
Decision Satisfy(z3::context& ctx, const z3::expr& formula);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_DECIDE_H_
