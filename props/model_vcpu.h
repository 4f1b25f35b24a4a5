// The model as a vCPU that advances in place (model::StepInPlace), with the
// host converted once per vCPU instead of once per operation, for the
// lockstep loop of the differential check. props/model_vcpu_test.cc checks
// it against the pure model::Step.
#ifndef DBGREF_PROPS_MODEL_VCPU_H_
#define DBGREF_PROPS_MODEL_VCPU_H_

#include "model/concrete.h"
#include "model/record.h"

namespace dbgref::props {

class ModelVcpu {
 public:
  explicit ModelVcpu(const dbgref_host& host) { Reset(host); }

  // Back to the state of a vCPU created on host.
  void Reset(const dbgref_host& host);

  // One operation; the state advances and the observation is returned.
  dbgref_obs Step(const dbgref_op& op) {
    return model::StepInPlace(host_, state_, op);
  }

  const model::ConcreteVcpu& state() const { return state_; }
  const model::ConcreteHost& host() const { return host_; }
  const dbgref_host& host_record() const { return host_record_; }

 private:
  dbgref_host host_record_;
  model::ConcreteHost host_;
  model::ConcreteVcpu state_;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_MODEL_VCPU_H_
