// The concrete façade: dispatch on the operation kind, and conversions
// between the C records and the model's concrete values.
#include "model/concrete.h"

#include <cstdint>

#include "model/record_convert.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

}  // namespace

ConcreteVcpu Reset(const dbgref_host& host) {
  (void)host;  // reset does not depend on the host
  return ResetState<C>();
}

ConcreteTransition StepTransition(const ConcreteHost& host,
                                  const ConcreteVcpu& state,
                                  const ConcreteOp& op) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      return SetGuestDebugTransition<C>(host, state, op);
    case DBGREF_OP_CHECK_EXTENSION:
      return CheckExtensionTransition<C>(host, state, op);
    case DBGREF_OP_RUN:
      return RunTransition<C>(host, state, op);
    default:
      return Step<C>(host, state, op);
  }
}

dbgref_obs StepInPlace(const ConcreteHost& host, ConcreteVcpu& state,
                       const dbgref_op& op) {
  // Converts only what the operation reads: this runs once per lockstep
  // step of the differential check.
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      const uint64_t ret =
          SetGuestDebug<C>(state, op.dbg.control, FromRecord(op.dbg.arch));
      return ToRecord(ZeroObs<C>(DBGREF_OP_SET_GUEST_DEBUG, ret));
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return ToRecord(ZeroObs<C>(DBGREF_OP_CHECK_EXTENSION,
                                 CheckExtension<C>(host, op.cap)));
    case DBGREF_OP_RUN: {
      ConcreteObs obs = ZeroObs<C>(DBGREF_OP_RUN, 0);
      CpuSnapshots<C> cpu = ZeroSnapshots<C>();
      RunIteration<C>(host, state, FromRecord(op.action), obs, cpu);
      return ToRecord(obs);
    }
    default: {
      const ConcreteTransition t = Step<C>(host, state, FromRecord(op));
      state = t.post;
      return ToRecord(t.obs);
    }
  }
}

ConcreteStep Step(const dbgref_host& host, const ConcreteVcpu& state,
                  const dbgref_op& op) {
  ConcreteStep r{state, {}};
  r.obs = StepInPlace(FromRecord(host), r.state, op);
  return r;
}

}  // namespace dbgref::model
