// One operation of any kind on a vCPU, with every input a domain value, and
// the transition record (host, pre-state, operation, post-state,
// observation, CPU snapshots) that the requirement predicates judge. This is
// the model's pure face: immutable values in, a new transition out. The
// rules it composes (setup_debug.h, world_switch.h, ...) update values that
// it owns.
//
// Step computes the three operations and selects by op.kind with ite, so the
// kind may be symbolic. The concrete façade (model/concrete.h) dispatches on
// the kind instead and calls the per-operation transitions.
#ifndef DBGREF_MODEL_STEP_H_
#define DBGREF_MODEL_STEP_H_

#include "model/domain.h"
#include "model/host.h"
#include "model/ioctl.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/run.h"
#include "model/state.h"

namespace dbgref::model {

template <class D>
struct Transition {
  Host<D> host;
  VcpuState<D> pre;
  Op<D> op;
  VcpuState<D> post;
  Obs<D> obs;
  CpuSnapshots<D> cpu;  // all zero unless op is RUN
};

template <class D>
Transition<D> SetGuestDebugTransition(const Host<D>& host,
                                      const VcpuState<D>& pre,
                                      const Op<D>& op) {
  Transition<D> t{host,
                  pre,
                  op,
                  pre,
                  ZeroObs<D>(D::lit(DBGREF_OP_SET_GUEST_DEBUG), D::lit(0)),
                  ZeroSnapshots<D>()};
  t.obs.ret = SetGuestDebug<D>(t.post, op.control, op.arch);
  return t;
}

template <class D>
Transition<D> CheckExtensionTransition(const Host<D>& host,
                                       const VcpuState<D>& pre,
                                       const Op<D>& op) {
  return Transition<D>{host,
                       pre,
                       op,
                       pre,
                       ZeroObs<D>(D::lit(DBGREF_OP_CHECK_EXTENSION),
                                  CheckExtension<D>(host, op.cap)),
                       ZeroSnapshots<D>()};
}

template <class D>
Transition<D> RunTransition(const Host<D>& host, const VcpuState<D>& pre,
                            const Op<D>& op) {
  Transition<D> t{host,
                  pre,
                  op,
                  pre,
                  ZeroObs<D>(D::lit(DBGREF_OP_RUN), D::lit(0)),
                  ZeroSnapshots<D>()};
  RunIteration<D>(host, t.post, op.action, t.obs, t.cpu);
  return t;
}

template <class D>
BoolOf<D> IsOp(const Op<D>& op, dbgref_op_kind k) {
  return D::eq(op.kind, D::lit(k));
}

// Any operation; op.kind may be symbolic. A kind outside the three
// operations leaves the state unchanged and observes op_kind and ret 0.
template <class D>
Transition<D> Step(const Host<D>& host, const VcpuState<D>& pre,
                   const Op<D>& op) {
  const Transition<D> set = SetGuestDebugTransition<D>(host, pre, op);
  const Transition<D> cap = CheckExtensionTransition<D>(host, pre, op);
  const Transition<D> run = RunTransition<D>(host, pre, op);
  const BoolOf<D> is_set = IsOp<D>(op, DBGREF_OP_SET_GUEST_DEBUG);
  const BoolOf<D> is_cap = IsOp<D>(op, DBGREF_OP_CHECK_EXTENSION);
  const BoolOf<D> is_run = IsOp<D>(op, DBGREF_OP_RUN);
  return Transition<D>{
      host,
      pre,
      op,
      Select<D>(is_set, set.post, Select<D>(is_run, run.post, pre)),
      Select<D>(is_set, set.obs,
                Select<D>(is_cap, cap.obs,
                          Select<D>(is_run, run.obs,
                                    ZeroObs<D>(op.kind, D::lit(0))))),
      Select<D>(is_run, run.cpu, set.cpu)};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_STEP_H_
