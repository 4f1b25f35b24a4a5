// The portfolio of proofs/decide.h.
#include "proofs/decide.h"

#include <z3++.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "proofs/path.h"

namespace dbgref::proofs {
namespace {

// The whole-formula strategies run in rounds of growing limits, so that
// the other one gets its turn before either runs long. The limits are Z3's
// resource units (rlimit), which do not depend on the machine's load, so a
// decision is the same on a loaded machine as on an idle one; a wall-clock
// limit only stops a strategy that runs away.
constexpr unsigned kRoundResources[] = {5000000, 80000000};
constexpr unsigned kPerConjunctResources = 40000000;
constexpr unsigned kRunawayMs = 120000;

void SetLimit(z3::context& ctx, z3::solver& s, unsigned resources) {
  z3::params p(ctx);
  p.set("rlimit", resources);
  p.set("timeout", kRunawayMs);
  s.set(p);
}

bool IsApp(const z3::expr& e, Z3_decl_kind kind) {
  return e.is_app() && e.decl().decl_kind() == kind;
}

// The conjuncts of goal, each an implication of it: a && b gives a and b;
// c => (a && b), or !c || (a && b), gives c => a and c => b.
void Conjuncts(const z3::expr& goal, std::vector<z3::expr>& out) {
  if (IsApp(goal, Z3_OP_AND)) {
    for (unsigned i = 0; i < goal.num_args(); ++i) Conjuncts(goal.arg(i), out);
    return;
  }
  auto split_under = [&](const z3::expr& guard, const z3::expr& body) {
    std::vector<z3::expr> parts;
    Conjuncts(body, parts);
    for (const z3::expr& x : parts) out.push_back(z3::implies(guard, x));
  };
  if (IsApp(goal, Z3_OP_IMPLIES)) {
    split_under(goal.arg(0), goal.arg(1));
    return;
  }
  if (IsApp(goal, Z3_OP_OR) && goal.num_args() == 2) {
    for (unsigned k = 0; k < 2; ++k) {
      const z3::expr guard = goal.arg(k);
      const z3::expr body = goal.arg(1 - k);
      if (IsApp(guard, Z3_OP_NOT) && IsApp(body, Z3_OP_AND)) {
        split_under(guard.arg(0), body);
        return;
      }
    }
  }
  out.push_back(goal);
}

// The resource units Z3 counted for s's last check.
double Spent(z3::solver& s) {
  const z3::stats st = s.statistics();
  for (unsigned i = 0; i < st.size(); ++i) {
    if (st.key(i) == "rlimit count") {
      return st.is_uint(i) ? st.uint_value(i) : st.double_value(i);
    }
  }
  return 0;
}

Decision Conclude(z3::solver& s, z3::check_result r, std::string strategy) {
  Decision d;
  d.result = r;
  d.strategy = absl::StrFormat("%s, %.3g resource units", strategy, Spent(s));
  if (r == z3::sat) d.model = s.get_model();
  return d;
}

Decision Preprocessed(z3::context& ctx, const z3::expr& formula,
                      unsigned resources) {
  z3::solver s = MakeSolver(ctx);
  SetLimit(ctx, s, resources);
  s.add(formula);
  return Conclude(s, s.check(), "preprocessed");
}

Decision Incremental(z3::context& ctx, const z3::expr& formula,
                     unsigned resources) {
  z3::solver s(ctx);
  SetLimit(ctx, s, resources);
  s.add(formula);
  return Conclude(s, s.check(), "smt");
}

Decision ByConjunct(z3::context& ctx, const z3::expr& hypotheses,
                    const z3::expr& goal) {
  std::vector<z3::expr> parts;
  Conjuncts(goal.simplify(), parts);
  z3::solver s(ctx);
  SetLimit(ctx, s, kPerConjunctResources);
  s.add(hypotheses);
  for (const z3::expr& part : parts) {
    s.push();
    s.add(!part);
    const z3::check_result r = s.check();
    if (r != z3::unsat) {
      Decision d = Conclude(s, r, absl::StrCat("by conjunct (", parts.size(),
                                               " conjuncts)"));
      s.pop();
      return d;
    }
    s.pop();
  }
  Decision d;
  d.result = z3::unsat;
  d.strategy = absl::StrCat("by conjunct (", parts.size(), " conjuncts)");
  return d;
}

// The two whole-formula strategies, in the order first says.
Decision WholeFormula(z3::context& ctx, const z3::expr& formula,
                      FirstStrategy first) {
  using Strategy = Decision (*)(z3::context&, const z3::expr&, unsigned);
  const Strategy a = first == FirstStrategy::kSmt ? &Incremental : &Preprocessed;
  const Strategy b = first == FirstStrategy::kSmt ? &Preprocessed : &Incremental;
  Decision d;
  for (const unsigned resources : kRoundResources) {
    d = a(ctx, formula, resources);
    if (d.result != z3::unknown) return d;
    d = b(ctx, formula, resources);
    if (d.result != z3::unknown) return d;
  }
  return d;
}

}  // namespace

Decision Refute(z3::context& ctx, const z3::expr& hypotheses,
                const z3::expr& goal, FirstStrategy first) {
  Decision d = WholeFormula(ctx, hypotheses && !goal, first);
  if (d.result != z3::unknown) return d;
  d = ByConjunct(ctx, hypotheses, goal);
  if (d.result != z3::unknown) return d;
  d.strategy = "no strategy was conclusive within its time";
  return d;
}

Decision Satisfy(z3::context& ctx, const z3::expr& formula,
                 FirstStrategy first) {
  Decision d = WholeFormula(ctx, formula, first);
  if (d.result != z3::unknown) return d;
  d.strategy = "no strategy was conclusive within its time";
  return d;
}

}  // namespace dbgref::proofs
