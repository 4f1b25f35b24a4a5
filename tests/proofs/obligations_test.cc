// The obligation registry is whole and well named, and the prover's failure
// path works on the reference model: a deliberately false statement is
// refuted with the shortest plain counterexample from reset, replayed
// concretely; a statement whose trigger cannot happen is vacuous; one that
// only unreachable states break is reported with the state.
#include "proofs/obligations.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/record.h"
#include "model/requirement_list.h"
#include "model/step.h"
#include "proofs/prover.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::proofs {
namespace {

// Whether text contains part, for EXPECT_TRUE with the text in the message.
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

TEST(Obligations, EveryOneIsATestTargetInTheSameOrder) {
  std::vector<std::string> names;
  for (const Obligation& o : AllObligations()) names.push_back(o.name);
  EXPECT_EQ(names, BuildFileNames());
}

TEST(Obligations, NamesAreUniqueSnakeCase) {
  std::set<std::string> seen;
  for (const Obligation& o : AllObligations()) {
    EXPECT_TRUE(seen.insert(o.name).second) << o.name;
    EXPECT_EQ(o.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
              std::string::npos)
        << o.name;
  }
}

TEST(Obligations, EveryRequirementAndTheInvariantHaveOne) {
  std::set<std::string> covered;
  for (const Obligation& o : AllObligations()) {
    covered.insert(o.requirement);
    EXPECT_FALSE(o.method.empty()) << o.name;
    EXPECT_FALSE(o.summary.empty()) << o.name;
  }
  for (const model::RequirementId& r : model::kRequirements) {
    EXPECT_TRUE(covered.count(std::string(r.id))) << r.id;
  }
  EXPECT_TRUE(covered.count("INVARIANT"));
}

TEST(Obligations, InvariantHasABaseCaseAndAStepForEachOperation) {
  std::set<std::string> names;
  for (const Obligation& o : AllObligations()) names.insert(o.name);
  for (const char* name :
       {"invariant_base", "invariant_step_set_guest_debug",
        "invariant_step_check_extension", "invariant_step_run"}) {
    EXPECT_TRUE(names.count(name)) << name;
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

TEST(Obligations, ReplayNeedsAsManyOperationsAsThePath) {
  EXPECT_EQ(ReplayViolates("req_shadow", trace::Trace{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(Obligations, TheReferenceModelViolatesNothingOnATrace) {
  trace::Trace t;
  t.ops = {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW),
           trace::GuestWriteOp(DBGREF_REG_BVR, 3, 0x1234),
           trace::GuestReadOp(DBGREF_REG_BVR, 3)};
  EXPECT_EQ(ReplayViolates("req_shadow", t).value_or(true), false);
  EXPECT_EQ(ReplayViolates("req_shadow_read_after_write", t).value_or(true),
            false);
}

// "The guest never reads 0x1234 from DBGBVR3_EL1": false, since it may
// write it first.
struct NeverReads1234 : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return model::IsRead<D>(Last(p).op.action);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    const model::Transition<D>& t = Last(p);
    const model::Action<D>& a = t.op.action;
    const model::BoolOf<D> that_read = And3<D>(
        D::and_(IsRun<D>(t.op), model::IsRead<D>(a)),
        D::eq(a.reg_kind, D::lit(DBGREF_REG_BVR)), D::eq(a.index, D::lit(3)));
    return model::Implies<D>(that_read,
                             model::Ne<D>(t.obs.read_value, D::lit(0x1234)));
  }
};

TEST(Prover, RefutesAFalseStatementWithThePlainestTraceFromReset) {
  const ProofResult r = ProveStatement(
      TheCompiledModel(),
      Define<NeverReads1234>("never_reads_1234", "TEST",
                             "the guest never reads 0x1234 from DBGBVR3_EL1",
                             MethodKind::kFromInvariant, {kAnyOp}));
  ASSERT_EQ(r.status, ProofResult::Status::kFailed) << FormatResult(r);
  EXPECT_TRUE(r.from_reset);
  EXPECT_TRUE(r.replayed);
  ASSERT_TRUE(r.counterexample.has_value());
  EXPECT_EQ(trace::FormatTrace(*r.counterexample),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0x0\n"
            "run write DBGBVR3_EL1 0x1234\n"
            "run read DBGBVR3_EL1\n");
  EXPECT_TRUE(Contains(r.violation, "  2. run read DBGBVR3_EL1\n"))
      << r.violation;
  EXPECT_TRUE(Contains(r.violation, "reads 0x1234")) << r.violation;
  EXPECT_TRUE(Contains(r.violation, "violated at step 2: TEST")) << r.violation;
}

// A trigger that cannot happen: one operation both KVM_RUN and an ioctl.
struct ImpossibleTrigger : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsSet<D>(Last(p).op), IsRun<D>(Last(p).op));
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
                                MethodKind::kFromInvariant, {kAnyOp}));
  EXPECT_EQ(r.status, ProofResult::Status::kVacuous) << FormatResult(r);
}

// "HPMN (MDCR_EL2 bit 0) is never set after KVM_CHECK_EXTENSION": the model
// never sets it, but the invariant does not say so, so only states that
// cannot be reached break it.
struct HpmnClearAfterCheckExtension : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>&) {
    return D::lit_bool(true);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return D::not_(model::AnyBits<D>(Last(p).post.mdcr_el2, 1));
  }
};

TEST(Prover, ShowsTheStateWhenOnlyUnreachableStatesBreakAStatement) {
  const ProofResult r = ProveStatement(
      TheCompiledModel(), Define<HpmnClearAfterCheckExtension>(
                              "hpmn_clear", "TEST", "HPMN stays clear",
                              MethodKind::kFromInvariant, {kCheckExtensionOp}));
  ASSERT_EQ(r.status, ProofResult::Status::kFailed) << FormatResult(r);
  EXPECT_FALSE(r.from_reset);
  EXPECT_TRUE(r.replayed);
  EXPECT_TRUE(Contains(r.detail, "mdcr_el2 = ")) << r.detail;
}

}  // namespace
}  // namespace dbgref::proofs
