// The model under proof: its rules, invariant and the obligations'
// statements, instantiated over the symbolic and the concrete domain. This
// is the only translation unit of proofs/ that instantiates a rule of the
// model, so a build with one rule deliberately broken (a model mutant of
// tests/mutants/, a patch applied in the build) recompiles this file and the
// model's concrete façade, and nothing else.
#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/requirement_list.h"
#include "model/state.h"
#include "model/step.h"
#include "proofs/statement.h"
#include "proofs/statements_bounded.h"
#include "proofs/statements_entry.h"
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

SymTransition SymStep(const SymHost& host, const SymState& pre,
                      const SymOp& op) {
  return model::Step<Z>(host, pre, op);
}

z3::expr SymInvariant(const SymState& s) { return model::Invariant<Z>(s); }

ConcreteState ConcreteReset(const dbgref_host& host) {
  return model::Reset(host);
}

ConcreteTransition ConcreteStep(const dbgref_host& host,
                                const ConcreteState& pre, const dbgref_op& op) {
  return model::StepTransition(model::FromRecord(host), pre,
                               model::FromRecord(op));
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
                        &ConcreteStep,
                        &ConcreteInvariant,
                        &ObsRecord,
                        AllDefinitions()};
  return *model;
}

}  // namespace dbgref::proofs
