// The prover: builds an obligation's symbolic path over a compiled model,
// checks its hypotheses for vacuity, decides it with Z3, and turns a failure
// into a replayed counterexample.
#include "proofs/prover.h"

#include <z3++.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "proofs/counterexample.h"
#include "proofs/decide.h"
#include "proofs/evaluate.h"
#include "proofs/path.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

// Fills the counterexample of a failed obligation. model is the solver's
// model of the failed check over path p.
void Explain(const CompiledModel& m, const Definition& d,
             const z3::model& model, const SymbolicPath& p, ProofResult& r) {
  std::optional<trace::Trace> found =
      SearchFromReset(m, d, kMaxCounterexampleDepth);
  ConcreteRun run;
  if (found.has_value()) {
    found = Simplify(m, d, *std::move(found));
    run = RunConcrete(m, found->host, found->program,
                      m.concrete_reset(found->host), found->ops);
    r.from_reset = true;
  } else {
    // Not reachable within the search depth: the state the step breaks,
    // and the transitions of the path from it as operations.
    const ConcreteState pre = EvalState(model, p.path.start);
    const trace::Trace t = TraceOf(model, p);
    run = RunConcrete(m, t.host, t.program, pre, t.ops);
    r.from_reset = false;
    r.detail = absl::StrCat(
        "no sequence of at most ", kMaxCounterexampleDepth,
        " transitions from reset violates it; the state before step 1, which "
        "satisfies the invariant",
        m.concrete_invariant(pre) ? "" : " (NOT, concretely)", ":\n",
        StateToString(pre));
  }
  r.counterexample = trace::Trace{run.host, run.program, run.ops};
  r.replayed = Violates(d, run);
  r.violation = NumberedSteps(m, d, run, r.from_reset);
  if (!r.replayed) {
    absl::StrAppend(&r.violation,
                    "the concrete model does NOT violate the statement on "
                    "these steps: the symbolic and concrete interpretations "
                    "disagree\n");
  }
}

}  // namespace

ProofResult ProveStatement(const CompiledModel& m, const Definition& d) {
  const auto begin = std::chrono::steady_clock::now();
  ProofResult r;
  r.name = d.name;
  r.requirement = d.requirement;
  r.method = MethodText(d);

  double explaining = 0;  // seconds spent on the counterexample, not counted
  {
    z3::context& ctx = ThreadContext();
    Z3Scope scope(ctx);
    const SymHost host = FreshHost(ctx, "host.");
    const bool at_reset = StartsAtReset(d);
    const SymState start = at_reset ? m.sym_reset() : FreshState(ctx, "pre.");
    SymbolicPath p = StartPath(host, FreshProgram(ctx, "program."), start);
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      Extend(m, ctx, absl::StrCat("step", i + 1, "."), d.steps[i], p);
    }
    z3::expr hypotheses = p.well_formed;
    if (!at_reset) hypotheses = Z::and_(hypotheses, m.sym_invariant(start));
    hypotheses = Z::and_(hypotheses, d.symbolic.assume(p.path));

    // Vacuity: the hypotheses, with a situation the goal is about, have a
    // model.
    const Decision possible =
        Satisfy(ctx, hypotheses && d.symbolic.trigger(p.path));
    std::optional<z3::model> counter;
    if (possible.result != z3::sat) {
      r.status = possible.result == z3::unsat ? ProofResult::Status::kVacuous
                                              : ProofResult::Status::kUnknown;
      r.detail = possible.result == z3::unsat
                     ? "the hypotheses with the trigger are unsatisfiable"
                     : possible.strategy;
    } else {
      const Decision refuted =
          Refute(ctx, hypotheses, d.symbolic.goal(p.path));
      r.strategy = refuted.strategy;
      if (refuted.result == z3::unsat) {
        r.status = ProofResult::Status::kProved;
      } else if (refuted.result == z3::unknown) {
        r.status = ProofResult::Status::kUnknown;
        r.detail = refuted.strategy;
      } else {
        r.status = ProofResult::Status::kFailed;
        counter = refuted.model;
      }
    }
    if (r.status == ProofResult::Status::kFailed) {
      const auto explain_begin = std::chrono::steady_clock::now();
      Explain(m, d, *counter, p, r);
      explaining = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - explain_begin)
                       .count();
    }
  }  // the formulas are released here, within the time counted
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count() -
      explaining;
  return r;
}

std::string MethodText(const Definition& d) {
  const std::size_t k = d.steps.size();
  switch (d.method) {
    case MethodKind::kInductionBase:
      return "inductive invariant, base case: the reset state, every host";
    case MethodKind::kInductionStep:
      return "inductive invariant, step case: any state satisfying the "
             "invariant, any host and program, one transition";
    case MethodKind::kFromInvariant:
      return k == 1 ? "induction: one transition from any state satisfying "
                      "the inductive invariant, any host and program"
                    : absl::StrCat("induction: ", k,
                                   " transitions from any state satisfying "
                                   "the inductive invariant, any host and "
                                   "program");
    case MethodKind::kBoundedFromReset:
      return absl::StrCat("bounded model checking from reset, depth ", k,
                          " transitions, any host and program");
  }
  return "";
}

}  // namespace dbgref::proofs
