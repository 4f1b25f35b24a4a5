// The portfolio of proofs/decide.h.
#include "proofs/decide.h"

#include <z3++.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "proofs/path.h"

namespace dbgref::proofs {
namespace {

// No strategy runs away: each gives up after this long.
constexpr unsigned kStrategyMs = 120000;

// How long preprocessing runs alone before the SMT core joins it.
constexpr std::chrono::milliseconds kBackupDelay{200};

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

// The context of the strategy that runs beside the caller's, one per
// calling thread and never destroyed: creating one costs about 10 ms, more
// than deciding most formulas. (An interrupt that reaches it once its check
// has concluded is cleared by its next check.)
z3::context& OtherContext() {
  thread_local z3::context* const other = new z3::context;
  return *other;
}

// Clears an interrupt that reached ctx after its check had concluded, so
// that it cannot cancel the context's next work: a check clears it.
void ClearInterrupt(z3::context& ctx) {
  z3::solver s(ctx);
  s.check();
}

// Word-level preprocessing then the SMT core (MakeSolver) on the calling
// thread; should it not have concluded within kBackupDelay, Z3's
// incremental SMT core alone joins it on a second thread. The first
// conclusive answer stops the other. The delay keeps the second core for
// the other obligations (ProveAll) whenever preprocessing is quick, which
// it is for almost every formula (proofs/README.md, "Strategies").
Decision Race(z3::context& ctx, const z3::expr& formula) {
  z3::context& other = OtherContext();
  const z3::expr copy(other, Z3_translate(ctx, formula, other));
  std::atomic<bool> done{false};
  std::atomic<bool> interrupted_ctx{false};
  std::atomic<bool> backup_started{false};
  std::mutex mutex;
  std::condition_variable preprocessed_concluded;
  bool concluded = false;  // guarded by mutex
  Outcome smt;
  std::thread backup([&] {
    {
      std::unique_lock<std::mutex> lock(mutex);
      if (preprocessed_concluded.wait_for(lock, kBackupDelay,
                                          [&] { return concluded; })) {
        return;
      }
      backup_started = true;
    }
    smt = Check(other, &PlainSolver, copy, done);
    if (smt.result != z3::unknown && !done.exchange(true)) {
      interrupted_ctx = true;
      ctx.interrupt();
    }
  });
  Outcome preprocessed = Check(ctx, &MakeSolver, formula, done);
  bool interrupted_other = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    concluded = true;
    if (preprocessed.result != z3::unknown && !done.exchange(true) &&
        backup_started) {
      interrupted_other = true;
      other.interrupt();
    }
  }
  preprocessed_concluded.notify_one();
  backup.join();
  if (interrupted_ctx) ClearInterrupt(ctx);
  if (interrupted_other) ClearInterrupt(other);

  Decision d;
  if (preprocessed.result != z3::unknown) {
    d.result = preprocessed.result;
    d.strategy = "preprocessed";
    if (preprocessed.model != nullptr) {
      d.model = z3::model(ctx, preprocessed.model);
    }
  } else if (smt.result != z3::unknown) {
    d.result = smt.result;
    d.strategy = "smt";
    if (smt.model != nullptr) {
      d.model = z3::model(ctx, Z3_model_translate(other, smt.model, ctx));
    }
  } else {
    d.strategy = "neither whole-formula strategy was conclusive";
  }
  if (preprocessed.model != nullptr) {
    Z3_model_dec_ref(ctx, preprocessed.model);
  }
  if (smt.model != nullptr) Z3_model_dec_ref(other, smt.model);
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

// The conjuncts of e, flattened.
void FlatConjuncts(const z3::expr& e, std::vector<z3::expr>& out) {
  if (IsApp(e, Z3_OP_AND)) {
    for (unsigned i = 0; i < e.num_args(); ++i) FlatConjuncts(e.arg(i), out);
    return;
  }
  out.push_back(e);
}

// Whether every conjunct of goal is literally true or is literally one of
// the conjuncts of hypotheses (formulas are hash-consed: the same formula
// is the same node), so that the hypotheses entail it with no solver. It
// decides the cases in which a transition does not apply: the rules fold
// to "nothing changes" as they are built, and the goal is an invariant
// clause that the hypotheses state of the same state.
bool AmongHypotheses(const z3::expr& hypotheses, const z3::expr& goal) {
  std::vector<z3::expr> given;
  FlatConjuncts(hypotheses, given);
  std::unordered_set<unsigned> ids;
  for (const z3::expr& h : given) ids.insert(h.id());
  std::vector<z3::expr> wanted;
  FlatConjuncts(goal, wanted);
  for (const z3::expr& w : wanted) {
    if (!w.is_true() && ids.count(w.id()) == 0) return false;
  }
  return true;
}

// What Satisfy decided, by formula: the obligations about one transition
// kind often share their vacuity formula (the same hypotheses and
// trigger), which is then decided once. The entry holds its formula, so
// that the node and its id stay alive. One per thread, like the contexts.
struct Decided {
  z3::expr formula;
  z3::check_result result;
  std::string strategy;
};

std::unordered_map<unsigned, Decided>& SatisfyMemo(z3::context& ctx) {
  thread_local std::unordered_map<Z3_context,
                                  std::unordered_map<unsigned, Decided>>
      memo;
  return memo[ctx];
}

}  // namespace

Decision Refute(z3::context& ctx, const z3::expr& hypotheses,
                const z3::expr& goal) {
  Decision d;
  if (AmongHypotheses(hypotheses, goal)) {
    d.result = z3::unsat;
    d.strategy = "the goal is among the hypotheses";
    return d;
  }
  d = Race(ctx, hypotheses && !goal);
  if (d.result != z3::unknown) return d;
  d = ByConjunct(ctx, hypotheses, goal);
  if (d.result != z3::unknown) return d;
  d.strategy = "no strategy was conclusive within its time";
  return d;
}

Decision Satisfy(z3::context& ctx, const z3::expr& formula) {
  Decision d;
  if (formula.is_false()) {
    d.result = z3::unsat;
    d.strategy = "false as built";
    return d;
  }
  std::unordered_map<unsigned, Decided>& memo = SatisfyMemo(ctx);
  const auto known = memo.find(formula.id());
  if (known != memo.end() && z3::eq(known->second.formula, formula)) {
    d.result = known->second.result;
    d.strategy = known->second.strategy + ", decided before";
    return d;
  }
  d = Race(ctx, formula);
  if (d.result != z3::unknown) {
    memo.insert_or_assign(formula.id(), Decided{formula, d.result, d.strategy});
  }
  return d;
}

}  // namespace dbgref::proofs
