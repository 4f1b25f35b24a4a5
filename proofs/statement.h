// What a proof obligation states, and the model it is stated about.
//
// An obligation speaks about a path: a host, a guest program, a start state
// and a few transitions of the model (model/step.h: an ioctl, or one of the
// ENTER, GUEST and EXIT steps of a KVM_RUN). Its
// statement is three predicates over the path, written once as templates
// over the value domain like the model's rules, so that the prover judges
// the symbolic path and the counterexample replay judges the concrete one
// with the same text:
//   - Assume: extra hypotheses (true for most);
//   - Trigger: a situation the goal is about, which must be possible under
//     the hypotheses, so that the obligation is not proved vacuously;
//   - Goal: what must hold, usually a requirement predicate of
//     model/requirements.h or the invariant of model/invariant.h.
//
// Where the path starts gives the method:
//   - kInductionBase: the reset state, no operation (base case);
//   - kInductionStep: any state satisfying the invariant, one transition of
//     the given kinds, the goal the invariant of the post-state (step case);
//   - kFromInvariant: any state satisfying the invariant, then k transitions
//     (k = 1 for a requirement judged on one transition); sound for every
//     reachable state because the invariant is inductive;
//   - kBoundedFromReset: the reset state, then k transitions (bounded model
//     checking to depth k).
#ifndef DBGREF_PROOFS_STATEMENT_H_
#define DBGREF_PROOFS_STATEMENT_H_

#include <z3++.h>

#include <cstddef>
#include <string>
#include <vector>

#include "model/record.h"
#include "proofs/symbolic.h"

namespace dbgref::proofs {

template <class D>
struct Path {
  model::Host<D> host;
  model::Program<D, kProofLines> program;
  model::VcpuState<D> start;
  std::vector<model::Transition<D, kProofLines>> steps;
};

using SymPath = Path<Z>;
using ConcretePath = Path<C>;

enum class MethodKind {
  kInductionBase,
  kInductionStep,
  kFromInvariant,
  kBoundedFromReset,
};

template <class D>
struct PathPredicates {
  model::BoolOf<D> (*assume)(const Path<D>&);
  model::BoolOf<D> (*trigger)(const Path<D>&);
  model::BoolOf<D> (*goal)(const Path<D>&);
};

struct Definition {
  std::string name;         // snake_case, the Bazel target's name
  std::string requirement;  // REQ-* or INVARIANT
  std::string summary;      // what it proves, one sentence
  MethodKind method;
  // The transition kinds (KindSet) of each step of the path, in order.
  std::vector<KindSet> steps;
  PathPredicates<Z> symbolic;
  PathPredicates<C> concrete;
};

// Whether d's path starts at the reset state rather than at any state
// satisfying the invariant.
inline bool StartsAtReset(const Definition& d) {
  return d.method == MethodKind::kInductionBase ||
         d.method == MethodKind::kBoundedFromReset;
}

// Makes a Definition from a statement class S with static templates
// Assume<D>, Trigger<D> and Goal<D> over Path<D>.
template <class S>
Definition Define(std::string name, std::string requirement,
                  std::string summary, MethodKind method,
                  std::vector<KindSet> steps) {
  return Definition{
      std::move(name),
      std::move(requirement),
      std::move(summary),
      method,
      std::move(steps),
      PathPredicates<Z>{&S::template Assume<Z>, &S::template Trigger<Z>,
                        &S::template Goal<Z>},
      PathPredicates<C>{&S::template Assume<C>, &S::template Trigger<C>,
                        &S::template Goal<C>}};
}

// The model the obligations are proved about: its rules, invariant and
// statements, instantiated over both domains by one translation unit
// (proofs/definitions.cc), which a build with a rule deliberately broken
// (a model mutant of tests/mutants/) recompiles alone.
struct CompiledModel {
  // The name of the mutant compiled in, empty for the reference model.
  std::string mutant;
  SymState (*sym_reset)();
  // One transition whose kind is one of kinds (a single kind is built
  // alone, which keeps the formula small).
  SymTransition (*sym_step)(const SymHost&, const SymProgram&,
                            const SymState&, const SymOp&, KindSet kinds);
  z3::expr (*sym_invariant)(const SymState&);
  ConcreteState (*concrete_reset)(const dbgref_host&);
  // The transitions of one userspace operation from state, which advances.
  std::vector<ConcreteTransition> (*concrete_op)(const dbgref_host&,
                                                 const dbgref_program&,
                                                 ConcreteState&,
                                                 const dbgref_op&);
  bool (*concrete_invariant)(const ConcreteState&);
  // The observation record of a concrete observation (the façade's).
  dbgref_obs (*obs_record)(const ConcreteObs&);
  std::vector<Definition> definitions;
};

// The model this binary was compiled with.
const CompiledModel& TheCompiledModel();

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENT_H_
