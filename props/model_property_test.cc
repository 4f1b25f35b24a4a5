// Property (a): on the model alone, every requirement's predicate and the
// state invariant hold after every step of random operation sequences on
// random hosts. One property per requirement.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "model/concrete.h"
#include "model/record_compare.h"
#include "props/generators.h"
#include "props/requirement_predicates.h"
#include "props/requirement_set.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

class ModelProperty : public testing::TestWithParam<int> {};

TEST_P(ModelProperty, HoldsOnEveryStep) {
  const Requirement r = static_cast<Requirement>(GetParam());
  const std::string id(RequirementIdOf(r));
  rc::detail::checkGTest([r, id] {
    const trace::Trace trace = *GenTrace(24);
    const model::ConcreteHost host = model::FromRecord(trace.host);
    model::ConcreteVcpu state = model::Reset(trace.host);
    RC_ASSERT(InvariantHolds(state));
    for (size_t i = 0; i < trace.ops.size(); ++i) {
      const model::ConcreteTransition t =
          model::StepTransition(host, state, model::FromRecord(trace.ops[i]));
      if (!PredicateHolds(r, t)) {
        RC_FAIL(id + " fails at step " + std::to_string(i + 1) + ": " +
                trace::FormatOp(trace.ops[i]) + "\n" +
                model::ObsToString(model::ToRecord(t.obs)));
      }
      if (!InvariantHolds(t.post)) {
        RC_FAIL("the invariant fails after step " + std::to_string(i + 1) +
                ": " + trace::FormatOp(trace.ops[i]));
      }
      state = t.post;
    }
  });
}

std::string TestName(const testing::TestParamInfo<int>& info) {
  std::string name(RequirementIdOf(static_cast<Requirement>(info.param)));
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Requirements, ModelProperty,
                         testing::Range(0, int{kRequirementCount}), TestName);

}  // namespace
}  // namespace dbgref::props
