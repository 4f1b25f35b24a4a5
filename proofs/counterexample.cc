// Counterexample search from reset, shrinking, replay and numbered steps.
#include "proofs/counterexample.h"

#include <z3++.h>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/arch/registers.h"
#include "model/record_convert.h"
#include "model/uapi.h"
#include "proofs/evaluate.h"
#include "proofs/path.h"
#include "proofs/z3_domain.h"
#include "trace/format.h"
#include "trace/names.h"
#include "trace/shrink.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::proofs {
namespace {

// Adds the hypotheses and the negated goal of d over path p.
void Refute(const Definition& d, const SymbolicPath& p, z3::solver& s) {
  s.add(p.well_formed);
  s.add(d.symbolic.assume(p.path));
  s.add(!d.symbolic.goal(p.path));
}

SymbolicPath FreshResetPath(const CompiledModel& m, z3::context& ctx) {
  return StartPath(FreshHost(ctx, "host."), FreshProgram(ctx, "program."),
                   m.sym_reset());
}

// The path already starts at reset, and its length bounds the search: the
// prover found a violation within it.
std::optional<trace::Trace> ShortestPrefix(const CompiledModel& m,
                                           const Definition& d) {
  z3::context& ctx = ThreadContext();
  Z3Scope scope(ctx);
  SymbolicPath p = FreshResetPath(m, ctx);
  for (std::size_t depth = d.steps.empty() ? 0 : 1; depth <= d.steps.size();
       ++depth) {
    if (depth > 0) {
      Extend(m, ctx, absl::StrCat("step", depth, "."), d.steps[depth - 1], p);
    }
    z3::solver s = MakeSolver(ctx);
    Refute(d, p, s);
    if (s.check() == z3::sat) return TraceOf(s.get_model(), p);
  }
  return std::nullopt;
}

std::optional<trace::Trace> AfterAnyPrefix(const CompiledModel& m,
                                           const Definition& d,
                                           std::size_t max_depth) {
  z3::context& ctx = ThreadContext();
  Z3Scope scope(ctx);
  SymbolicPath prefix = FreshResetPath(m, ctx);
  for (std::size_t n = 0; n + d.steps.size() <= max_depth; ++n) {
    if (n > 0) {
      Extend(m, ctx, absl::StrCat("step", n, "."), kAnyKind, prefix);
    }
    SymbolicPath judged = prefix;
    const std::size_t judged_from = judged.path.steps.size();
    judged.path.start = EndState(prefix);
    judged.path.steps.clear();
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      Extend(m, ctx, absl::StrCat("step", n + i + 1, "."), d.steps[i], judged);
    }
    z3::solver s = MakeSolver(ctx);
    Refute(d, judged, s);
    if (s.check() != z3::sat) continue;
    // The whole path from reset: the prefix, then the judged steps.
    SymbolicPath whole = prefix;
    for (std::size_t i = 0; i < judged.path.steps.size(); ++i) {
      whole.path.steps.push_back(judged.path.steps[i]);
      whole.ops.push_back(judged.ops[judged_from + i]);
    }
    return TraceOf(s.get_model(), whole);
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

const char* EventName(uint32_t event) {
  switch (event) {
    case DBGREF_EVENT_RETIRED:
      return "executes";
    case DBGREF_EVENT_EXCEPTION_EL1:
      return "takes its own exception";
    case DBGREF_EVENT_ERET:
      return "returns from its handler";
    default:
      return "exits to EL2";
  }
}

// What the concrete model observed on one transition, one line.
std::string DescribeStep(const dbgref_obs& o) {
  switch (o.step) {
    case DBGREF_STEP_IOCTL:
      return absl::StrCat(
          "returns ", o.ret,
          o.value != 0 ? absl::StrCat(", value ", trace::Hex(o.value)) : "");
    case DBGREF_STEP_ENTER:
      return absl::StrFormat(
          "enter: MDCR_EL2 %s, MDSCR_EL1 %s, PSTATE %s, pc %s, hardware%s",
          MdcrBits(o.entry_mdcr_el2), trace::Hex(o.entry_mdscr_el1),
          trace::Hex(o.entry_pstate), trace::Hex(o.entry_pc),
          NonZeroRegs(o.entry_hw));
    case DBGREF_STEP_GUEST:
      return absl::StrCat(
          "guest at ", trace::Hex(o.pc), ": ", EventName(o.event),
          o.esr != 0 ? absl::StrCat(", esr ", trace::Hex(o.esr)) : "",
          o.read_value != 0 ? absl::StrCat(", reads ", trace::Hex(o.read_value))
                            : "");
    default:
      return absl::StrCat(
          "exit: reason ", o.exit_reason, ", hsr ", trace::Hex(o.hsr), ", far ",
          trace::Hex(o.exit_far), ", pc ", trace::Hex(o.exit_pc),
          o.undef ? ", UNDEF" : "", "; afterwards MDSCR_EL1 ",
          trace::Hex(o.ctx_mdscr_el1), ", PSTATE.SS ", o.ctx_pstate_ss);
  }
}

}  // namespace

trace::Trace TraceOf(const z3::model& model, const SymbolicPath& p) {
  trace::Trace t;
  t.host = EvalHostRecord(model, p.path.host);
  t.program = EvalProgramRecord(model, p.path.program);
  // The solver picks any value for a field that an instruction or an
  // operation does not use; the trace holds them as a trace may
  // (trace/valid.h).
  for (uint32_t n = 0; n < t.program.count; ++n) {
    t.program.line[n].insn =
        trace::WithUnusedFieldsZero(t.program.line[n].insn);
  }
  for (std::size_t i = 0; i < p.path.steps.size(); ++i) {
    const ConcreteOp op = EvalOp(model, p.ops[i]);
    const ConcreteState pre = EvalState(model, p.path.steps[i].pre);
    if (!model::Applicable<C>(pre, op)) continue;
    if (op.kind == model::kEnter) {
      if (pre.phase == model::kPhaseUser) t.ops.push_back(trace::RunOp());
    } else if (op.kind < model::kEnter) {
      t.ops.push_back(trace::WithUnusedFieldsZero(IoctlRecord(op)));
    }
  }
  return t;
}

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
        return Violates(d, RunConcrete(m, t.host, t.program,
                                       m.concrete_reset(t.host), t.ops));
      },
      trace::Values::kArbitrary);
}

ConcreteRun RunConcrete(const CompiledModel& m, const dbgref_host& host,
                        const dbgref_program& program,
                        const ConcreteState& start,
                        const std::vector<dbgref_op>& ops) {
  ConcreteRun run{host, program, start, ops, {}, {}};
  ConcreteState s = start;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    for (ConcreteTransition& t : m.concrete_op(host, program, s, ops[i])) {
      run.steps.push_back(std::move(t));
      run.op_of_step.push_back(i);
    }
  }
  return run;
}

std::optional<std::size_t> Violation(const Definition& d,
                                     const ConcreteRun& run) {
  const std::size_t k = d.steps.size();
  const ConcreteHost host = model::FromRecord(run.host);
  for (std::size_t end = k; end <= run.steps.size(); ++end) {
    const std::size_t first = end - k;
    if (StartsAtReset(d) && first != 0) break;
    bool fits = true;
    for (std::size_t i = 0; i < k && fits; ++i) {
      fits = ((1u << run.steps[first + i].op.kind) & d.steps[i]) != 0;
    }
    if (!fits) continue;
    const ConcretePath p{
        host, run.steps.empty() ? ConcreteProgram{} : run.steps[0].program,
        first == 0 ? run.start : run.steps[first - 1].post,
        std::vector<ConcreteTransition>(run.steps.begin() + first,
                                        run.steps.begin() + end)};
    if (d.concrete.assume(p) && !d.concrete.goal(p)) {
      return end == 0 ? 0 : end - 1;
    }
    if (k == 0) break;
  }
  return std::nullopt;
}

bool Violates(const Definition& d, const ConcreteRun& run) {
  return Violation(d, run).has_value();
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
  std::size_t step = 0;
  for (std::size_t i = 0; i < run.ops.size(); ++i) {
    absl::StrAppendFormat(&out, "%3d. %s\n", i + 1,
                          trace::FormatOp(run.ops[i]));
    for (; step < run.steps.size() && run.op_of_step[step] == i; ++step) {
      absl::StrAppendFormat(&out, "     %d.%d %s\n", i + 1, step + 1,
                            DescribeStep(m.obs_record(run.steps[step].obs)));
    }
  }
  const std::optional<std::size_t> at = Violation(d, run);
  absl::StrAppend(
      &out, "violated",
      at.has_value() && !run.steps.empty()
          ? absl::StrCat(" at step ", run.op_of_step[*at] + 1, ".", *at + 1)
          : std::string(run.steps.empty() ? " in the reset state" : ""),
      ": ", d.requirement, " (", d.name, "): ", d.summary, "\n");
  return out;
}

}  // namespace dbgref::proofs
