// The in-place model vCPU.
#include "props/model_vcpu.h"

#include "model/arch/debug_regs.h"

namespace dbgref::props {

void ModelVcpu::Reset(const dbgref_host& host) {
  host_record_ = host;
  host_ = model::FromRecord(host);
  state_ = model::Reset(host);
}

}  // namespace dbgref::props
