// The symbolic and the concrete interpretation of the model agree: the
// formula that Step<Z3Domain> builds over fresh inputs, evaluated with every
// input fixed to a random value, gives field by field the post-state and the
// observation that the concrete façade computes for those values, and the
// same verdict of the invariant and of every requirement predicate. Both
// the formulas the prover builds (an operation of any kind or of one kind,
// from any state) and those the counterexample search builds (from reset)
// are checked.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <z3++.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "model/requirements.h"
#include "model/step.h"
#include "model/uapi.h"
#include "proofs/evaluate.h"
#include "model/field_name.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

// RapidCheck scales numbers with its size parameter, small first; these
// tests want every value of a range as likely at every size.
template <class T>
rc::Gen<T> Uniform(T min, T max) {
  return rc::gen::resize(100, rc::gen::inRange<T>(min, max));
}

template <class T>
rc::Gen<T> Any() {
  return rc::gen::resize(100, rc::gen::arbitrary<T>());
}

// Words from a small pool (so that values collide and conditions on them
// go both ways) or anything.
rc::Gen<uint64_t> GenWord() {
  return rc::gen::resize(
      100, rc::gen::weightedOneOf<uint64_t>(
               {{3, rc::gen::element<uint64_t>(0, 1, 2, 0x8000, 0x2000, 0xa001,
                                               0x4057000000, ~uint64_t{0})},
                {1, Any<uint64_t>()}}));
}

rc::Gen<uint32_t> GenControl() {
  return rc::gen::resize(100,
                         rc::gen::weightedOneOf<uint32_t>(
                             {{4, rc::gen::map(Uniform<uint32_t>(0, 16),
                                               [](uint32_t bits) {
                                                 uint32_t c = 0;
                                                 if (bits & 1)
                                                   c |= KVM_GUESTDBG_ENABLE;
                                                 if (bits & 2)
                                                   c |= KVM_GUESTDBG_SINGLESTEP;
                                                 if (bits & 4)
                                                   c |= KVM_GUESTDBG_USE_SW_BP;
                                                 if (bits & 8)
                                                   c |= KVM_GUESTDBG_USE_HW;
                                                 return c;
                                               })},
                              {1, Any<uint32_t>()}}));
}

kvm_guest_debug_arch GenRegs() {
  kvm_guest_debug_arch r;
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    r.dbg_bcr[n] = *GenWord();
    r.dbg_bvr[n] = *GenWord();
    r.dbg_wcr[n] = *GenWord();
    r.dbg_wvr[n] = *GenWord();
  }
  return r;
}

dbgref_host GenHost() {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 = *Any<uint64_t>();
  h.host_regs = GenRegs();
  return h;
}

// Any state, reachable or not: both interpretations must agree everywhere.
ConcreteState GenState() {
  ConcreteState s = model::ResetState<C>();
  struct Random {
    void Word(const std::string&, const uint64_t&, uint64_t& w) {
      w = *GenWord();
    }
    void Bool(const std::string&, const bool&, bool& b) { b = *Any<bool>(); }
  } random;
  const ConcreteState shape = s;
  model::WalkState(random, model::FieldName(""), shape, s);
  s.control = *GenControl();
  return s;
}

// An operation as the trace format expresses it (the shape FreshOp has).
dbgref_op GenOp() {
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = *Uniform<uint32_t>(0, 3);
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      op.dbg.control = *GenControl();
      op.dbg.arch = GenRegs();
      break;
    case DBGREF_OP_CHECK_EXTENSION:
      op.cap = *Uniform<uint32_t>(0, 3);
      break;
    default: {
      dbgref_action& a = op.action;
      a.kind = *Uniform<uint32_t>(0, 2);
      if (a.kind == DBGREF_ACTION_ACCESS) {
        a.reg_kind = *Uniform<uint32_t>(0, DBGREF_REG_KIND_COUNT);
        a.index = a.reg_kind < DBGREF_REG_MDSCR
                      ? *Uniform<uint32_t>(0, KVM_ARM_MAX_DBG_REGS)
                      : 0;
        a.is_write = *Uniform<uint32_t>(0, 2);
        a.value = a.is_write ? *GenWord() : 0;
      } else {
        const uint32_t ec = *rc::gen::resize(
            100, rc::gen::weightedOneOf<uint32_t>(
                     {{3, rc::gen::element<uint32_t>(
                              DBGREF_EC_SOFTSTP_LOW, DBGREF_EC_BREAKPT_LOW,
                              DBGREF_EC_WATCHPT_LOW, DBGREF_EC_BKPT32,
                              DBGREF_EC_BRK64, DBGREF_EC_WATCHPT_CUR,
                              DBGREF_EC_SYS64)},
                      {1, Uniform<uint32_t>(0, 64)}}));
        a.esr = (ec << DBGREF_ESR_EC_SHIFT) |
                *Uniform<uint32_t>(0, 1u << DBGREF_ESR_EC_SHIFT);
        a.pc = *GenWord();
        a.far = *GenWord();
      }
    }
  }
  return op;
}

// The model's Step over fresh inputs: from a fresh state or from the
// reset state (whose literals the domain folds), with an operation of any
// kind (a symbolic kind) or of one kind (a literal kind).
struct SymbolicStep {
  SymbolicStep(bool from_reset, unsigned kinds)
      : from_reset(from_reset),
        host(FreshHost(ctx, "host.")),
        pre(from_reset ? Reset(ctx) : FreshState(ctx, "pre.")),
        op(FreshOp(ctx, "op.", kinds)),
        t(Build(ctx, host, pre, op)),
        invariant(InvariantOf(ctx, t)),
        requirements(RequirementsOf(ctx, t)) {}

  static SymState Reset(z3::context& ctx) {
    Z3Scope scope(ctx);
    return model::ResetState<Z>();
  }
  static SymTransition Build(z3::context& ctx, const SymHost& host,
                             const SymState& pre, const FreshOperation& op) {
    Z3Scope scope(ctx);
    return model::Step<Z>(host, pre, op.op);
  }
  static z3::expr InvariantOf(z3::context& ctx, const SymTransition& t) {
    Z3Scope scope(ctx);
    return model::Invariant<Z>(t.post);
  }
  static z3::expr RequirementsOf(z3::context& ctx, const SymTransition& t) {
    Z3Scope scope(ctx);
    return model::AllRequirements<Z>(t);
  }

  z3::context ctx;
  bool from_reset;
  SymHost host;
  SymState pre;
  FreshOperation op;
  SymTransition t;
  z3::expr invariant;
  z3::expr requirements;
};

// Built once each: index 0 any kind from a fresh state, 1 + kind one kind
// from a fresh state, 4 any kind from reset.
SymbolicStep& TheSymbolicStep(int which) {
  static SymbolicStep* const steps[] = {
      new SymbolicStep(false, kAnyOp),
      new SymbolicStep(false, kSetGuestDebugOp),
      new SymbolicStep(false, kCheckExtensionOp),
      new SymbolicStep(false, kRunOp), new SymbolicStep(true, kAnyOp)};
  return *steps[which];
}

// The names of the fields where two states differ.
std::vector<std::string> StateDiff(const ConcreteState& a,
                                   const ConcreteState& b) {
  struct Compare {
    std::vector<std::string> diff;
    void Word(const std::string& name, const uint64_t& x, uint64_t& y) {
      if (x != y) diff.push_back(name);
    }
    void Bool(const std::string& name, const bool& x, bool& y) {
      if (x != y) diff.push_back(name);
    }
  } compare;
  ConcreteState copy = b;
  model::WalkState(compare, model::FieldName(""), a, copy);
  return compare.diff;
}

RC_GTEST_PROP(Consistency, SymbolicStepEvaluatesToTheConcreteStep, ()) {
  const dbgref_host host = GenHost();
  const dbgref_op op = GenOp();
  const int which = *rc::gen::resize(
      100, rc::gen::element<int>(0, 1 + static_cast<int>(op.kind), 4));
  SymbolicStep& sym = TheSymbolicStep(which);
  RC_TAG(which);
  const ConcreteState pre = sym.from_reset ? model::Reset(host) : GenState();

  z3::model m(sym.ctx);
  FixHost(m, sym.host, host);
  if (!sym.from_reset) FixState(m, sym.pre, pre);
  FixOp(m, sym.op.inputs, op);

  // The fixed inputs are the generated ones, and well formed.
  RC_ASSERT(EvalBool(m, sym.op.well_formed));
  const dbgref_op sym_op = EvalOpRecord(m, sym.op.op);
  RC_ASSERT(std::memcmp(&sym_op, &op, sizeof(op)) == 0);

  const model::ConcreteStep concrete = model::Step(host, pre, op);
  const ConcreteTransition transition = model::StepTransition(
      model::FromRecord(host), pre, model::FromRecord(op));

  RC_LOG() << "host and operation:\n"
           << trace::FormatTrace(trace::Trace{host, {op}}) << "state before:\n"
           << StateToString(pre);
  const std::vector<std::string> state_diff =
      StateDiff(EvalState(m, sym.t.post), concrete.state);
  RC_LOG() << "post-state fields that differ: "
           << absl::StrJoin(state_diff, ", ") << "\n";
  RC_ASSERT(state_diff.empty());
  const dbgref_obs sym_obs = model::ToRecord(EvalObs(m, sym.t.obs));
  RC_LOG() << "observation fields that differ (symbolic != concrete):\n"
           << model::ObsDiff(sym_obs, concrete.obs);
  RC_ASSERT(model::ObsEqual(sym_obs, concrete.obs));

  RC_ASSERT(EvalBool(m, sym.invariant) == model::Invariant<C>(transition.post));
  RC_ASSERT(EvalBool(m, sym.requirements) ==
            model::AllRequirements<C>(transition));
}

}  // namespace
}  // namespace dbgref::proofs
