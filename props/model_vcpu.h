// The model as a vCPU that advances in place (model::StepInPlace), with
// the host and the program converted once per vCPU instead of once per
// operation, and the observations of the last operation in a buffer of its
// own: the lockstep loop allocates nothing per operation.
#ifndef DBGREF_PROPS_MODEL_VCPU_H_
#define DBGREF_PROPS_MODEL_VCPU_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "absl/types/span.h"
#include "model/concrete.h"
#include "model/record.h"

namespace dbgref::props {

// The model's state as words, in the order of its field walk (model/
// state.h, WalkState), a truth value as a word 0 or 1: every field and
// nothing else, so that equal states give equal words. The model
// revision's state blob (model/revision.h) and exploration (explore/) use
// it.
std::size_t ModelStateWords();
void SaveModelState(const model::ConcreteVcpu& state, uint64_t* words);
void LoadModelState(const uint64_t* words, model::ConcreteVcpu& state);
// LoadModelState(words, state) where state's words differ from words only
// at the count indices listed.
void LoadModelStateWords(const uint64_t* words, const uint32_t* indices,
                         std::size_t count, model::ConcreteVcpu& state);

class ModelVcpu {
 public:
  ModelVcpu() { Reset(dbgref_host{}, dbgref_program{}); }
  ModelVcpu(const dbgref_host& host, const dbgref_program& program) {
    Reset(host, program);
  }

  // Back to the state of a vCPU created on host with program.
  void Reset(const dbgref_host& host, const dbgref_program& program);

  // One operation: the state advances; the observation of each of its
  // steps, valid until the next call.
  absl::Span<const dbgref_obs> Step(const dbgref_op& op) {
    count_ = model::StepInPlace(host_, program_, state_, op, obs_.data(),
                                hw_set_.data());
    return absl::MakeConstSpan(obs_.data(), count_);
  }

  // One operation, calling visit with the transition of each step.
  void ForEachTransition(
      const dbgref_op& op,
      const std::function<void(const model::ConcreteTransition&)>& visit) {
    model::ForEachTransition(host_, program_, state_, op, visit);
  }

  const model::ConcreteVcpu& state() const { return state_; }
  model::ConcreteVcpu& mutable_state() { return state_; }
  const model::ConcreteHost& host() const { return host_; }
  const model::ConcreteProgram& program() const { return program_; }
  // How many times the vCPU was reset: host() and program() change only
  // when it does.
  uint64_t resets() const { return resets_; }

 private:
  model::ConcreteHost host_;
  model::ConcreteProgram program_;
  model::ConcreteVcpu state_;
  std::array<dbgref_obs, model::kMaxObsPerOp> obs_;
  // Whether each record of obs_ may have a nonzero entry_hw (StepInPlace).
  std::array<bool, model::kMaxObsPerOp> hw_set_ = MakeAllSet();
  std::size_t count_ = 0;
  uint64_t resets_ = 0;

  static std::array<bool, model::kMaxObsPerOp> MakeAllSet() {
    std::array<bool, model::kMaxObsPerOp> a;
    a.fill(true);
    return a;
  }
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_MODEL_VCPU_H_
