// The model under proof: its rules, invariant and the obligations'
// statements, instantiated over the symbolic and the concrete domain. This
// is the only translation unit of proofs/ that instantiates a rule of the
// model, so a build with one rule deliberately broken (a model mutant of
// tests/mutants/, a patch applied in the build) recompiles this file and the
// model's concrete façade, and nothing else.
#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record_convert.h"
#include "model/run_op.h"
#include "model/requirement_list.h"
#include "model/state.h"
#include "model/step.h"
#include "proofs/statement.h"
#include "proofs/statements_bounded.h"
#include "proofs/statements_entry.h"
#include "proofs/statements_exit.h"
#include "proofs/statements_guest.h"
#include "proofs/statements_invariant.h"
#include "proofs/statements_ioctl.h"

// A build with a mutant applied defines DBGREF_MUTANT to the mutant's name
// (tests/mutants/mutant_test.bzl, mutant_transition).
#ifdef DBGREF_MUTANT
#define DBGREF_PROOFS_QUOTE(x) #x
#define DBGREF_PROOFS_STRING(x) DBGREF_PROOFS_QUOTE(x)
#define DBGREF_PROOFS_MUTANT_NAME DBGREF_PROOFS_STRING(DBGREF_MUTANT)
#else
#define DBGREF_PROOFS_MUTANT_NAME ""
#endif

namespace dbgref::proofs {
namespace {

SymState SymReset() { return model::ResetState<Z>(); }

SymTransition SymStep(const SymHost& host, const SymProgram& program,
                      const SymState& pre, const SymOp& op, KindSet kinds) {
  for (uint64_t kind : model::kTransitionKinds) {
    if (kinds == (1u << kind)) {
      return model::TransitionOfKind<Z, kProofLines>(kind, host, program, pre,
                                                     op);
    }
  }
  return model::StepOfKinds<Z, kProofLines>(kinds, host, program, pre, op);
}

z3::expr SymInvariant(const SymState& s) { return model::Invariant<Z>(s); }

ConcreteState ConcreteReset(const dbgref_host& host) {
  return model::Reset(host);
}

// A proof's program has kProofLines lines; a trace's program is cut to
// them (a counterexample's is no longer).
ConcreteProgram ProofProgram(const dbgref_program& p) {
  const model::Program<C, DBGREF_MAX_PROGRAM_LINES> full =
      model::FromRecord(p);
  ConcreteProgram out{};
  for (std::size_t i = 0; i < kProofLines; ++i) out.line[i] = full.line[i];
  return out;
}

std::vector<ConcreteTransition> ConcreteOpTransitions(const dbgref_host& host,
                                           const dbgref_program& program,
                                           ConcreteState& state,
                                           const dbgref_op& op) {
  std::vector<ConcreteTransition> out;
  model::ForEachTransitionOf<kProofLines>(
      model::FromRecord(host), ProofProgram(program), state, op,
      [&](const ConcreteTransition& t) { out.push_back(t); });
  return out;
}

bool ConcreteInvariant(const ConcreteState& s) {
  return model::Invariant<C>(s);
}

dbgref_obs ObsRecord(const ConcreteObs& obs) { return model::ToRecord(obs); }

// The invariant first, then the requirements in the order of
// spec/requirements.md (model/requirement_list.h).
int SpecOrder(const std::string& requirement) {
  for (std::size_t i = 0; i < model::kRequirements.size(); ++i) {
    if (model::kRequirements[i].id == requirement) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Definition> AllDefinitions() {
  std::vector<Definition> out;
  AddInvariantObligations(out);
  AddIoctlObligations(out);
  AddEntryObligations(out);
  AddGuestObligations(out);
  AddExitObligations(out);
  AddBoundedObligations(out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Definition& a, const Definition& b) {
                     return SpecOrder(a.requirement) < SpecOrder(b.requirement);
                   });
  return out;
}

}  // namespace

const CompiledModel& TheCompiledModel() {
  static const CompiledModel* const model =
      new CompiledModel{DBGREF_PROOFS_MUTANT_NAME,
                        &SymReset,
                        &SymStep,
                        &SymInvariant,
                        &ConcreteReset,
                        &ConcreteOpTransitions,
                        &ConcreteInvariant,
                        &ObsRecord,
                        AllDefinitions()};
  return *model;
}

}  // namespace dbgref::proofs
