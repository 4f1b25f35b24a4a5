// The in-place model vCPU: dispatch on the operation kind as the façade
// does, on a host converted once.
#include "props/model_vcpu.h"

#include "model/ioctl.h"
#include "model/observe.h"

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
  current_ = 0;
  slots_[0].state = model::Reset(host);
}

dbgref_obs ModelVcpu::Step(const dbgref_op& op) {
  switch (op.kind) {
    case DBGREF_OP_RUN: {
      // In place on the current slot: no copy of the state.
      model::RunResult<C>& r = slots_[current_];
      model::ApplyRunIteration<C>(host_, r.state, ToAction(op.action), r.obs,
                                  r.trace);
      return model::ToRecord(r.obs);
    }
    case DBGREF_OP_SET_GUEST_DEBUG: {
      const model::IoctlResult<C> r = model::SetGuestDebug<C>(
          state(), op.dbg.control, model::FromRecord(op.dbg.arch));
      next_state() = r.state;
      current_ = 1 - current_;
      return model::ToRecord(
          model::ZeroObs<C>(DBGREF_OP_SET_GUEST_DEBUG, r.ret));
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return model::ToRecord(model::ZeroObs<C>(
          DBGREF_OP_CHECK_EXTENSION, model::CheckExtension<C>(host_, op.cap)));
    default: {
      const model::ConcreteStep r = model::Step(host_record_, state(), op);
      next_state() = r.state;
      current_ = 1 - current_;
      return r.obs;
    }
  }
}

}  // namespace dbgref::props
