// The model as a vCPU that advances in place: the same rules as the façade
// (model/concrete.h), with the host converted once per vCPU instead of once
// per operation, and each KVM_RUN result built straight into the slot that
// becomes the next state, for the lockstep loop of the differential check.
// props/model_vcpu_test.cc checks it against model::Step.
#ifndef DBGREF_PROPS_MODEL_VCPU_H_
#define DBGREF_PROPS_MODEL_VCPU_H_

#include <array>

#include "model/concrete.h"
#include "model/record.h"
#include "model/run.h"

namespace dbgref::props {

class ModelVcpu {
 public:
  explicit ModelVcpu(const dbgref_host& host) { Reset(host); }

  // Back to the state of a vCPU created on host.
  void Reset(const dbgref_host& host);

  // One operation; the state advances and the observation is returned.
  dbgref_obs Step(const dbgref_op& op);

  const model::ConcreteVcpu& state() const { return slots_[current_].state; }
  const model::ConcreteHost& host() const { return host_; }
  const dbgref_host& host_record() const { return host_record_; }

 private:
  model::ConcreteVcpu& next_state() { return slots_[1 - current_].state; }

  dbgref_host host_record_;
  model::ConcreteHost host_;
  // The current state is slots_[current_].state; a step writes the other
  // slot and flips.
  std::array<model::RunResult<model::ConcreteDomain>, 2> slots_;
  int current_ = 0;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_MODEL_VCPU_H_
