// The Z3 obligation that makes the mutant port_final_use_hw_not_dirty
// (tests/mutants/patches/port_final_use_hw_not_dirty.patch) equivalent.
//
// The mutant: with USE_HW, final's setup_debug does not set DIRTY itself.
// It makes no difference, because setup_debug sets MDSCR_EL1.MDE for USE_HW
// just before, and the world switch sets DIRTY whenever the guest context's
// MDSCR_EL1 has KDE or MDE (lazy switching): by the time the world switch
// reads DIRTY to decide whether to load the registers, it is set either
// way. Proved over the model's own rules: for every vCPU state and host,
// setup_debug followed by the world switch in gives the same state and the
// same CPU whether or not setup_debug sets DIRTY for USE_HW. Everything
// after the world switch in is a function of that state, that CPU, the
// host and the guest's action, so the whole iteration is the same.
//
// The checks:
//   1. the iteration composed from the steps is RunIteration's;
//   2. the fact: state and CPU after the world switch in are equal;
//   3. not vacuous: with USE_HW on and DIRTY clear before setup_debug, the
//      state between setup_debug and the world switch does differ.
// Exits 0 when all hold.
#include <z3++.h>

#include <cstdio>

#include "model/arch/debug_regs.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/world_switch.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "tests/mutants/equivalence.h"

namespace {

using dbgref::mutants::Check;
using dbgref::proofs::Z;

z3::expr CpuEq(const dbgref::model::Cpu<Z>& a, const dbgref::model::Cpu<Z>& b) {
  return dbgref::model::ContextEq<Z>(a.regs, b.regs) &&
         Z::eq(a.mdcr_el2, b.mdcr_el2);
}

}  // namespace

int main() {
  z3::context ctx;
  dbgref::proofs::Z3Scope scope(ctx);
  const dbgref::proofs::SymHost host = dbgref::proofs::FreshHost(ctx, "host.");
  const dbgref::proofs::SymState pre = dbgref::proofs::FreshState(ctx, "pre.");
  const dbgref::proofs::FreshOperation op =
      dbgref::proofs::FreshOp(ctx, "op.", dbgref::proofs::kRunOp);

  // The model's setup_debug, and the mutant's: the same, but DIRTY as it
  // was before.
  dbgref::proofs::SymState reference = pre;
  dbgref::model::SetupDebug<Z>(reference);
  dbgref::proofs::SymState mutant = reference;
  mutant.dirty = pre.dirty;
  const z3::expr lent_differs = !dbgref::model::StateEq<Z>(reference, mutant);

  const dbgref::model::Cpu<Z> reference_cpu =
      dbgref::model::WorldSwitchIn<Z>(host, reference);
  const dbgref::model::Cpu<Z> mutant_cpu =
      dbgref::model::WorldSwitchIn<Z>(host, mutant);

  bool ok = true;
  ok &= Check(ctx, "the composed iteration is RunIteration",
              op.well_formed && !dbgref::mutants::ComposedIsRunIteration(
                                    host, pre, op.op.action),
              z3::unsat);
  ok &= Check(ctx,
              "after the world switch in, state and CPU are the same with "
              "and without DIRTY from setup_debug",
              !(dbgref::model::StateEq<Z>(reference, mutant) &&
                CpuEq(reference_cpu, mutant_cpu)),
              z3::unsat);
  ok &= Check(ctx,
              "not vacuous: USE_HW on, DIRTY clear, and the state after "
              "setup_debug differs",
              dbgref::model::UseHwOn<Z>(pre) && !pre.dirty && lent_differs,
              z3::sat);
  std::printf("%s: port_final_use_hw_not_dirty is %s\n",
              ok ? "proved" : "FAILED",
              ok ? "equivalent" : "not shown equivalent");
  return ok ? 0 : 1;
}
