// The symbolic inputs of a proof: a vCPU state, a host CPU, a guest program
// and transition inputs whose every field is a fresh z3 constant, with the
// well-formedness conditions that keep them within what a trace can
// express (docs/trace-format.md).
//
// The program of a proof has one line: a transition fetches one
// instruction, and a one-line program whose address and instruction are
// both free can put any instruction at any address, so a statement about
// one transition proved for every one-line program holds for every
// program. Nothing here runs a rule of the model: the records are built
// field by field.
#ifndef DBGREF_PROOFS_SYMBOLIC_H_
#define DBGREF_PROOFS_SYMBOLIC_H_

#include <z3++.h>

#include <cstddef>
#include <string>

#include "model/arch/instruction.h"
#include "model/concrete_domain.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/state.h"
#include "model/step.h"
#include "proofs/z3_domain.h"

namespace dbgref::proofs {

using Z = Z3Domain;
using C = model::ConcreteDomain;

// The lines of a proof's program.
inline constexpr std::size_t kProofLines = 1;

using SymRegs = model::DebugRegs<Z>;
using SymState = model::VcpuState<Z>;
using SymHost = model::Host<Z>;
using SymProgram = model::Program<Z, kProofLines>;
using SymOp = model::Op<Z>;
using SymObs = model::Obs<Z>;
using SymTransition = model::Transition<Z, kProofLines>;

using ConcreteRegs = model::DebugRegs<C>;
using ConcreteState = model::VcpuState<C>;
using ConcreteHost = model::Host<C>;
using ConcreteProgram = model::Program<C, kProofLines>;
using ConcreteOp = model::Op<C>;
using ConcreteObs = model::Obs<C>;
using ConcreteTransition = model::Transition<C, kProofLines>;

// The transition kinds a symbolic input ranges over, as a bit set of
// model::TransitionKind.
using KindSet = unsigned;

constexpr KindSet KindsOf(model::TransitionKind k) { return 1u << k; }
inline constexpr KindSet kIoctlKinds =
    KindsOf(model::kSetGuestDebug) | KindsOf(model::kCheckExtension) |
    KindsOf(model::kGetOneReg) | KindsOf(model::kSetOneReg) |
    KindsOf(model::kVcpuInit);
inline constexpr KindSet kRunKinds = KindsOf(model::kEnter) |
                                     KindsOf(model::kGuest) |
                                     KindsOf(model::kExit);
inline constexpr KindSet kAnyKind = kIoctlKinds | kRunKinds;

// A state with every field a fresh constant named "<prefix><field>".
SymState FreshState(z3::context& ctx, const std::string& prefix);

// A host with the whole ID_AA64DFR0_EL1 and every host register fresh:
// every BRPs and WRPs field 0..15 at once.
SymHost FreshHost(z3::context& ctx, const std::string& prefix);

// A program whose lines are fresh, with the condition that each is one the
// trace format can express: a 4-aligned address of the code region and one
// of the program's instruction kinds, a size of 1, 2, 4 or 8 at an aligned
// data address, a register kind that exists with an index 0..15 (0 for the
// others), a 16-bit immediate.
struct FreshProgramInputs {
  SymProgram program;
  z3::expr well_formed;
};
FreshProgramInputs FreshProgram(z3::context& ctx, const std::string& prefix);

// A transition input of one of the kinds in `kinds` with every field
// symbolic; a field the kind does not use is 0, as in a record a trace
// gives. `well_formed`: a known kind and capability, a control word of 32
// bits.
struct FreshOperation {
  SymOp op;
  z3::expr well_formed;
};
FreshOperation FreshOp(z3::context& ctx, const std::string& prefix,
                       KindSet kinds);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_SYMBOLIC_H_
