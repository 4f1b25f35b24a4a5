// The model on concrete values, behind the shared C records of
// model/record.h: the façade that tests, properties, the differential check
// and the command line call.
//
//   ConcreteVcpu vcpu = Reset(host);
//   ConcreteStep r = Step(host, vcpu, op);   // r.state, r.obs
//
// Step is pure: the state passed in is not changed. StepInPlace is the same
// transition on a state the caller owns, for loops that keep one state and
// cannot afford to copy it on every operation; Step is a copy followed by
// StepInPlace. Neither allocates.
#ifndef DBGREF_MODEL_CONCRETE_H_
#define DBGREF_MODEL_CONCRETE_H_

#include "model/arch/debug_regs.h"
#include "model/concrete_domain.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "model/step.h"

namespace dbgref::model {

using ConcreteVcpu = VcpuState<ConcreteDomain>;
using ConcreteHost = Host<ConcreteDomain>;
using ConcreteOp = Op<ConcreteDomain>;
using ConcreteObs = Obs<ConcreteDomain>;
using ConcreteTransition = Transition<ConcreteDomain>;

struct ConcreteStep {
  ConcreteVcpu state;
  dbgref_obs obs;
};

// The vCPU after creation and reset on this host.
ConcreteVcpu Reset(const dbgref_host& host);

// One operation: an ioctl, or one KVM_RUN iteration with its guest action.
ConcreteStep Step(const dbgref_host& host, const ConcreteVcpu& state,
                  const dbgref_op& op);

// The same transition applied to state; returns the observation.
dbgref_obs StepInPlace(const ConcreteHost& host, ConcreteVcpu& state,
                       const dbgref_op& op);

// The same, with the whole transition record for requirement predicates.
ConcreteTransition StepTransition(const ConcreteHost& host,
                                  const ConcreteVcpu& state,
                                  const ConcreteOp& op);

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_CONCRETE_H_
