// The prover: builds an obligation's symbolic path over the compiled model,
// checks its hypotheses for vacuity, decides it with Z3, and turns a failure
// into a replayed counterexample.
#include "proofs/obligations.h"

#include <z3++.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/arch.h"
#include "model/record.h"
#include "model/uapi.h"
#include "proofs/evaluate.h"
#include "proofs/statement.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"

namespace dbgref::proofs {
namespace {

// The longest sequence from reset that a counterexample search tries.
constexpr std::size_t kMaxCounterexampleDepth = 8;
// Per solver call; no obligation comes near it.
constexpr unsigned kSolverTimeoutMs = 60000;

std::string MethodText(const Definition& d) {
  const std::size_t k = d.steps.size();
  switch (d.method) {
    case MethodKind::kInductionBase:
      return "inductive invariant, base case: the reset state, every host";
    case MethodKind::kInductionStep:
      return "inductive invariant, step case: any state satisfying the "
             "invariant, any host, one operation";
    case MethodKind::kFromInvariant:
      return k == 1 ? "induction: one operation from any state satisfying "
                      "the inductive invariant, any host"
                    : absl::StrCat("induction: ", k,
                                   " operations from any state satisfying "
                                   "the inductive invariant, any host");
    case MethodKind::kBoundedFromReset:
      return absl::StrCat("bounded model checking from reset, depth ", k,
                          ", any host");
  }
  return "";
}

bool StartsAtReset(const Definition& d) {
  return d.method == MethodKind::kInductionBase ||
         d.method == MethodKind::kBoundedFromReset;
}

const Definition* FindDefinition(const std::string& name) {
  for (const Definition& d : TheCompiledModel().definitions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

// Word-level preprocessing (constant propagation, solving the equalities of
// the hypotheses, contextual simplification), then Z3's SMT core, whose
// congruence closure decides the many word equalities of the model's
// register files without bit-blasting them all up front.
z3::solver MakeSolver(z3::context& ctx) {
  const z3::tactic preprocess =
      z3::tactic(ctx, "simplify") & z3::tactic(ctx, "propagate-values") &
      z3::tactic(ctx, "solve-eqs") & z3::tactic(ctx, "ctx-simplify") &
      z3::tactic(ctx, "simplify");
  z3::solver s = (preprocess & z3::tactic(ctx, "smt")).mk_solver();
  z3::params p(ctx);
  p.set("timeout", kSolverTimeoutMs);
  s.set(p);
  return s;
}

// A symbolic path under construction, with the hypotheses on its operations.
struct SymbolicPath {
  SymPath path;
  std::vector<SymOp> ops;
  z3::expr well_formed;
};

// Appends one symbolic operation of the given kinds to the path.
void Extend(const CompiledModel& m, z3::context& ctx, const std::string& name,
            unsigned kinds, SymbolicPath& p) {
  FreshOperation op = FreshOp(ctx, name, kinds);
  const SymState& pre =
      p.path.steps.empty() ? p.path.start : p.path.steps.back().post;
  p.path.steps.push_back(m.sym_step(p.path.host, pre, op.op));
  p.well_formed = Z::and_(p.well_formed, op.well_formed);
  p.ops.push_back(std::move(op.op));
}

SymbolicPath StartPath(const SymHost& host, const SymState& start) {
  return SymbolicPath{SymPath{host, start, {}}, {}, Z::lit_bool(true)};
}

// A concrete run: the states, transitions and records of a trace.
struct ConcreteRun {
  dbgref_host host;
  ConcreteState start;  // before the first operation
  std::vector<dbgref_op> ops;
  std::vector<ConcreteTransition> steps;
};

ConcreteRun RunConcrete(const CompiledModel& m, const dbgref_host& host,
                        const ConcreteState& start,
                        const std::vector<dbgref_op>& ops) {
  ConcreteRun run{host, start, ops, {}};
  ConcreteState s = start;
  for (const dbgref_op& op : ops) {
    run.steps.push_back(m.concrete_step(host, s, op));
    s = run.steps.back().post;
  }
  return run;
}

// The concrete path that the statement judges: the last n steps of a run.
ConcretePath JudgedPath(const ConcreteRun& run, std::size_t n) {
  const std::size_t first = run.steps.size() - n;
  ConcretePath p{ConcreteHost{run.host.id_aa64dfr0_el1,
                              RegsFromRecord(run.host.host_regs)},
                 first == 0 ? run.start : run.steps[first - 1].post,
                 std::vector<ConcreteTransition>(run.steps.begin() + first,
                                                 run.steps.end())};
  return p;
}

bool Violates(const Definition& d, const ConcreteRun& run) {
  if (run.steps.size() < d.steps.size()) return false;
  const ConcretePath p = JudgedPath(run, d.steps.size());
  return d.concrete.assume(p) && !d.concrete.goal(p);
}

std::string HexWord(uint64_t v) { return absl::StrCat("0x", absl::Hex(v)); }

std::string MdcrBits(uint64_t mdcr) {
  std::string out;
  const std::pair<uint64_t, const char*> bits[] = {
      {DBGREF_MDCR_TDE, "TDE"},   {DBGREF_MDCR_TDA, "TDA"},
      {DBGREF_MDCR_TPM, "TPM"},   {DBGREF_MDCR_TPMCR, "TPMCR"},
      {DBGREF_MDCR_TDRA, "TDRA"}, {DBGREF_MDCR_TDOSA, "TDOSA"}};
  for (const auto& [bit, name] : bits) {
    if ((mdcr & bit) != 0) absl::StrAppend(&out, out.empty() ? "" : "|", name);
  }
  return out.empty() ? "0" : out;
}

std::string NonZeroRegs(const kvm_guest_debug_arch& r) {
  std::string out;
  const std::pair<const uint64_t*, const char*> banks[] = {{r.dbg_bcr, "bcr"},
                                                           {r.dbg_bvr, "bvr"},
                                                           {r.dbg_wcr, "wcr"},
                                                           {r.dbg_wvr, "wvr"}};
  for (const auto& [bank, name] : banks) {
    for (std::size_t n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      if (bank[n] != 0) {
        absl::StrAppend(&out, " ", name, n, "=", HexWord(bank[n]));
      }
    }
  }
  return out.empty() ? " all 0" : out;
}

// What the concrete model observed on one operation, one line.
std::string DescribeObs(const dbgref_op& op, const dbgref_obs& o) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat("returns ", o.ret);
    default:
      break;
  }
  std::string out = absl::StrFormat(
      "runs with MDCR_EL2 %s, MDSCR_EL1 %#x, PSTATE.SS %d, hardware%s; ",
      MdcrBits(o.entry_mdcr_el2), o.entry_mdscr_el1, o.entry_pstate_ss,
      NonZeroRegs(o.entry_hw));
  if (op.action.kind == DBGREF_ACTION_ACCESS) {
    absl::StrAppend(&out, o.trapped ? "trapped" : "not trapped");
    if (o.undef) absl::StrAppend(&out, ", UNDEF");
    if (!op.action.is_write) {
      absl::StrAppend(&out, ", read ", HexWord(o.read_value));
    }
    absl::StrAppend(&out, "; ");
  }
  if (o.exit_reason == KVM_EXIT_DEBUG) {
    absl::StrAppendFormat(&out, "KVM_EXIT_DEBUG hsr %#x pc %#x far %#x", o.hsr,
                          o.pc, o.far);
  } else {
    absl::StrAppend(&out, "guest resumes");
  }
  absl::StrAppendFormat(&out, "; afterwards MDSCR_EL1 %#x, PSTATE.SS %d",
                        o.ctx_mdscr_el1, o.ctx_pstate_ss);
  return out;
}

std::string NumberedSteps(const CompiledModel& m, const Definition& d,
                          const ConcreteRun& run, bool from_reset) {
  std::string out = absl::StrFormat(
      "host: ID_AA64DFR0_EL1 %#x (BRPs %d, WRPs %d), host registers%s\n",
      run.host.id_aa64dfr0_el1,
      (run.host.id_aa64dfr0_el1 >> DBGREF_DFR0_BRPS_SHIFT) & 0xf,
      (run.host.id_aa64dfr0_el1 >> DBGREF_DFR0_WRPS_SHIFT) & 0xf,
      NonZeroRegs(run.host.host_regs));
  absl::StrAppend(&out, from_reset ? "start: the reset state\n"
                                   : "start: a state satisfying the "
                                     "invariant (see detail)\n");
  for (std::size_t i = 0; i < run.ops.size(); ++i) {
    absl::StrAppendFormat(
        &out, "%3d. %s\n     -> %s\n", i + 1, FormatOp(run.ops[i]),
        DescribeObs(run.ops[i], m.obs_record(run.steps[i].obs)));
  }
  const std::size_t first = run.ops.size() - d.steps.size() + 1;
  if (d.steps.empty()) {
    absl::StrAppendFormat(&out, "violated: %s (%s): %s\n", d.requirement,
                          d.name, d.summary);
  } else if (d.steps.size() == 1) {
    absl::StrAppendFormat(&out, "violated at step %d: %s (%s): %s\n", first,
                          d.requirement, d.name, d.summary);
  } else {
    absl::StrAppendFormat(&out, "violated by steps %d..%d: %s (%s): %s\n",
                          first, run.ops.size(), d.requirement, d.name,
                          d.summary);
  }
  return out;
}

// A counterexample from reset: the shortest one the search finds.
struct Found {
  dbgref_host host;
  std::vector<dbgref_op> ops;
};

// For a statement over a path from reset (bounded, or the base case): the
// shortest prefix of the path that violates it.
std::optional<Found> ShortestFromReset(const CompiledModel& m,
                                       const Definition& d) {
  z3::context ctx;
  Z3Scope scope(ctx);
  z3::solver s = MakeSolver(ctx);
  const SymHost host = FreshHost(ctx, "host.");
  SymbolicPath p = StartPath(host, m.sym_reset());
  for (std::size_t depth = 0; depth <= d.steps.size(); ++depth) {
    if (depth > 0) {
      Extend(m, ctx, absl::StrCat("op", depth, "."), d.steps[depth - 1], p);
    }
    if (depth == 0 && !d.steps.empty()) continue;
    s.push();
    s.add(p.well_formed);
    s.add(d.symbolic.assume(p.path));
    s.add(!d.symbolic.goal(p.path));
    if (s.check() == z3::sat) {
      const z3::model model = s.get_model();
      Found f{EvalHostRecord(model, host), {}};
      for (const SymOp& op : p.ops) f.ops.push_back(EvalOpRecord(model, op));
      return f;
    }
    s.pop();
  }
  return std::nullopt;
}

// For a statement over a path from any invariant state: the shortest
// sequence from reset, a prefix of any operations followed by the
// statement's path, that violates it.
std::optional<Found> ReachableFromReset(const CompiledModel& m,
                                        const Definition& d) {
  z3::context ctx;
  Z3Scope scope(ctx);
  z3::solver s = MakeSolver(ctx);
  const SymHost host = FreshHost(ctx, "host.");
  SymbolicPath prefix = StartPath(host, m.sym_reset());
  const std::size_t longest = kMaxCounterexampleDepth > d.steps.size()
                                  ? kMaxCounterexampleDepth - d.steps.size()
                                  : 0;
  for (std::size_t n = 0; n <= longest; ++n) {
    if (n > 0) {
      Extend(m, ctx, absl::StrCat("prefix", n, "."), kAnyOp, prefix);
      s.add(prefix.well_formed);
    }
    const SymState& start = prefix.path.steps.empty()
                                ? prefix.path.start
                                : prefix.path.steps.back().post;
    SymbolicPath judged = StartPath(host, start);
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      Extend(m, ctx, absl::StrCat("after", n, ".op", i + 1, "."), d.steps[i],
             judged);
    }
    s.push();
    s.add(judged.well_formed);
    s.add(d.symbolic.assume(judged.path));
    s.add(!d.symbolic.goal(judged.path));
    if (s.check() == z3::sat) {
      const z3::model model = s.get_model();
      Found f{EvalHostRecord(model, host), {}};
      for (const SymOp& op : prefix.ops) {
        f.ops.push_back(EvalOpRecord(model, op));
      }
      for (const SymOp& op : judged.ops) {
        f.ops.push_back(EvalOpRecord(model, op));
      }
      return f;
    }
    s.pop();
  }
  return std::nullopt;
}

// Fills the counterexample of a failed obligation. model is the solver's
// model of the failed check over (host, start, ops).
void Explain(const CompiledModel& m, const Definition& d,
             const z3::model& model, const SymHost& host, const SymState& start,
             const std::vector<SymOp>& ops, ProofResult& r) {
  std::optional<Found> found =
      StartsAtReset(d) ? ShortestFromReset(m, d) : ReachableFromReset(m, d);
  ConcreteRun run;
  if (found.has_value()) {
    run =
        RunConcrete(m, found->host, m.concrete_reset(found->host), found->ops);
    r.from_reset = true;
  } else {
    // Unreachable within the search depth: the invariant admits a state
    // that the step breaks. Report that state.
    std::vector<dbgref_op> records;
    for (const SymOp& op : ops) records.push_back(EvalOpRecord(model, op));
    const ConcreteState pre = EvalState(model, start);
    run = RunConcrete(m, EvalHostRecord(model, host), pre, records);
    r.from_reset = false;
    r.detail = absl::StrCat(
        "no sequence of at most ", kMaxCounterexampleDepth,
        " operations from reset violates it; the state before step 1 "
        "satisfies the invariant",
        m.concrete_invariant(pre) ? "" : " (NOT, concretely)", ":\n",
        StateToString(pre));
  }
  r.counterexample = Trace{run.host, run.ops};
  r.replayed = Violates(d, run);
  r.violation = NumberedSteps(m, d, run, r.from_reset);
  if (!r.replayed) {
    absl::StrAppend(&r.violation,
                    "the concrete model does NOT violate the statement on "
                    "these steps: the symbolic and concrete interpretations "
                    "disagree\n");
  }
}

ProofResult ProveDefinition(const CompiledModel& m, const Definition& d) {
  const auto begin = std::chrono::steady_clock::now();
  ProofResult r;
  r.name = d.name;
  r.requirement = d.requirement;
  r.method = MethodText(d);

  z3::context ctx;
  Z3Scope scope(ctx);
  const SymHost host = FreshHost(ctx, "host.");
  const bool at_reset = StartsAtReset(d);
  const SymState start = at_reset ? m.sym_reset() : FreshState(ctx, "pre.");
  SymbolicPath p = StartPath(host, start);
  for (std::size_t i = 0; i < d.steps.size(); ++i) {
    Extend(m, ctx, absl::StrCat("op", i + 1, "."), d.steps[i], p);
  }
  z3::expr hypotheses = p.well_formed;
  if (!at_reset) hypotheses = Z::and_(hypotheses, m.sym_invariant(start));
  hypotheses = Z::and_(hypotheses, d.symbolic.assume(p.path));

  // Vacuity: the hypotheses, with a situation the goal is about, have a
  // model.
  z3::solver vacuity = MakeSolver(ctx);
  vacuity.add(hypotheses);
  vacuity.add(d.symbolic.trigger(p.path));
  const z3::check_result possible = vacuity.check();
  z3::solver s = MakeSolver(ctx);
  if (possible != z3::sat) {
    r.status = possible == z3::unsat ? ProofResult::Status::kVacuous
                                     : ProofResult::Status::kUnknown;
    r.detail = possible == z3::unsat
                   ? "the hypotheses with the trigger are unsatisfiable"
                   : vacuity.reason_unknown();
  } else {
    s.add(hypotheses);
    s.add(!d.symbolic.goal(p.path));
    const z3::check_result refuted = s.check();
    if (refuted == z3::unsat) {
      r.status = ProofResult::Status::kProved;
    } else if (refuted == z3::unknown) {
      r.status = ProofResult::Status::kUnknown;
      r.detail = s.reason_unknown();
    } else {
      r.status = ProofResult::Status::kFailed;
    }
  }
  r.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
          .count();
  if (r.status == ProofResult::Status::kFailed) {
    Explain(m, d, s.get_model(), host, start, p.ops, r);
  }
  return r;
}

}  // namespace

const std::vector<Obligation>& AllObligations() {
  static const std::vector<Obligation>* const all = [] {
    auto* out = new std::vector<Obligation>;
    for (const Definition& d : TheCompiledModel().definitions) {
      out->push_back(
          Obligation{d.name, d.requirement, MethodText(d), d.summary});
    }
    return out;
  }();
  return *all;
}

absl::StatusOr<ProofResult> Prove(const std::string& name) {
  const Definition* d = FindDefinition(name);
  if (d == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no proof obligation '", name, "'"));
  }
  return ProveDefinition(TheCompiledModel(), *d);
}

absl::StatusOr<bool> ReplayViolates(const std::string& name,
                                    const Trace& trace) {
  const Definition* d = FindDefinition(name);
  if (d == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no proof obligation '", name, "'"));
  }
  if (trace.ops.size() < d->steps.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("obligation '", name, "' judges ", d->steps.size(),
                     " operations; the trace has ", trace.ops.size()));
  }
  const CompiledModel& m = TheCompiledModel();
  return Violates(
      *d, RunConcrete(m, trace.host, m.concrete_reset(trace.host), trace.ops));
}

std::string StatusName(ProofResult::Status status) {
  switch (status) {
    case ProofResult::Status::kProved:
      return "proved";
    case ProofResult::Status::kFailed:
      return "FAILED";
    case ProofResult::Status::kVacuous:
      return "VACUOUS";
    case ProofResult::Status::kUnknown:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}

std::string FormatResult(const ProofResult& r) {
  std::string out =
      absl::StrFormat("%s [%s]: %s in %.3f s\n  method: %s\n", r.name,
                      r.requirement, StatusName(r.status), r.seconds, r.method);
  if (!r.detail.empty() && r.status != ProofResult::Status::kFailed) {
    absl::StrAppend(&out, "  ", r.detail, "\n");
  }
  if (r.status == ProofResult::Status::kFailed) {
    absl::StrAppend(&out, "counterexample", r.from_reset ? " (from reset)" : "",
                    r.replayed ? ", replayed on the concrete model"
                               : ", NOT reproduced by the concrete model",
                    ":\n", r.violation);
    if (!r.from_reset) absl::StrAppend(&out, r.detail);
    if (r.counterexample.has_value()) {
      absl::StrAppend(&out, "trace:\n", FormatTrace(*r.counterexample));
    }
  }
  return out;
}

const std::string& CompiledMutant() { return TheCompiledModel().mutant; }

}  // namespace dbgref::proofs
