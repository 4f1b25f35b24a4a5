// The portfolio of proofs/decide.h.
#include "proofs/decide.h"

#include <z3++.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "proofs/path.h"

namespace dbgref::proofs {
namespace {

// No strategy runs away: each gives up after this long.
constexpr unsigned kStrategyMs = 120000;

void SetLimit(z3::context& ctx, z3::solver& s) {
  z3::params p(ctx);
  p.set("timeout", kStrategyMs);
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

// The outcome of one strategy on a formula of its own context.
struct Outcome {
  z3::check_result result = z3::unknown;
  Z3_model model = nullptr;  // sat: the model, referenced
};

// An interrupt from the other strategy can reach the solver anywhere in
// its work (the tactics throw when canceled): that is an unknown.
// It does not start once the other has concluded (an interrupt reaches
// only work under way).
Outcome Check(z3::context& ctx, z3::solver (*make)(z3::context&),
              const z3::expr& formula, const std::atomic<bool>& done) {
  Outcome o;
  try {
    z3::solver s = make(ctx);
    SetLimit(ctx, s);
    s.add(formula);
    if (done.load()) return o;
    o.result = s.check();
    if (o.result == z3::sat) {
      o.model = s.get_model();
      Z3_model_inc_ref(ctx, o.model);
    }
  } catch (const z3::exception&) {
    o.result = z3::unknown;
  }
  return o;
}

z3::solver PlainSolver(z3::context& ctx) { return z3::solver(ctx); }

// Word-level preprocessing then the SMT core (MakeSolver), and Z3's
// incremental SMT core alone, run at once on the two cores: the first
// conclusive answer stops the other.
Decision Race(z3::context& ctx, const z3::expr& formula) {
  z3::context other;
  const z3::expr copy(other, Z3_translate(ctx, formula, other));
  std::atomic<bool> done{false};
  Outcome preprocessed;
  std::thread worker([&] {
    preprocessed = Check(other, &MakeSolver, copy, done);
    if (preprocessed.result != z3::unknown && !done.exchange(true)) {
      ctx.interrupt();
    }
  });
  Outcome smt = Check(ctx, &PlainSolver, formula, done);
  if (smt.result != z3::unknown && !done.exchange(true)) other.interrupt();
  worker.join();

  Decision d;
  if (smt.result != z3::unknown) {
    d.result = smt.result;
    d.strategy = "smt";
    if (smt.model != nullptr) d.model = z3::model(ctx, smt.model);
  } else if (preprocessed.result != z3::unknown) {
    d.result = preprocessed.result;
    d.strategy = "preprocessed";
    if (preprocessed.model != nullptr) {
      d.model = z3::model(
          ctx, Z3_model_translate(other, preprocessed.model, ctx));
    }
  } else {
    d.strategy = "neither whole-formula strategy was conclusive";
  }
  if (smt.model != nullptr) Z3_model_dec_ref(ctx, smt.model);
  if (preprocessed.model != nullptr) {
    Z3_model_dec_ref(other, preprocessed.model);
  }
  return d;
}

Decision ByConjunct(z3::context& ctx, const z3::expr& hypotheses,
                    const z3::expr& goal) {
  std::vector<z3::expr> parts;
  Conjuncts(goal.simplify(), parts);
  const std::string name =
      absl::StrCat("by conjunct (", parts.size(), " conjuncts)");
  z3::solver s(ctx);
  SetLimit(ctx, s);
  s.add(hypotheses);
  for (const z3::expr& part : parts) {
    s.push();
    s.add(!part);
    const z3::check_result r = s.check();
    if (r != z3::unsat) {
      Decision d;
      d.result = r;
      d.strategy = name;
      if (r == z3::sat) d.model = s.get_model();
      return d;
    }
    s.pop();
  }
  Decision d;
  d.result = z3::unsat;
  d.strategy = name;
  return d;
}

}  // namespace

Decision Refute(z3::context& ctx, const z3::expr& hypotheses,
                const z3::expr& goal) {
  Decision d = Race(ctx, hypotheses && !goal);
  if (d.result != z3::unknown) return d;
  d = ByConjunct(ctx, hypotheses, goal);
  if (d.result != z3::unknown) return d;
  d.strategy = "no strategy was conclusive within its time";
  return d;
}

Decision Satisfy(z3::context& ctx, const z3::expr& formula) {
  return Race(ctx, formula);
}

}  // namespace dbgref::proofs
