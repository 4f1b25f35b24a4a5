// Counterexample search from reset, shrinking, replay and numbered steps.
#include "proofs/counterexample.h"

#include <z3++.h>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/arch/registers.h"
#include "model/uapi.h"
#include "model/record_convert.h"
#include "proofs/evaluate.h"
#include "proofs/path.h"
#include "proofs/z3_domain.h"
#include "trace/format.h"
#include "trace/names.h"
#include "trace/shrink.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

// Reads the counterexample out of the model of a satisfiable check.
trace::Trace Extract(const z3::model& model, const SymHost& host,
                     const std::vector<const SymbolicPath*>& paths) {
  trace::Trace c{EvalHostRecord(model, host), {}};
  for (const SymbolicPath* p : paths) {
    for (const SymOp& op : p->ops) c.ops.push_back(EvalOpRecord(model, op));
  }
  return c;
}

// Adds the hypotheses and the negated goal of d over path p.
void Refute(const Definition& d, const SymbolicPath& p, z3::solver& s) {
  s.add(p.well_formed);
  s.add(d.symbolic.assume(p.path));
  s.add(!d.symbolic.goal(p.path));
}

// The path already starts at reset, and its length bounds the search: the
// prover found a violation within it.
std::optional<trace::Trace> ShortestPrefix(const CompiledModel& m,
                                           const Definition& d) {
  z3::context& ctx = ThreadContext();
  Z3Scope scope(ctx);
  const SymHost host = FreshHost(ctx, "host.");
  SymbolicPath p = StartPath(host, m.sym_reset());
  for (std::size_t depth = d.steps.empty() ? 0 : 1; depth <= d.steps.size();
       ++depth) {
    if (depth > 0) {
      Extend(m, ctx, absl::StrCat("op", depth, "."), d.steps[depth - 1], p);
    }
    z3::solver s = MakeSolver(ctx);
    Refute(d, p, s);
    if (s.check() == z3::sat) return Extract(s.get_model(), host, {&p});
  }
  return std::nullopt;
}

std::optional<trace::Trace> AfterAnyPrefix(const CompiledModel& m,
                                           const Definition& d,
                                           std::size_t max_depth) {
  z3::context& ctx = ThreadContext();
  Z3Scope scope(ctx);
  const SymHost host = FreshHost(ctx, "host.");
  SymbolicPath prefix = StartPath(host, m.sym_reset());
  for (std::size_t n = 0; n + d.steps.size() <= max_depth; ++n) {
    if (n > 0) Extend(m, ctx, absl::StrCat("op", n, "."), kAnyOp, prefix);
    SymbolicPath judged = StartPath(host, EndState(prefix));
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      Extend(m, ctx, absl::StrCat("op", n + i + 1, "."), d.steps[i], judged);
    }
    z3::solver s = MakeSolver(ctx);
    s.add(prefix.well_formed);
    Refute(d, judged, s);
    if (s.check() == z3::sat) {
      return Extract(s.get_model(), host, {&prefix, &judged});
    }
  }
  return std::nullopt;
}

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
  const std::string list = trace::RegisterList(r, "");
  return list.empty() ? " all 0" : absl::StrCat(" ", list);
}

// Whether the operations that d judges in a run of ops have the kinds of
// d's path, so that the run is an instance of d's statement.
bool FitsPath(const Definition& d, const std::vector<dbgref_op>& ops) {
  const std::size_t judged = JudgedSteps(d, ops.size());
  if (judged > ops.size() || judged > d.steps.size()) return false;
  const std::size_t first = ops.size() - judged;
  for (std::size_t i = 0; i < judged; ++i) {
    if (((1u << ops[first + i].kind) & d.steps[i]) == 0) return false;
  }
  return true;
}

// What the concrete model observed on one operation, one line.
std::string DescribeObs(const dbgref_op& op, const dbgref_obs& o) {
  if (op.kind != DBGREF_OP_RUN) return absl::StrCat("returns ", o.ret);
  std::string out = absl::StrFormat(
      "runs with MDCR_EL2 %s, MDSCR_EL1 %s, PSTATE.SS %d, hardware%s; ",
      MdcrBits(o.entry_mdcr_el2), trace::Hex(o.entry_mdscr_el1),
      o.entry_pstate_ss, NonZeroRegs(o.entry_hw));
  if (op.action.kind == DBGREF_ACTION_ACCESS) {
    absl::StrAppend(&out, o.trapped ? "trapped" : "not trapped");
    if (o.undef) absl::StrAppend(&out, ", UNDEF");
    if (!op.action.is_write) {
      absl::StrAppend(&out, ", reads ", trace::Hex(o.read_value));
    }
    absl::StrAppend(&out, "; ");
  }
  if (o.exit_reason == KVM_EXIT_DEBUG) {
    absl::StrAppend(&out, "KVM_EXIT_DEBUG hsr ", trace::Hex(o.hsr), " pc ",
                    trace::Hex(o.pc), " far ", trace::Hex(o.far));
  } else {
    absl::StrAppend(&out, "the guest resumes");
  }
  absl::StrAppend(&out, "; afterwards MDSCR_EL1 ", trace::Hex(o.ctx_mdscr_el1),
                  ", PSTATE.SS ", o.ctx_pstate_ss);
  return out;
}

}  // namespace

std::optional<trace::Trace> SearchFromReset(const CompiledModel& m,
                                            const Definition& d,
                                            std::size_t max_depth) {
  return StartsAtReset(d) ? ShortestPrefix(m, d)
                          : AfterAnyPrefix(m, d, max_depth);
}

trace::Trace Simplify(const CompiledModel& m, const Definition& d,
                      trace::Trace c) {
  return trace::Shrink(
      std::move(c),
      [&](const trace::Trace& t) {
        return FitsPath(d, t.ops) &&
               Violates(
                   d, RunConcrete(m, t.host, m.concrete_reset(t.host), t.ops));
      },
      trace::Values::kArbitrary);
}

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

bool Violates(const Definition& d, const ConcreteRun& run) {
  const std::size_t judged = JudgedSteps(d, run.steps.size());
  if (run.steps.size() < judged || judged > d.steps.size()) return false;
  const std::size_t first = run.steps.size() - judged;
  const ConcretePath p{ConcreteHost{run.host.id_aa64dfr0_el1,
                                    model::FromRecord(run.host.host_regs)},
                       first == 0 ? run.start : run.steps[first - 1].post,
                       std::vector<ConcreteTransition>(
                           run.steps.begin() + first, run.steps.end())};
  return d.concrete.assume(p) && !d.concrete.goal(p);
}

std::string NumberedSteps(const CompiledModel& m, const Definition& d,
                          const ConcreteRun& run, bool from_reset) {
  const uint64_t dfr0 = run.host.id_aa64dfr0_el1;
  std::string out = absl::StrCat(
      "host: ID_AA64DFR0_EL1 ", trace::Hex(dfr0), " (BRPs ",
      (dfr0 >> DBGREF_DFR0_BRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK, ", WRPs ",
      (dfr0 >> DBGREF_DFR0_WRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK,
      "), host registers", NonZeroRegs(run.host.host_regs), "\n");
  absl::StrAppend(&out, from_reset ? "start: the reset state\n"
                                   : "start: a state satisfying the "
                                     "invariant (printed below)\n");
  for (std::size_t i = 0; i < run.ops.size(); ++i) {
    absl::StrAppendFormat(
        &out, "%3d. %s\n     -> %s\n", i + 1, trace::FormatOp(run.ops[i]),
        DescribeObs(run.ops[i], m.obs_record(run.steps[i].obs)));
  }
  const std::size_t last = run.ops.size();
  const std::size_t judged = JudgedSteps(d, last);
  std::string where;
  if (judged == 1 || StartsAtReset(d)) {
    where = last == 0 ? " in the reset state" : absl::StrCat(" at step ", last);
  } else if (judged > 1) {
    where = absl::StrCat(" by steps ", last - judged + 1, "..", last);
  }
  absl::StrAppend(&out, "violated", where, ": ", d.requirement, " (", d.name,
                  "): ", d.summary, "\n");
  return out;
}

}  // namespace dbgref::proofs
