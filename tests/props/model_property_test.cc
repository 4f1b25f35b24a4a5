// The model's properties on generated traces, one property per
// requirement and per clause of the invariant, so that a failure names
// it:
//  - every requirement's predicate holds on every transition;
//  - every clause of the invariant (model/invariant.h) holds after every
//    transition;
//  - the pure model::Step and model::StepInPlace agree, and so does the
//    generic one-transition model::Step the proofs use, transition by
//    transition.
// Each check is also shown to fail: on the transitions of the broken copies
// of the model (tests/props/broken_revisions.h).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record_compare.h"
#include "model/requirements.h"
#include "model/step.h"
#include "props/describe.h"
#include "props/events.h"
#include "props/generators.h"
#include "props/requirement_predicates.h"
#include "props/requirement_set.h"
#include "tests/props/broken_revisions.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

using C = model::ConcreteDomain;
constexpr std::size_t kClauses =
    sizeof(model::kInvariantClauseNames) / sizeof(model::kInvariantClauseNames[0]);

// The transitions of one operation on a state: the model's, or a broken
// copy's.
using Stepper = std::function<void(
    const model::ConcreteHost&, const model::ConcreteProgram&,
    model::ConcreteVcpu&, const dbgref_op&,
    const std::function<void(const model::ConcreteTransition&)>&)>;

Stepper ModelStepper() {
  return [](const model::ConcreteHost& h, const model::ConcreteProgram& p,
            model::ConcreteVcpu& s, const dbgref_op& op,
            const std::function<void(const model::ConcreteTransition&)>& v) {
    model::ForEachTransition(h, p, s, op, v);
  };
}

Stepper BrokenStepper(Fault fault) {
  return [fault](const model::ConcreteHost& h, const model::ConcreteProgram& p,
                 model::ConcreteVcpu& s, const dbgref_op& op,
                 const std::function<void(const model::ConcreteTransition&)>& v) {
    ForEachBrokenTransition(fault, h, p, s, op, v);
  };
}

// The first transition of the trace on which check fails, described.
std::optional<std::string> FirstFailure(
    const trace::Trace& t, const Stepper& step,
    const std::function<bool(const model::ConcreteTransition&)>& check) {
  const model::ConcreteHost host = model::FromRecord(t.host);
  const model::ConcreteProgram program = model::FromRecord(t.program);
  model::ConcreteVcpu state = model::Reset(t.host);
  std::optional<std::string> failure;
  for (std::size_t i = 0; i < t.ops.size() && !failure; ++i) {
    std::size_t k = 0;
    step(host, program, state, t.ops[i],
         [&](const model::ConcreteTransition& tr) {
           if (!failure && !check(tr)) {
             failure = absl::StrCat("operation ", i, " (",
                                    DescribeOp(t.ops[i]), "), step ", k, ":\n",
                                    model::ObsToString(model::ToRecord(tr.obs)));
           }
           ++k;
         });
  }
  return failure;
}

std::function<bool(const model::ConcreteTransition&)> Predicate(Requirement r) {
  return [r](const model::ConcreteTransition& t) { return PredicateHolds(r, t); };
}

std::function<bool(const model::ConcreteTransition&)> Clause(std::size_t c) {
  return [c](const model::ConcreteTransition& t) {
    const model::InvariantClauses<C> clauses = model::InvariantOf<C>(t.post);
    const bool* clause = &clauses.control_well_formed;
    return clause[c];
  };
}

// The generic one-transition Step (model/step.h) gives the same post-state
// and observation as the transition the stepper took.
bool GenericStepAgrees(const model::ConcreteTransition& t) {
  const model::ConcreteTransition g =
      model::Step<C, DBGREF_MAX_PROGRAM_LINES>(t.host, t.program, t.pre, t.op);
  return model::StateEq<C>(g.post, t.post) &&
         model::ObsEqual(model::ToRecord(g.obs), model::ToRecord(t.obs));
}

// The pure model::Step and model::StepInPlace agree on every operation of
// the trace, and the pure one leaves its input as it was.
std::optional<std::string> PureAndInPlaceDisagree(
    const trace::Trace& t,
    const std::function<std::size_t(const model::ConcreteHost&,
                                    const model::ConcreteProgram&,
                                    model::ConcreteVcpu&, const dbgref_op&,
                                    dbgref_obs*)>& in_place) {
  const model::ConcreteHost host = model::FromRecord(t.host);
  const model::ConcreteProgram program = model::FromRecord(t.program);
  model::ConcreteVcpu state = model::Reset(t.host);
  std::vector<dbgref_obs> out(model::kMaxObsPerOp);
  for (std::size_t i = 0; i < t.ops.size(); ++i) {
    const model::ConcreteVcpu before = state;
    const model::ConcreteStep pure =
        model::Step(t.host, t.program, state, t.ops[i]);
    if (!model::StateEq<C>(state, before)) {
      return absl::StrCat("operation ", i, ": model::Step changed its input");
    }
    const std::size_t n = in_place(host, program, state, t.ops[i], out.data());
    if (n != pure.obs.size()) {
      return absl::StrCat("operation ", i, ": ", pure.obs.size(),
                          " steps from model::Step, ", n, " in place");
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (!model::ObsEqual(pure.obs[k], out[k])) {
        return absl::StrCat("operation ", i, " step ", k, ":\n",
                            model::ObsDiff(pure.obs[k], out[k]));
      }
    }
    if (!model::StateEq<C>(pure.state, state)) {
      return absl::StrCat("operation ", i, ": the states differ");
    }
  }
  return std::nullopt;
}

std::size_t ModelInPlace(const model::ConcreteHost& h,
                         const model::ConcreteProgram& p,
                         model::ConcreteVcpu& s, const dbgref_op& op,
                         dbgref_obs* out) {
  return model::StepInPlace(h, p, s, op, out);
}

void Classify(const trace::Trace& t) {
  for (const std::string& tag : EventsOf(t).Tags()) RC_TAG(tag);
}

class RequirementProperty : public testing::TestWithParam<int> {};

TEST_P(RequirementProperty, HoldsOnEveryTransition) {
  const Requirement r = static_cast<Requirement>(GetParam());
  const std::string id(RequirementIdOf(r));
  EXPECT_TRUE(rc::check(id + " holds on every transition of the model", [r] {
    const trace::Trace t = *GenTrace();
    Classify(t);
    const std::optional<std::string> failure =
        FirstFailure(t, ModelStepper(), Predicate(r));
    RC_ASSERT(failure == std::nullopt);
  }));
}

std::string RequirementName(const testing::TestParamInfo<int>& info) {
  std::string name(RequirementIdOf(static_cast<Requirement>(info.param)));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Requirements, RequirementProperty,
                         testing::Range(0, int{kRequirementCount}),
                         RequirementName);

class InvariantProperty : public testing::TestWithParam<int> {};

TEST_P(InvariantProperty, HoldsAfterEveryTransition) {
  const std::size_t c = static_cast<std::size_t>(GetParam());
  EXPECT_TRUE(rc::check(
      std::string("invariant clause ") + model::kInvariantClauseNames[c], [c] {
        const trace::Trace t = *GenTrace();
        RC_ASSERT(FirstFailure(t, ModelStepper(), Clause(c)) == std::nullopt);
      }));
}

INSTANTIATE_TEST_SUITE_P(
    Clauses, InvariantProperty, testing::Range(0, int{kClauses}),
    [](const testing::TestParamInfo<int>& info) {
      return std::string(model::kInvariantClauseNames[info.param]);
    });

TEST(StepProperty, PureStepAndStepInPlaceAgree) {
  EXPECT_TRUE(rc::check("model::Step and model::StepInPlace agree", [] {
    const trace::Trace t = *GenTrace();
    RC_ASSERT(PureAndInPlaceDisagree(t, ModelInPlace) == std::nullopt);
  }));
}

TEST(StepProperty, GenericStepAgreesWithEveryTransition) {
  EXPECT_TRUE(rc::check("the generic Step agrees with every transition", [] {
    const trace::Trace t = *GenTrace(8);
    RC_ASSERT(FirstFailure(t, ModelStepper(), GenericStepAgrees) ==
              std::nullopt);
  }));
}

// Each check fails on a broken copy: the requirements its fault breaks,
// the invariant clauses some fault breaks, and the agreement of the pure
// Step with a stepper that is not the model.
constexpr uint64_t kSeeds = 3000;

std::optional<std::string> FailsOnSomeTrace(
    const Stepper& step,
    const std::function<bool(const model::ConcreteTransition&)>& check) {
  trace::Trace t;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    GenerateSequence(seed, kDefaultMaxOps, t);
    if (std::optional<std::string> f = FirstFailure(t, step, check)) {
      return absl::StrCat("seed ", seed, ", ", *f);
    }
  }
  return std::nullopt;
}

TEST(PropertiesCanFail, EachRequirementOnItsBrokenCopy) {
  RequirementSet shown;
  for (const BrokenRevision& b : BrokenRevisions()) {
    for (const std::string& id : b.predicates.Ids()) {
      const Requirement r = *FindRequirement(id);
      const std::optional<std::string> f =
          FailsOnSomeTrace(BrokenStepper(b.fault), Predicate(r));
      EXPECT_TRUE(f.has_value()) << id << " never fails on " << b.revision->name;
      if (f) shown.Add(r);
    }
  }
  for (int r = 0; r < kRequirementCount; ++r) {
    EXPECT_TRUE(shown.Has(static_cast<Requirement>(r)))
        << RequirementIdOf(static_cast<Requirement>(r))
        << " is shown to fail on no broken copy";
  }
}

TEST(PropertiesCanFail, EachInvariantClauseOnSomeBrokenCopy) {
  for (std::size_t c = 0; c < kClauses; ++c) {
    std::string where;
    for (const BrokenRevision& b : BrokenRevisions()) {
      if (FailsOnSomeTrace(BrokenStepper(b.fault), Clause(c))) {
        where = b.revision->name;
        break;
      }
    }
    std::printf("invariant clause %s fails on %s\n",
                model::kInvariantClauseNames[c],
                where.empty() ? "(none)" : where.c_str());
    EXPECT_FALSE(where.empty()) << model::kInvariantClauseNames[c];
  }
}

TEST(PropertiesCanFail, AgreementWithABrokenCopyInPlace) {
  const auto broken = [](const model::ConcreteHost& h,
                         const model::ConcreteProgram& p,
                         model::ConcreteVcpu& s, const dbgref_op& op,
                         dbgref_obs* out) {
    std::size_t n = 0;
    ForEachBrokenTransition(Fault::kSkipKeepsSs, h, p, s, op,
                            [&](const model::ConcreteTransition& t) {
                              out[n++] = model::ToRecord(t.obs);
                            });
    return n;
  };
  trace::Trace t;
  bool failed = false;
  for (uint64_t seed = 1; seed <= kSeeds && !failed; ++seed) {
    GenerateSequence(seed, kDefaultMaxOps, t);
    failed = PureAndInPlaceDisagree(t, broken).has_value();
  }
  EXPECT_TRUE(failed);
  bool generic_failed = false;
  for (uint64_t seed = 1; seed <= kSeeds && !generic_failed; ++seed) {
    GenerateSequence(seed, 8, t);
    generic_failed = FailsOnSomeTrace(BrokenStepper(Fault::kSkipKeepsSs),
                                      GenericStepAgrees)
                         .has_value();
  }
  EXPECT_TRUE(generic_failed);
}

}  // namespace
}  // namespace dbgref::props
