// The Z3 obligation that makes the mutant port_final_restore_bits_only
// (tests/mutants/patches/port_final_restore_bits_only.patch) equivalent.
//
// The mutant: final's clear_debug puts back only MDSCR_EL1.{SS,KDE,MDE}
// from the preserved value and keeps the other bits of the guest context,
//   mdscr = (mdscr & ~MASK) | (preserved & MASK),
// instead of the whole preserved value. The two agree exactly when, at
// clear_debug, the context's MDSCR_EL1 and the preserved one differ only
// inside MASK. That is a fact about the model, proved here over its own
// rules (model/*.h run over the Z3 domain of proofs/) and its invariant
// (model/invariant.h, inductive by //proofs:invariant_base and
// //proofs:invariant_step_*): for every vCPU state satisfying the
// invariant with the guest exited to EL2 and guest debug on, EXIT's steps
// up to clear_debug (the trapped MSR recorded, the world switch out) leave
//   ctx.mdscr_el1 & ~MASK == preserved.mdscr_el1 & ~MASK.
// It holds because setup_debug changes only SS and MDE of the lent value,
// and while guest debug is on MDCR_EL2.TDE is set, which makes the CPU
// treat TDA as set: every guest access to MDSCR_EL1 traps and is emulated
// after clear_debug, so nothing writes MDSCR_EL1 in between (the
// invariant's guest_mdscr clause). With guest debug off, final's
// clear_debug does nothing, mutant or not.
//
// The checks:
//   1. the steps composed here are the model's EXIT;
//   2. the fact: its negation with guest debug on is unsatisfiable;
//   3. the consequence: the mutant's MDSCR_EL1 is the model's clear_debug
//      result whenever guest debug is on;
//   4. not vacuous: with guest debug on, MDSCR_EL1 before clear_debug can
//      differ from the preserved value, so clear_debug matters.
// Exits 0 when all hold.
#include <z3++.h>

#include <cstdint>
#include <cstdio>

#include "model/arch/registers.h"
#include "model/clear_debug.h"
#include "model/invariant.h"
#include "model/state.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "tests/mutants/equivalence.h"

namespace {

using dbgref::mutants::BeforeClear;
using dbgref::mutants::Check;
using dbgref::proofs::Z;

// MDSCR_EL1_DEBUG_MASK of port/final/debug.c.
constexpr uint64_t kMask =
    DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE;

}  // namespace

int main() {
  z3::context ctx;
  dbgref::proofs::Z3Scope scope(ctx);
  const dbgref::proofs::SymState pre = dbgref::proofs::FreshState(ctx, "pre.");

  const BeforeClear before = dbgref::mutants::ExitUpToClearDebug(pre);
  const z3::expr exits =
      dbgref::model::Invariant<Z>(pre) &&
      dbgref::model::InPhase<Z>(pre, dbgref::model::kPhaseExited);
  const z3::expr on = dbgref::model::DebugActive<Z>(pre);
  const z3::expr mdscr = before.state.ctx.mdscr_el1;
  const z3::expr kept = before.state.preserved.mdscr_el1;
  const z3::expr outside = Z::lit(~kMask);
  const z3::expr fact = Z::eq(Z::band(mdscr, outside), Z::band(kept, outside));
  const z3::expr mutant_mdscr =
      Z::bor(Z::band(mdscr, outside), Z::band(kept, Z::lit(kMask)));
  dbgref::proofs::SymState cleared = before.state;
  dbgref::model::ClearDebug<Z>(cleared,
                               dbgref::mutants::ClearDebugEsr(before));

  bool ok = true;
  ok &= Check(ctx, "the composed steps are the model's EXIT",
              !dbgref::mutants::ComposedIsExit(pre), z3::unsat);
  ok &= Check(ctx,
              "guest debug on: MDSCR_EL1 before clear_debug differs from "
              "the preserved value only in SS|KDE|MDE",
              exits && on && !fact, z3::unsat);
  ok &= Check(ctx,
              "guest debug on: the mutant's clear_debug gives the model's "
              "MDSCR_EL1",
              exits && on && !Z::eq(mutant_mdscr, cleared.ctx.mdscr_el1),
              z3::unsat);
  ok &= Check(ctx,
              "not vacuous: guest debug on and MDSCR_EL1 before clear_debug "
              "is not the preserved value",
              exits && on && !Z::eq(mdscr, kept), z3::sat);
  std::printf("%s: port_final_restore_bits_only is %s\n",
              ok ? "proved" : "FAILED",
              ok ? "equivalent" : "not shown equivalent");
  return ok ? 0 : 1;
}
