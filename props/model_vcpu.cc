// The in-place model vCPU: dispatch on the operation kind as the façade
// does, on a host converted once.
#include "props/model_vcpu.h"

#include "model/ioctl.h"
#include "model/observe.h"
#include "model/run.h"

namespace dbgref::props {
namespace {

using C = model::ConcreteDomain;

model::Action<C> ToAction(const dbgref_action& a) {
  return model::Action<C>{a.kind,  a.reg_kind, a.index, a.is_write != 0,
                          a.value, a.esr,      a.pc,    a.far};
}

}  // namespace

void ModelVcpu::Reset(const dbgref_host& host) {
  host_record_ = host;
  host_ = model::FromRecord(host);
  state_ = model::Reset(host);
}

dbgref_obs ModelVcpu::Step(const dbgref_op& op) {
  switch (op.kind) {
    case DBGREF_OP_RUN: {
      model::RunResult<C> r =
          model::RunIteration<C>(host_, state_, ToAction(op.action));
      state_ = r.state;
      return model::ToRecord(r.obs);
    }
    case DBGREF_OP_SET_GUEST_DEBUG: {
      model::IoctlResult<C> r = model::SetGuestDebug<C>(
          state_, op.dbg.control, model::FromRecord(op.dbg.arch));
      state_ = r.state;
      return model::ToRecord(
          model::ZeroObs<C>(DBGREF_OP_SET_GUEST_DEBUG, r.ret));
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return model::ToRecord(model::ZeroObs<C>(
          DBGREF_OP_CHECK_EXTENSION, model::CheckExtension<C>(host_, op.cap)));
    default: {
      model::ConcreteStep r = model::Step(host_record_, state_, op);
      state_ = r.state;
      return r.obs;
    }
  }
}

}  // namespace dbgref::props
