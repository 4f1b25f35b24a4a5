// The Z3 obligation that makes the mutant port_final_use_hw_not_dirty
// (tests/mutants/patches/port_final_use_hw_not_dirty.patch) equivalent.
//
// The mutant: with USE_HW, final's setup_debug does not set DIRTY itself.
// It makes no difference, because setup_debug sets MDSCR_EL1.MDE for USE_HW
// just before, and the world switch sets DIRTY whenever the guest context's
// MDSCR_EL1 has KDE or MDE (lazy switching): by the time the world switch
// reads DIRTY to decide whether to load the registers, it is set either
// way. Proved over the model's own rules: for every vCPU state and host,
// setup_debug followed by the world switch in (ENTER, model/run.h) gives
// the same state and the same CPU whether or not setup_debug sets DIRTY
// for USE_HW. Every later step is a function of that state, that CPU, the
// host and the program, so the whole KVM_RUN is the same.
//
// The checks:
//   1. the steps composed here are the model's ENTER;
//   2. the fact: state and CPU after the world switch in are equal;
//   3. not vacuous: with USE_HW on and DIRTY clear before setup_debug, the
//      state between setup_debug and the world switch does differ.
// Exits 0 when all hold.
#include <z3++.h>

#include <cstdio>

#include "model/arch/cpu.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/world_switch.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "tests/mutants/equivalence.h"

namespace {

using dbgref::mutants::Check;
using dbgref::proofs::Z;

}  // namespace

int main() {
  z3::context ctx;
  dbgref::proofs::Z3Scope scope(ctx);
  const dbgref::proofs::SymHost host = dbgref::proofs::FreshHost(ctx, "host.");
  const dbgref::proofs::SymState pre = dbgref::proofs::FreshState(ctx, "pre.");

  // The model's setup_debug, and the mutant's: the same, but DIRTY as it
  // was before.
  dbgref::proofs::SymState reference = pre;
  dbgref::model::SetupDebug<Z>(reference);
  dbgref::proofs::SymState mutant = reference;
  mutant.dirty = pre.dirty;
  const z3::expr lent_differs = !dbgref::model::StateEq<Z>(reference, mutant);

  dbgref::model::WorldSwitchIn<Z>(host, reference);
  dbgref::model::WorldSwitchIn<Z>(host, mutant);
  const dbgref::model::Cpu<Z>& reference_cpu = reference.cpu;
  const dbgref::model::Cpu<Z>& mutant_cpu = mutant.cpu;

  bool ok = true;
  ok &= Check(ctx, "the composed steps are the model's ENTER",
              !dbgref::mutants::ComposedIsEnter(host, pre), z3::unsat);
  ok &= Check(ctx,
              "after the world switch in, state and CPU are the same with "
              "and without DIRTY from setup_debug",
              !(dbgref::model::StateEq<Z>(reference, mutant) &&
                dbgref::model::CpuEq<Z>(reference_cpu, mutant_cpu)),
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
