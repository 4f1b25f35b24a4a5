// Helpers of the Z3 obligations that prove a mutant equivalent: a
// satisfiability check that prints its verdict, and the steps of the
// model's ENTER and EXIT transitions (model/run.h) composed with the point
// a mutant changes exposed.
#ifndef DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_
#define DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_

#include <z3++.h>

#include "model/arch/cpu.h"
#include "model/host.h"
#include "model/state.h"
#include "proofs/symbolic.h"

namespace dbgref::mutants {

// Checks query and prints "ok" or "FAIL" with what, the verdict and, for an
// unexpected sat, the model. True when the verdict is want.
bool Check(z3::context& ctx, const char* what, const z3::expr& query,
           z3::check_result want);

// EXIT (model/run.h, Exit) as its steps, stopped before clear_debug: the
// guest's trapped MSR recorded in the ghost, the world switch out. `cpu`
// is the CPU the guest left, `interrupted` whether it left on the
// interrupt at the bound.
struct BeforeClear {
  proofs::SymState state;
  model::Cpu<proofs::Z> cpu;
  z3::expr interrupted;
};

BeforeClear ExitUpToClearDebug(const proofs::SymState& pre);

// The esr_el2 Exit hands clear_debug.
z3::expr ClearDebugEsr(const BeforeClear& before);

// True iff the composition above, followed by clear_debug and handle_exit,
// gives Exit's post-state (but for the ghost and the CPU, which Exit sets
// apart from these steps): the EXIT the obligation speaks about is the one
// every test and proof runs.
z3::expr ComposedIsExit(const proofs::SymState& pre);

// True iff setup_debug followed by the world switch in gives Enter's
// (model/run.h) CPU and post-state (but for what Enter sets apart from
// these steps: the step count, the ghost and the phase).
z3::expr ComposedIsEnter(const proofs::SymHost& host,
                         const proofs::SymState& pre);

}  // namespace dbgref::mutants

#endif  // DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_
