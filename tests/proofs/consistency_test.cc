// The symbolic and the concrete interpretation of the model agree: the
// formula that Step<Z3Domain> builds over fresh inputs, evaluated with every
// input fixed to a random value, gives field by field the post-state and the
// observation that the concrete façade computes for those values, and the
// same verdict of the invariant and of every requirement predicate.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <z3++.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "model/arch.h"
#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "model/requirements.h"
#include "model/step.h"
#include "model/uapi.h"
#include "proofs/evaluate.h"
#include "proofs/fields.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "tools/trace.h"

namespace dbgref::proofs {
namespace {

// Words from a small pool (so that values collide and conditions on them
// go both ways) or anything.
rc::Gen<uint64_t> GenWord() {
  return rc::gen::weightedOneOf<uint64_t>(
      {{3, rc::gen::element<uint64_t>(0, 1, 2, 0x8000, 0x2000, 0xa001,
                                      0x4057000000, ~uint64_t{0})},
       {1, rc::gen::arbitrary<uint64_t>()}});
}

rc::Gen<uint32_t> GenControl() {
  return rc::gen::weightedOneOf<uint32_t>(
      {{4, rc::gen::map(rc::gen::inRange<uint32_t>(0, 16),
                        [](uint32_t bits) {
                          uint32_t c = 0;
                          if (bits & 1) c |= KVM_GUESTDBG_ENABLE;
                          if (bits & 2) c |= KVM_GUESTDBG_SINGLESTEP;
                          if (bits & 4) c |= KVM_GUESTDBG_USE_SW_BP;
                          if (bits & 8) c |= KVM_GUESTDBG_USE_HW;
                          return c;
                        })},
       {1, rc::gen::arbitrary<uint32_t>()}});
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
  h.id_aa64dfr0_el1 = *rc::gen::arbitrary<uint64_t>();
  h.host_regs = GenRegs();
  return h;
}

// Any state, reachable or not: both interpretations must agree everywhere.
ConcreteState GenState() {
  ConcreteState s = FilledState<C>(0, false);
  struct Random {
    void Word(const std::string&, const uint64_t&, uint64_t& w) {
      w = *GenWord();
    }
    void Bool(const std::string&, const bool&, bool& b) {
      b = *rc::gen::arbitrary<bool>();
    }
  } random;
  const ConcreteState shape = s;
  ZipState<C, C>("", shape, s, random);
  s.control = *GenControl();
  return s;
}

// An operation as the trace format expresses it (the shape FreshOp has).
dbgref_op GenOp() {
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = *rc::gen::inRange<uint32_t>(0, 3);
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      op.dbg.control = *GenControl();
      op.dbg.arch = GenRegs();
      break;
    case DBGREF_OP_CHECK_EXTENSION:
      op.cap = *rc::gen::inRange<uint32_t>(0, 3);
      break;
    default: {
      dbgref_action& a = op.action;
      a.kind = *rc::gen::inRange<uint32_t>(0, 2);
      if (a.kind == DBGREF_ACTION_ACCESS) {
        a.reg_kind = *rc::gen::inRange<uint32_t>(0, DBGREF_REG_KIND_COUNT);
        a.index = a.reg_kind < DBGREF_REG_MDSCR
                      ? *rc::gen::inRange<uint32_t>(0, KVM_ARM_MAX_DBG_REGS)
                      : 0;
        a.is_write = *rc::gen::inRange<uint32_t>(0, 2);
        a.value = a.is_write ? *GenWord() : 0;
      } else {
        const uint32_t ec = *rc::gen::weightedOneOf<uint32_t>(
            {{3, rc::gen::element<uint32_t>(
                     DBGREF_EC_SOFTSTP_LOW, DBGREF_EC_BREAKPT_LOW,
                     DBGREF_EC_WATCHPT_LOW, DBGREF_EC_BKPT32, DBGREF_EC_BRK64,
                     DBGREF_EC_WATCHPT_CUR, DBGREF_EC_SYS64)},
             {1, rc::gen::inRange<uint32_t>(0, 64)}});
        a.esr = (ec << DBGREF_ESR_EC_SHIFT) |
                *rc::gen::inRange<uint32_t>(0, 1u << DBGREF_ESR_EC_SHIFT);
        a.pc = *GenWord();
        a.far = *GenWord();
      }
    }
  }
  return op;
}

// The model's Step over fresh inputs, built once.
struct SymbolicStep {
  z3::context ctx;
  SymHost host = FreshHost(ctx, "host.");
  SymState pre = FreshState(ctx, "pre.");
  FreshOperation op = FreshOp(ctx, "op.", kAnyOp);
  SymTransition t = [this] {
    Z3Scope scope(ctx);
    return model::Step<Z>(host, pre, op.op);
  }();
  z3::expr invariant = [this] {
    Z3Scope scope(ctx);
    return model::Invariant<Z>(t.post);
  }();
  z3::expr requirements = [this] {
    Z3Scope scope(ctx);
    return model::AllRequirements<Z>(t);
  }();
};

SymbolicStep& TheSymbolicStep() {
  static SymbolicStep* const step = new SymbolicStep;
  return *step;
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
  ZipState<C, C>("", a, copy, compare);
  return compare.diff;
}

RC_GTEST_PROP(Consistency, SymbolicStepEvaluatesToTheConcreteStep, ()) {
  const dbgref_host host = GenHost();
  const ConcreteState pre = GenState();
  const dbgref_op op = GenOp();

  SymbolicStep& sym = TheSymbolicStep();
  z3::model m(sym.ctx);
  FixHost(m, sym.host, host);
  FixState(m, sym.pre, pre);
  FixOp(m, sym.op.inputs, op);

  // The fixed inputs are the generated ones, and well formed.
  RC_ASSERT(EvalBool(m, sym.op.well_formed));
  const dbgref_op sym_op = EvalOpRecord(m, sym.op.op);
  RC_ASSERT(std::memcmp(&sym_op, &op, sizeof(op)) == 0);

  const model::ConcreteStep concrete = model::Step(host, pre, op);
  const ConcreteTransition transition = model::StepTransition(
      model::FromRecord(host), pre, model::FromRecord(op));

  RC_LOG() << "host and operation:\n"
           << FormatTrace(Trace{host, {op}}) << "state before:\n"
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
