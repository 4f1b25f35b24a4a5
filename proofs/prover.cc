// The prover: builds an obligation's symbolic path over a compiled model,
// checks its hypotheses for vacuity, decides it with Z3, and turns a failure
// into a replayed counterexample.
#include "proofs/prover.h"

#include <z3++.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/state.h"
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

// One case of an obligation: its path, built from a start state whose phase
// is known, and the hypotheses over it.
struct Case {
  SymbolicPath path;
  z3::expr hypotheses;
};

Case BuildCase(const CompiledModel& m, const Definition& d, z3::context& ctx,
               const SymHost& host, const SymState& start, bool at_reset) {
  SymbolicPath p = StartPath(host, FreshProgram(ctx, "program."), start);
  for (std::size_t i = 0; i < d.steps.size(); ++i) {
    Extend(m, ctx, absl::StrCat("step", i + 1, "."), d.steps[i], p);
  }
  z3::expr hypotheses = p.well_formed;
  if (!at_reset) hypotheses = Z::and_(hypotheses, m.sym_invariant(start));
  return Case{std::move(p), hypotheses};
}

// The cases an obligation is decided in, without its own hypotheses
// (Assume). From reset, one. From any state satisfying the invariant, one
// per phase the state may be in (model::kPhases, which the invariant's
// phase_well_formed makes exhaustive): with the phase a constant, each
// transition's applicability and the rules' choices on the phase fold as
// the formulas are built, and the transitions that do not apply reduce to
// "nothing changes".
std::vector<Case> BuildCases(const CompiledModel& m, const Definition& d,
                             z3::context& ctx) {
  const SymHost host = FreshHost(ctx, "host.");
  std::vector<Case> cases;
  if (StartsAtReset(d)) {
    cases.push_back(BuildCase(m, d, ctx, host, m.sym_reset(), true));
    return cases;
  }
  for (const model::Phase phase : model::kPhases) {
    SymState start = FreshState(ctx, "pre.");
    start.phase = Z::lit(phase);
    cases.push_back(BuildCase(m, d, ctx, host, start, false));
  }
  return cases;
}

// The cases of d with its hypotheses. The paths depend only on the model,
// the method and the kinds of the steps, and many obligations share them:
// each thread builds them once per context.
std::vector<Case> CasesOf(const CompiledModel& m, const Definition& d,
                          z3::context& ctx) {
  using Key =
      std::tuple<const CompiledModel*, Z3_context, bool, std::vector<KindSet>>;
  thread_local std::map<Key, std::vector<Case>> built;
  const Key key{&m, ctx, StartsAtReset(d), d.steps};
  auto it = built.find(key);
  if (it == built.end()) it = built.emplace(key, BuildCases(m, d, ctx)).first;
  std::vector<Case> cases = it->second;
  for (Case& c : cases) {
    c.hypotheses = Z::and_(c.hypotheses, d.symbolic.assume(c.path.path));
  }
  return cases;
}

// Whether the phase cases cover every state satisfying m's invariant: the
// case split is sound only if they do. Decided once per thread and model.
bool PhasesCoverTheInvariant(const CompiledModel& m, z3::context& ctx) {
  thread_local std::map<std::pair<const CompiledModel*, Z3_context>, bool>
      decided;
  const auto key = std::make_pair(&m, static_cast<Z3_context>(ctx));
  auto it = decided.find(key);
  if (it == decided.end()) {
    const SymState s = FreshState(ctx, "any.");
    z3::expr some_case = Z::lit_bool(false);
    for (const model::Phase phase : model::kPhases) {
      some_case = Z::or_(some_case, Z::eq(s.phase, Z::lit(phase)));
    }
    const bool covered =
        Refute(ctx, m.sym_invariant(s), some_case).result == z3::unsat;
    it = decided.emplace(key, covered).first;
  }
  return it->second;
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
    if (!StartsAtReset(d) && !PhasesCoverTheInvariant(m, ctx)) {
      r.status = ProofResult::Status::kUnknown;
      r.detail =
          "the cases of the start state's phase (model::kPhases) do not "
          "cover every state that satisfies the invariant";
      return r;
    }
    const std::vector<Case> cases = CasesOf(m, d, ctx);

    // Vacuity: in some case, the hypotheses with a situation the goal is
    // about have a model.
    bool possible = false;
    std::string undecided;
    for (const Case& c : cases) {
      const Decision t =
          Satisfy(ctx, c.hypotheses && d.symbolic.trigger(c.path.path));
      if (t.result == z3::sat) {
        possible = true;
        break;
      }
      if (t.result == z3::unknown) undecided = t.strategy;
    }
    const Case* failed = nullptr;
    std::optional<z3::model> counter;
    if (!possible) {
      r.status = undecided.empty() ? ProofResult::Status::kVacuous
                                   : ProofResult::Status::kUnknown;
      r.detail = undecided.empty()
                     ? "the hypotheses with the trigger are unsatisfiable"
                     : undecided;
    } else {
      r.status = ProofResult::Status::kProved;
      std::vector<std::string> strategies;
      for (const Case& c : cases) {
        const Decision refuted =
            Refute(ctx, c.hypotheses, d.symbolic.goal(c.path.path));
        strategies.push_back(refuted.strategy);
        if (refuted.result == z3::unknown) {
          r.status = ProofResult::Status::kUnknown;
          r.detail = refuted.strategy;
        } else if (refuted.result == z3::sat) {
          r.status = ProofResult::Status::kFailed;
          failed = &c;
          counter = refuted.model;
          break;
        }
      }
      r.strategy = cases.size() == 1
                       ? strategies.front()
                       : absl::StrCat("one case per start phase: ",
                                      absl::StrJoin(strategies, ", "));
    }
    if (r.status == ProofResult::Status::kFailed) {
      const auto explain_begin = std::chrono::steady_clock::now();
      Explain(m, d, *counter, failed->path, r);
      explaining = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - explain_begin)
                       .count();
    }
  }  // the obligation's own formulas are released here, within the time
     // counted (the paths it shares stay built: CasesOf)
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
