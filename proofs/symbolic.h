// The symbolic inputs of a proof: a vCPU state, a host CPU and operations
// whose every field is a fresh z3 constant, with the well-formedness
// condition that keeps an operation within what the trace format
// (docs/trace-format.md) can express.
//
// Nothing here runs a rule of the model: the records are built field by
// field. The model's rules see only the records.
#ifndef DBGREF_PROOFS_SYMBOLIC_H_
#define DBGREF_PROOFS_SYMBOLIC_H_

#include <z3++.h>

#include <string>

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

using SymRegs = model::DebugRegs<Z>;
using SymState = model::VcpuState<Z>;
using SymHost = model::Host<Z>;
using SymOp = model::Op<Z>;
using SymObs = model::Obs<Z>;
using SymTransition = model::Transition<Z>;

using ConcreteRegs = model::DebugRegs<C>;
using ConcreteState = model::VcpuState<C>;
using ConcreteHost = model::Host<C>;
using ConcreteOp = model::Op<C>;
using ConcreteObs = model::Obs<C>;
using ConcreteTransition = model::Transition<C>;

// The operation kinds a symbolic operation ranges over, as a bit set.
enum OpKinds : unsigned {
  kSetGuestDebugOp = 1u << DBGREF_OP_SET_GUEST_DEBUG,
  kCheckExtensionOp = 1u << DBGREF_OP_CHECK_EXTENSION,
  kRunOp = 1u << DBGREF_OP_RUN,
  kAnyOp = kSetGuestDebugOp | kCheckExtensionOp | kRunOp,
};

// A state with every field a fresh constant named "<prefix><field>".
SymState FreshState(z3::context& ctx, const std::string& prefix);

// A host with the whole ID_AA64DFR0_EL1 and every host register fresh:
// every BRPs and WRPs field 0..15 at once.
SymHost FreshHost(z3::context& ctx, const std::string& prefix);

// The free constants behind a symbolic operation. The operation's fields are
// built from them so that a field the operation kind does not use is 0, as
// in a record the trace format produces.
struct OpInputs {
  z3::expr kind;         // literal when the operation has one kind
  z3::expr cap;          // enum dbgref_cap
  z3::expr control;      // 32 bits
  SymRegs arch;          // kvm_guest_debug.arch
  z3::expr action_kind;  // enum dbgref_action_kind
  z3::expr reg_kind;     // enum dbgref_reg_kind
  z3::expr index;        // 0..15
  z3::expr is_write;     // Boolean
  z3::expr value;        // written value
  z3::expr esr;          // 32 bits
  z3::expr pc;
  z3::expr far;
};

struct FreshOperation {
  SymOp op;
  // The inputs are a record the trace format can express: a known kind,
  // capability and action kind, a register that exists, an index 0..15 (0
  // for MDSCR_EL1 and MDCCINT_EL1).
  z3::expr well_formed;
  OpInputs inputs;
};

// An operation of one of the kinds in `kinds` with every field symbolic.
FreshOperation FreshOp(z3::context& ctx, const std::string& prefix,
                       unsigned kinds);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_SYMBOLIC_H_
