// Decides whether hypotheses imply a goal, with a portfolio of Z3
// strategies tried in turn until one is conclusive. No single strategy is
// fast on every obligation: the ioctl, ENTER and EXIT formulas are easiest
// after word-level preprocessing, the GUEST formulas (a whole CPU step)
// for Z3's incremental SMT core, and a few goals with many conjuncts only
// when each conjunct is decided alone.
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

// Which strategy goes first: word-level preprocessing, or the SMT core
// (first for a formula with a GUEST step in it).
enum class FirstStrategy { kPreprocessed, kSmt };

// Whether hypotheses && !goal is satisfiable.
Decision Refute(z3::context& ctx, const z3::expr& hypotheses,
                const z3::expr& goal, FirstStrategy first);

// Whether formula is satisfiable (the vacuity check).
Decision Satisfy(z3::context& ctx, const z3::expr& formula,
                 FirstStrategy first);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_DECIDE_H_
