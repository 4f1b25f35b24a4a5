// Symbolic paths through the compiled model, and the solver.
#include "proofs/path.h"

#include <utility>

#include "proofs/z3_domain.h"

namespace dbgref::proofs {
namespace {

// Per solver call; no obligation comes near it.
constexpr unsigned kSolverTimeoutMs = 60000;

}  // namespace

z3::context& ThreadContext() {
  thread_local z3::context* const ctx = new z3::context;
  return *ctx;
}

SymbolicPath StartPath(const SymHost& host, const FreshProgramInputs& program,
                       const SymState& start) {
  return SymbolicPath{
      SymPath{host, program.program, start, {}}, {}, program.well_formed};
}

const SymState& EndState(const SymbolicPath& p) {
  return p.path.steps.empty() ? p.path.start : p.path.steps.back().post;
}

void Extend(const CompiledModel& m, z3::context& ctx, const std::string& name,
            KindSet kinds, SymbolicPath& p) {
  FreshOperation op = FreshOp(ctx, name, kinds);
  p.path.steps.push_back(
      m.sym_step(p.path.host, p.path.program, EndState(p), op.op, kinds));
  p.well_formed = Z::and_(p.well_formed, op.well_formed);
  p.ops.push_back(std::move(op.op));
}

z3::solver MakeSolver(z3::context& ctx) {
  const z3::tactic preprocess =
      z3::tactic(ctx, "simplify") & z3::tactic(ctx, "propagate-values") &
      z3::tactic(ctx, "solve-eqs") & z3::tactic(ctx, "elim-uncnstr") &
      z3::tactic(ctx, "simplify");
  z3::solver s = (preprocess & z3::tactic(ctx, "smt")).mk_solver();
  z3::params p(ctx);
  p.set("timeout", kSolverTimeoutMs);
  s.set(p);
  return s;
}

}  // namespace dbgref::proofs
