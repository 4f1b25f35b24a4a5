// The obligation list (proofs/obligations.h) is whole and well named, and
// the prover's failure path works on the reference model:
//  - every requirement of model/requirement_list.h has at least one
//    obligation, and the invariant has its base case and a step for every
//    kind of transition;
//  - the names are unique, snake_case, and exactly the test targets of
//    proofs/proofs.bzl (OBLIGATIONS, passed as this test's arguments), in
//    the same order;
//  - a deliberately false statement is refuted with a counterexample from
//    reset, a v2 trace (host, program, operations) that reads back as it
//    prints and that the concrete model, run on it, violates as the
//    statement says; a statement whose trigger cannot happen is vacuous.
#include "proofs/obligations.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/concrete.h"
#include "model/record.h"
#include "model/requirement_list.h"
#include "model/step.h"
#include "proofs/counterexample.h"
#include "proofs/prover.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"
#include "tests/util/facts.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::proofs {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The obligation names of proofs/proofs.bzl, passed by the BUILD file.
std::vector<std::string> BuildFileNames() {
  std::vector<std::string> names;
  for (std::size_t i = 1; i < ::testing::internal::GetArgvs().size(); ++i) {
    names.push_back(::testing::internal::GetArgvs()[i]);
  }
  return names;
}

std::set<std::string> Names() {
  std::set<std::string> names;
  for (const Obligation& o : AllObligations()) names.insert(o.name);
  return names;
}

TEST(Obligations, EveryOneIsATestTargetOfProofsBzlInTheSameOrder) {
  std::vector<std::string> names;
  for (const Obligation& o : AllObligations()) names.push_back(o.name);
  const std::vector<std::string> targets = BuildFileNames();
  ASSERT_FALSE(targets.empty()) << "the BUILD file passes OBLIGATIONS";
  const std::set<std::string> listed(names.begin(), names.end());
  const std::set<std::string> built(targets.begin(), targets.end());
  for (const std::string& n : names) {
    EXPECT_TRUE(built.count(n)) << n << " has no target in proofs/proofs.bzl";
  }
  for (const std::string& n : targets) {
    EXPECT_TRUE(listed.count(n))
        << "proofs/proofs.bzl names " << n << ", which is no obligation";
  }
  EXPECT_EQ(names, targets);
}

TEST(Obligations, NamesAreUniqueSnakeCase) {
  std::set<std::string> seen;
  for (const Obligation& o : AllObligations()) {
    EXPECT_TRUE(seen.insert(o.name).second) << o.name << " twice";
    EXPECT_EQ(o.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
              std::string::npos)
        << o.name;
    EXPECT_FALSE(o.method.empty()) << o.name;
    EXPECT_FALSE(o.summary.empty()) << o.name;
  }
}

TEST(Obligations, EveryRequirementOfTheListHasOne) {
  std::set<std::string> covered;
  for (const Obligation& o : AllObligations()) covered.insert(o.requirement);
  for (const model::RequirementId& r : model::kRequirements) {
    EXPECT_TRUE(covered.count(std::string(r.id))) << r.id << " is not proved";
  }
  // And nothing else but the invariant.
  std::set<std::string> known = {"INVARIANT"};
  for (const model::RequirementId& r : model::kRequirements) {
    known.insert(std::string(r.id));
  }
  for (const Obligation& o : AllObligations()) {
    EXPECT_TRUE(known.count(o.requirement))
        << o.name << " proves " << o.requirement
        << ", which is no requirement of model/requirement_list.h";
  }
}

TEST(Obligations, TheInvariantHasABaseCaseAndAStepForEveryKindOfTransition) {
  const std::set<std::string> names = Names();
  EXPECT_TRUE(names.count("invariant_base"));
  for (const char* kind :
       {"set_guest_debug", "check_extension", "get_one_reg", "set_one_reg",
        "vcpu_init", "enter", "guest", "exit"}) {
    const std::string step = std::string("invariant_step_") + kind;
    bool found = false;
    for (const std::string& n : names) {
      // One obligation, or one per clause ("invariant_step_guest_...").
      found |= n == step || n.rfind(step + "_", 0) == 0;
    }
    EXPECT_TRUE(found) << "no obligation proves that " << kind
                       << " preserves the invariant";
  }
}

TEST(Obligations, TheReferenceModelHasNoRuleBroken) {
  EXPECT_EQ(CompiledMutant(), "");
}

TEST(Obligations, UnknownNamesAreNotFound) {
  EXPECT_EQ(Prove("req_nothing").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReplayViolates("req_nothing", trace::Trace{}).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(Obligations, TheReferenceModelViolatesNoneOnARealisticTrace) {
  // Single-step, a userspace breakpoint and watchpoint, the guest's own
  // registers, a trapped access: every obligation's statement holds on
  // every window of its run.
  trace::Trace t;
  trace::AddLine(t.program, trace::Msr(DBGREF_REG_BVR, 0, facts::Line(3)));
  trace::AddLine(t.program, trace::Store(8, facts::kDataBase));
  trace::AddLine(t.program, trace::Mrs(DBGREF_REG_MDSCR));
  trace::AddLine(t.program, trace::Brk(1));
  kvm_guest_debug_arch regs{};
  regs.dbg_wcr[0] = facts::kWcrAll;
  regs.dbg_wvr[0] = facts::kDataBase;
  t.ops = {trace::SetGuestDebugOp(facts::kEnable | facts::kSingleStep),
           trace::RunOp(),
           trace::SetGuestDebugOp(facts::kEnable | facts::kUseHw, regs),
           trace::RunOp(),
           trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, facts::Line(2)),
           trace::RunOp(),
           trace::RunOp()};
  for (const Obligation& o : AllObligations()) {
    EXPECT_EQ(ReplayViolates(o.name, t).value_or(true), false) << o.name;
  }
}

// "A BRK never takes the guest to EL2": false, since with guest debug on
// it is a debug exit (REQ-BRK).
struct BrkNeverReachesEl2 : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return NextIs<D>(Last(p), DBGREF_INSN_BRK);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return model::Implies<D>(
        D::and_(model::IsOp<D>(t.op, model::kGuest),
                NextIs<D>(t, DBGREF_INSN_BRK)),
        model::Ne<D>(t.obs.event, D::lit(DBGREF_EVENT_TO_EL2)));
  }
};

// Checked from reset along an ioctl, an ENTER and a GUEST step (bounded
// model checking), which keeps the search short.
const Definition& FalseStatement() {
  static const Definition* const d = new Definition(Define<BrkNeverReachesEl2>(
      "brk_never_reaches_el2", "TEST", "a BRK never takes the guest to EL2",
      MethodKind::kBoundedFromReset,
      {kIoctlKinds, KindsOf(model::kEnter), KindsOf(model::kGuest)}));
  return *d;
}

// Proved once for the tests that read the result.
const ProofResult& Refuted() {
  static const ProofResult* const r =
      new ProofResult(ProveStatement(TheCompiledModel(), FalseStatement()));
  return *r;
}

// Every field of a record, as text, for a failure message.
std::string Fields(const dbgref_insn& i) {
  return "kind " + std::to_string(i.kind) + " size " + std::to_string(i.size) +
         " addr " + std::to_string(i.addr) + " reg " + std::to_string(i.reg) +
         " reg_index " + std::to_string(i.reg_index) + " value " +
         std::to_string(i.value) + " imm " + std::to_string(i.imm);
}

TEST(Prover, RefutesAFalseStatementWithAV2TraceFromReset) {
  const ProofResult& r = Refuted();
  ASSERT_EQ(r.status, ProofResult::Status::kFailed) << FormatResult(r);
  EXPECT_TRUE(r.from_reset);
  EXPECT_TRUE(r.replayed);
  ASSERT_TRUE(r.counterexample.has_value());
  const trace::Trace& t = *r.counterexample;
  const std::string text = trace::FormatTrace(t);
  EXPECT_EQ(text.rfind("dbgref-trace v2\n", 0), 0u) << text;
  // Its program has the BRK; its operations turn guest debug on and run.
  bool brk = false;
  for (uint32_t i = 0; i < t.program.count; ++i) {
    brk |= t.program.line[i].insn.kind == DBGREF_INSN_BRK;
  }
  EXPECT_TRUE(brk) << text;
  ASSERT_FALSE(t.ops.empty());
  EXPECT_EQ(t.ops.front().kind, uint32_t{DBGREF_OP_SET_GUEST_DEBUG}) << text;
  EXPECT_EQ(t.ops.back().kind, uint32_t{DBGREF_OP_RUN}) << text;
  EXPECT_TRUE(Contains(r.violation, "violated at step")) << r.violation;
  EXPECT_TRUE(Contains(r.violation, "brk_never_reaches_el2")) << r.violation;
}

TEST(Prover, TheCounterexampleIsAValidTraceThatReadsBackAsItPrints) {
  // docs/trace-format.md: for every trace that keeps to the rules of
  // trace/valid.h, ParseTrace(FormatTrace(t)) == t; a counterexample must
  // keep to them, or what the reviewer reads is not what was replayed.
  const ProofResult& r = Refuted();
  ASSERT_TRUE(r.counterexample.has_value()) << FormatResult(r);
  const trace::Trace& t = *r.counterexample;
  std::string lines;
  for (uint32_t i = 0; i < t.program.count; ++i) {
    lines += Fields(t.program.line[i].insn) + "\n";
  }
  EXPECT_TRUE(trace::ValidateTrace(t).ok())
      << trace::ValidateTrace(t) << "\nprogram lines:\n"
      << lines;
  const absl::StatusOr<trace::Trace> parsed =
      trace::ParseTrace(trace::FormatTrace(t));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(*parsed == t) << trace::FormatTrace(t);
}

TEST(Prover, TheCounterexampleAsPrintedFailsConcretely) {
  const ProofResult& r = Refuted();
  ASSERT_TRUE(r.counterexample.has_value()) << FormatResult(r);
  // The trace a reviewer is given is the text: it is what must fail.
  const absl::StatusOr<trace::Trace> parsed =
      trace::ParseTrace(trace::FormatTrace(*r.counterexample));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const trace::Trace& t = *parsed;
  // On the concrete model's façade, from reset, the run ends in a debug
  // exit of class BRK64 at the BRK: what the statement says never happens.
  model::ConcreteVcpu s = model::Reset(t.host);
  std::vector<dbgref_obs> last;
  for (const dbgref_op& op : t.ops) {
    const model::ConcreteStep step = model::Step(t.host, t.program, s, op);
    s = step.state;
    last = step.obs;
  }
  ASSERT_FALSE(last.empty());
  EXPECT_EQ(last.back().exit_reason, facts::kExitDebug);
  EXPECT_EQ(last.back().hsr >> 26, facts::kEcBrk64);
  // And the statement's own concrete side judges that run violated.
  const ConcreteRun run =
      RunConcrete(TheCompiledModel(), t.host, t.program,
                  TheCompiledModel().concrete_reset(t.host), t.ops);
  EXPECT_TRUE(Violates(FalseStatement(), run));
}

// A trigger that cannot happen: one transition both ENTER and EXIT.
struct ImpossibleTrigger : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::IsOp<D>(Last(p).op, model::kEnter),
                   model::IsOp<D>(Last(p).op, model::kExit));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>&) {
    return D::lit_bool(true);
  }
};

TEST(Prover, ReportsAStatementThatCannotTriggerAsVacuous) {
  const ProofResult r = ProveStatement(
      TheCompiledModel(),
      Define<ImpossibleTrigger>("impossible", "TEST", "nothing",
                                MethodKind::kFromInvariant, {kAnyKind}));
  EXPECT_EQ(r.status, ProofResult::Status::kVacuous) << FormatResult(r);
}

}  // namespace
}  // namespace dbgref::proofs
