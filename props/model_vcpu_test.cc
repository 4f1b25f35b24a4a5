// The in-place model vCPU against the façade's Step, on random sequences.
#include "props/model_vcpu.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "model/concrete.h"
#include "model/record_compare.h"
#include "props/generators.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

RC_GTEST_PROP(ModelVcpu, AgreesWithTheFacadeOnEveryStep, ()) {
  const trace::Trace trace = *GenTrace(24);
  ModelVcpu vcpu(trace.host);
  model::ConcreteVcpu state = model::Reset(trace.host);
  for (const dbgref_op& op : trace.ops) {
    const model::ConcreteStep expected = model::Step(trace.host, state, op);
    const dbgref_obs obs = vcpu.Step(op);
    RC_ASSERT(model::ObsEqual(obs, expected.obs));
    RC_ASSERT(
        model::StateEq<model::ConcreteDomain>(vcpu.state(), expected.state));
    state = expected.state;
  }
}

TEST(ModelVcpu, ResetForgetsTheSequence) {
  dbgref_host host{};
  ModelVcpu vcpu(host);
  vcpu.Step(trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE));
  vcpu.Step(trace::GuestWriteOp(DBGREF_REG_BVR, 1, 0x1001));
  vcpu.Reset(host);
  EXPECT_TRUE(
      model::StateEq<model::ConcreteDomain>(vcpu.state(), model::Reset(host)));
}

}  // namespace
}  // namespace dbgref::props
