// Between symbolic and concrete values: reading the concrete records out of
// a z3 model of a formula (a counterexample), fixing symbolic inputs to
// given concrete values (to evaluate a formula at one point), and printing
// a concrete state.
#ifndef DBGREF_PROOFS_EVALUATE_H_
#define DBGREF_PROOFS_EVALUATE_H_

#include <z3++.h>

#include <cstdint>
#include <string>

#include "model/record.h"
#include "proofs/symbolic.h"

namespace dbgref::proofs {

// The value of a word or truth value in model m (unconstrained inputs 0).
uint64_t EvalWord(const z3::model& m, const z3::expr& w);
bool EvalBool(const z3::model& m, const z3::expr& b);

ConcreteState EvalState(const z3::model& m, const SymState& s);
ConcreteObs EvalObs(const z3::model& m, const SymObs& o);
ConcreteOp EvalOp(const z3::model& m, const SymOp& op);
dbgref_host EvalHostRecord(const z3::model& m, const SymHost& h);
dbgref_program EvalProgramRecord(const z3::model& m, const SymProgram& p);
// The userspace ioctl of a transition input of an ioctl kind.
dbgref_op IoctlRecord(const ConcreteOp& op);

// Give the fresh constants of FreshState, FreshHost, FreshProgram and
// FreshOp the values of concrete ones in m.
void FixState(z3::model& m, const SymState& fresh, const ConcreteState& s);
void FixHost(z3::model& m, const SymHost& fresh, const dbgref_host& h);
void FixProgram(z3::model& m, const SymProgram& fresh,
                const ConcreteProgram& p);
void FixOp(z3::model& m, const SymOp& fresh, const ConcreteOp& op);

// One "field = value" per line, zero register entries left out.
std::string StateToString(const ConcreteState& s);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_EVALUATE_H_
