// The symbolic and the concrete interpretation of the model agree: the
// formulas the prover builds (proofs/statement.h, CompiledModel::sym_step
// over the fresh inputs of proofs/symbolic.h), evaluated with every input
// fixed to random concrete values (proofs/evaluate.h), give field by field
// the post-state and the observation that the concrete rules compute for
// those values, and the same verdict of the invariant, of every
// requirement predicate and of whether the transition applies. Each of the
// eight kinds of transition is built alone (a literal kind, as the
// obligations of one kind build it) and all together (a symbolic kind, as
// the counterexample search builds it), from a fresh state and from the
// reset state; the pre-states are states generated traces reach, in every
// phase, and states with fields scrambled that no trace reaches.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <z3++.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "model/concrete.h"
#include "model/field_name.h"
#include "model/invariant.h"
#include "model/op.h"
#include "model/record_compare.h"
#include "model/record_convert.h"
#include "model/requirements.h"
#include "model/run_op.h"
#include "model/step.h"
#include "proofs/evaluate.h"
#include "proofs/path.h"
#include "proofs/statement.h"
#include "proofs/symbolic.h"
#include "proofs/z3_domain.h"
#include "props/generators.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

constexpr std::size_t L = kProofLines;

// RapidCheck scales numbers with its size parameter, small first; here
// every value of a range is as likely at every size.
template <class T>
T Uniform(T min, T max) {
  return *rc::gen::resize(100, rc::gen::inRange<T>(min, max));
}

// One transition over fresh inputs, built by the compiled model as the
// prover builds it, with the verdicts the test compares.
struct Symbolic {
  Symbolic(bool from_reset, KindSet kinds)
      : from_reset(from_reset),
        host(FreshHost(ThreadContext(), "host.")),
        program(FreshProgram(ThreadContext(), "program.").program),
        pre(from_reset ? TheCompiledModel().sym_reset()
                       : FreshState(ThreadContext(), "pre.")),
        op(FreshOp(ThreadContext(), "op.", kinds).op),
        t(TheCompiledModel().sym_step(host, program, pre, op, kinds)),
        invariant(TheCompiledModel().sym_invariant(t.post)),
        applies(model::Applicable<Z>(pre, op)) {
    Z3Scope scope(ThreadContext());
    for (int r = 0; r < kRequirementCount; ++r) {
      requirements.push_back(
          model::RequirementHolds<Z, L>(static_cast<Requirement>(r), t));
    }
  }
  bool from_reset;
  SymHost host;
  SymProgram program;
  SymState pre;
  SymOp op;
  SymTransition t;
  z3::expr invariant;
  z3::expr applies;
  std::vector<z3::expr> requirements;
};

// Built once each: which = kind (0..8 by TransitionKind), kAny for every
// kind at once, kReset for every kind at once from the reset state.
constexpr int kAny = 9;
constexpr int kReset = 10;
Symbolic& TheSymbolic(int which) {
  static Symbolic* built[11] = {};
  if (built[which] == nullptr) {
    Z3Scope scope(ThreadContext());
    built[which] = which == kReset ? new Symbolic(true, kAnyKind)
                   : which == kAny ? new Symbolic(false, kAnyKind)
                                   : new Symbolic(false, 1u << which);
  }
  return *built[which];
}

// The names of the fields where two concrete states differ.
std::string StateDiff(const ConcreteState& a, const ConcreteState& b) {
  struct Compare {
    std::vector<std::string> names;
    void Word(const model::FieldName& name, const uint64_t& x,
              const uint64_t& y) {
      if (x != y) names.push_back(name.str());
    }
    void Bool(const model::FieldName& name, const bool& x, const bool& y) {
      if (x != y) names.push_back(name.str());
    }
  } compare;
  model::WalkState(compare, model::FieldName(""), a, b);
  return absl::StrJoin(compare.names, ", ");
}

// Scrambles some fields of a state with values from a pool that makes the
// model's conditions go both ways.
ConcreteState Scrambled(ConcreteState s) {
  struct Random {
    uint64_t Pick() {
      return *rc::gen::element<uint64_t>(
          0, 1, 2, 3, 0x2001, 0x8000, 0x2001c5, 0x1c5, 0x10000, 0x10004, 0x1e7,
          0x1fff, 0x20000, 0x20003, 0xf60, 0x300, ~uint64_t{0});
    }
    void Word(const model::FieldName&, const uint64_t&, uint64_t& w) {
      if (Uniform<int>(0, 5) == 0) w = Pick();
    }
    void Bool(const model::FieldName&, const bool&, bool& b) {
      if (Uniform<int>(0, 5) == 0) b = *rc::gen::arbitrary<bool>();
    }
  } random;
  const ConcreteState shape = s;
  model::WalkState(random, model::FieldName(""), shape, s);
  s.phase = Uniform<uint64_t>(0, 5);  // 4: no phase at all
  return s;
}

// A generated trace, its program cut to the proof's one line, and the
// states its run goes through (before each transition, and the last).
struct Run {
  trace::Trace trace;
  ConcreteProgram program;
  std::vector<ConcreteState> states;
};

Run GenRun() {
  Run r{*props::GenTrace(8), {}, {}};
  const model::Program<C, DBGREF_MAX_PROGRAM_LINES> full =
      model::FromRecord(r.trace.program);
  r.program.line[0] = full.line[0];
  ConcreteState s = model::Reset(r.trace.host);
  const ConcreteHost host = model::FromRecord(r.trace.host);
  for (const dbgref_op& op : r.trace.ops) {
    r.states.push_back(s);
    model::ForEachTransitionOf<L>(
        host, r.program, s, op,
        [&](const ConcreteTransition& t) { r.states.push_back(t.post); });
  }
  r.states.push_back(s);
  return r;
}

// A transition input of kind, its arguments from the trace's operations
// or random.
ConcreteOp GenOp(const trace::Trace& t, uint64_t kind) {
  ConcreteOp op = model::OpOfKind<C>(kind);
  if (!t.ops.empty() && Uniform<int>(0, 3) != 0) {
    op = model::IoctlOpFromRecord(t.ops[Uniform<std::size_t>(0, t.ops.size())]);
    op.kind = kind;
  }
  if (Uniform<int>(0, 3) == 0) {
    op.control = *rc::gen::element<uint64_t>(0, 1, 3, 0x10001, 0x20001, 0x30003,
                                             0x10, 0x21, 0x80000000);
    op.reg = Uniform<uint64_t>(0, DBGREF_ONE_REG_COUNT + 1);
    op.reg_index = Uniform<uint64_t>(0, 17);
    op.cap = Uniform<uint64_t>(0, 3);
    op.value = *rc::gen::element<uint64_t>(0, 0x10000, 0x2001c5, 0x1e7);
  }
  return op;
}

// Evaluates sym at the concrete inputs and compares it with the concrete
// transition of the same kind.
void Agree(Symbolic& sym, const dbgref_host& host_record,
           const ConcreteProgram& program, const ConcreteState& pre,
           const ConcreteOp& op) {
  z3::model m(ThreadContext());
  FixHost(m, sym.host, host_record);
  FixProgram(m, sym.program, program);
  if (!sym.from_reset) FixState(m, sym.pre, pre);
  FixOp(m, sym.op, op);
  const ConcreteHost host = model::FromRecord(host_record);
  const ConcreteTransition c =
      model::TransitionOfKind<C, L>(op.kind, host, program, pre, op);

  // The symbolic inputs took the concrete values.
  RC_ASSERT(StateDiff(EvalState(m, sym.pre), pre) == "");
  RC_ASSERT(EvalOp(m, sym.op).kind == op.kind);

  RC_LOG() << "kind " << op.kind << ", phase " << pre.phase << "\nstate:\n"
           << StateToString(pre);
  const std::string post = StateDiff(EvalState(m, sym.t.post), c.post);
  RC_LOG() << "post-state fields that differ: " << post << "\n";
  RC_ASSERT(post == "");
  const dbgref_obs sym_obs = model::ToRecord(EvalObs(m, sym.t.obs));
  const dbgref_obs obs = model::ToRecord(c.obs);
  RC_LOG() << "observation (symbolic != concrete):\n"
           << model::ObsDiff(sym_obs, obs);
  RC_ASSERT(model::ObsEqual(sym_obs, obs));
  RC_ASSERT(EvalBool(m, sym.applies) == model::Applicable<C>(pre, op));
  RC_ASSERT(EvalBool(m, sym.invariant) == model::Invariant<C>(c.post));
  for (int r = 0; r < kRequirementCount; ++r) {
    RC_LOG() << model::kRequirements[r].id << "\n";
    const bool holds =
        model::RequirementHolds<C, L>(static_cast<Requirement>(r), c);
    RC_ASSERT(EvalBool(m, sym.requirements[r]) == holds);
  }
}

// A state of the run, each phase the run reaches as likely as the others.
ConcreteState PickState(const Run& run) {
  std::vector<std::vector<std::size_t>> by_phase(4);
  for (std::size_t i = 0; i < run.states.size(); ++i) {
    by_phase[run.states[i].phase].push_back(i);
  }
  std::vector<std::size_t> phases;
  for (std::size_t p = 0; p < 4; ++p) {
    if (!by_phase[p].empty()) phases.push_back(p);
  }
  const std::vector<std::size_t>& in =
      by_phase[phases[Uniform<std::size_t>(0, phases.size())]];
  return run.states[in[Uniform<std::size_t>(0, in.size())]];
}

RC_GTEST_PROP(Consistency, EachKindAloneAgreesOnReachedAndScrambledStates, ()) {
  const Run run = GenRun();
  ConcreteState pre = PickState(run);
  const bool scrambled = Uniform<int>(0, 4) == 0;
  if (scrambled) pre = Scrambled(pre);
  RC_TAG(scrambled ? "scrambled" : "reached", pre.phase);
  for (const uint64_t kind : model::kTransitionKinds) {
    Agree(TheSymbolic(static_cast<int>(kind)), run.trace.host, run.program, pre,
          GenOp(run.trace, kind));
  }
}

RC_GTEST_PROP(Consistency, EveryKindAtOnceAgreesWithTheKindOfTheInput, ()) {
  const Run run = GenRun();
  ConcreteState pre = PickState(run);
  if (Uniform<int>(0, 4) == 0) pre = Scrambled(pre);
  const uint64_t kind = model::kTransitionKinds[Uniform<int>(0, 8)];
  RC_TAG(kind);
  Agree(TheSymbolic(kAny), run.trace.host, run.program, pre,
        GenOp(run.trace, kind));
}

RC_GTEST_PROP(Consistency, FromResetAgrees, ()) {
  const Run run = GenRun();
  const uint64_t kind = model::kTransitionKinds[Uniform<int>(0, 8)];
  Agree(TheSymbolic(kReset), run.trace.host, run.program,
        model::Reset(run.trace.host), GenOp(run.trace, kind));
}

// The counterexample search's own paths (proofs/path.h): from reset, two
// transitions of any kind; the path evaluated at concrete inputs is the
// concrete run of the same inputs.
RC_GTEST_PROP(Consistency, ASearchPathFromResetAgreesStepByStep, ()) {
  static SymbolicPath* const path = [] {
    z3::context& ctx = ThreadContext();
    Z3Scope scope(ctx);
    auto* p = new SymbolicPath(StartPath(FreshHost(ctx, "host."),
                                         FreshProgram(ctx, "program."),
                                         TheCompiledModel().sym_reset()));
    Extend(TheCompiledModel(), ctx, "step1.", kAnyKind, *p);
    Extend(TheCompiledModel(), ctx, "step2.", kAnyKind, *p);
    return p;
  }();
  const Run run = GenRun();
  const ConcreteHost host = model::FromRecord(run.trace.host);
  z3::model m(ThreadContext());
  FixHost(m, path->path.host, run.trace.host);
  FixProgram(m, path->path.program, run.program);
  ConcreteState s = model::Reset(run.trace.host);
  for (std::size_t i = 0; i < 2; ++i) {
    // A kind that applies more often than not: ENTER from reset, then
    // GUEST.
    const uint64_t kind = *rc::gen::weightedElement<uint64_t>(
        {{2, i == 0 ? uint64_t{model::kEnter} : uint64_t{model::kGuest}},
         {1, model::kTransitionKinds[Uniform<int>(0, 8)]}});
    const ConcreteOp op = GenOp(run.trace, kind);
    FixOp(m, path->ops[i], op);
    const ConcreteTransition c =
        model::TransitionOfKind<C, L>(kind, host, run.program, s, op);
    const std::string post =
        StateDiff(EvalState(m, path->path.steps[i].post), c.post);
    RC_LOG() << "step " << i + 1 << " kind " << kind
             << ": post-state fields that differ: " << post << "\n";
    RC_ASSERT(post == "");
    RC_ASSERT(
        model::ObsEqual(model::ToRecord(EvalObs(m, path->path.steps[i].obs)),
                        model::ToRecord(c.obs)));
    s = c.post;
  }
}

TEST(Consistency, TheResetStatesAgree) {
  for (const unsigned brps : {0u, 5u, 15u}) {
    dbgref_host h{};
    h.id_aa64dfr0_el1 = uint64_t{brps} << 12;
    Z3Scope scope(ThreadContext());
    z3::model m(ThreadContext());
    EXPECT_EQ(StateDiff(EvalState(m, TheCompiledModel().sym_reset()),
                        TheCompiledModel().concrete_reset(h)),
              "");
    EXPECT_TRUE(TheCompiledModel().concrete_invariant(
        TheCompiledModel().concrete_reset(h)));
  }
}

}  // namespace
}  // namespace dbgref::proofs
