// The model behind dbgref_revision.
#include "props/model_revision.h"

#include <new>

#include "model/concrete.h"
#include "model/record.h"
#include "props/model_vcpu.h"

struct dbgref_revision_vcpu {
  dbgref::model::ConcreteHost host;
  dbgref::model::ConcreteProgram program;
  dbgref::model::ConcreteVcpu state;
};

namespace dbgref::props {
namespace {

void ResetVcpu(dbgref_revision_vcpu* vcpu, const dbgref_host* host,
               const dbgref_program* program) {
  vcpu->host = model::FromRecord(*host);
  vcpu->program = model::FromRecord(*program);
  vcpu->state = model::Reset(*host);
}

dbgref_revision_vcpu* Create(const dbgref_host* host,
                             const dbgref_program* program) {
  auto* vcpu = new (std::nothrow) dbgref_revision_vcpu;
  if (vcpu != nullptr) ResetVcpu(vcpu, host, program);
  return vcpu;
}

void Destroy(dbgref_revision_vcpu* vcpu) { delete vcpu; }

size_t StepVcpu(dbgref_revision_vcpu* vcpu, const dbgref_op* op,
                dbgref_obs* out) {
  return model::StepInPlace(vcpu->host, vcpu->program, vcpu->state, *op, out);
}

// The state blob: the state's words (props/model_vcpu.h). The host and the
// program are what the vCPU was created with, not state.
void SaveVcpu(const dbgref_revision_vcpu* vcpu, void* state) {
  SaveModelState(vcpu->state, static_cast<uint64_t*>(state));
}

void LoadVcpu(dbgref_revision_vcpu* vcpu, const void* state) {
  LoadModelState(static_cast<const uint64_t*>(state), vcpu->state);
}

}  // namespace

const dbgref_revision& ModelRevision() {
  static const dbgref_revision model = {
      "model",   Create,   Destroy,
      ResetVcpu, StepVcpu, ModelStateWords() * sizeof(uint64_t),
      SaveVcpu,  LoadVcpu, nullptr};
  return model;
}

}  // namespace dbgref::props
