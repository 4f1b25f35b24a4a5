// Helpers of the Z3 obligations that prove a mutant equivalent: a
// satisfiability check that prints its verdict, and the KVM_RUN iteration
// composed from the model's steps with the point before clear_debug
// exposed.
#ifndef DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_
#define DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_

#include <z3++.h>

#include "model/arch/execute.h"
#include "model/op.h"
#include "model/state.h"
#include "proofs/symbolic.h"

namespace dbgref::mutants {

// Checks query and prints "ok" or "FAIL" with what, the verdict and, for an
// unexpected sat, the model. True when the verdict is want.
bool Check(z3::context& ctx, const char* what, const z3::expr& query,
           z3::check_result want);

// One KVM_RUN iteration composed from the model's steps as RunIteration
// composes them, stopped after the world switch out.
struct BeforeClear {
  proofs::SymState state;
  model::GuestEvent<proofs::Z> event;
};

BeforeClear RunUpToClearDebug(const proofs::SymHost& host,
                              const proofs::SymState& pre,
                              const model::Action<proofs::Z>& action);

// True iff the composition above, followed by clear_debug and handle_exit,
// gives RunIteration's post-state: the iteration the obligations speak
// about is the one every test and proof runs.
z3::expr ComposedIsRunIteration(const proofs::SymHost& host,
                                const proofs::SymState& pre,
                                const model::Action<proofs::Z>& action);

}  // namespace dbgref::mutants

#endif  // DBGREF_TESTS_MUTANTS_EQUIVALENCE_H_
