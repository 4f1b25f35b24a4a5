// The in-place model vCPU.
#include "props/model_vcpu.h"

namespace dbgref::props {

void ModelVcpu::Reset(const dbgref_host& host, const dbgref_program& program) {
  host_ = model::FromRecord(host);
  program_ = model::FromRecord(program);
  state_ = model::Reset(host);
  count_ = 0;
}

}  // namespace dbgref::props
