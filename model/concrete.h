// The model on concrete values, behind the shared C records of
// model/record.h: the façade that tests, properties, the differential check
// and the command line call.
//
//   ConcreteVcpu vcpu = Reset(host);
//   ConcreteStep r = Step(host, program, vcpu, op);   // r.state, r.obs
//
// A userspace operation is one transition (an ioctl) or the transitions of
// one KVM_RUN (model/run.h); it observes each. Step is pure: the state
// passed in is not changed. StepInPlace is the same on a state the caller
// owns, for loops that cannot afford a copy on every operation; Step is a
// copy followed by StepInPlace. ForEachTransition gives the transition
// records that the requirement predicates judge.
#ifndef DBGREF_MODEL_CONCRETE_H_
#define DBGREF_MODEL_CONCRETE_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "model/arch/instruction.h"
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
using ConcreteProgram = Program<ConcreteDomain, DBGREF_MAX_PROGRAM_LINES>;
using ConcreteOp = Op<ConcreteDomain>;
using ConcreteObs = Obs<ConcreteDomain>;
using ConcreteTransition = Transition<ConcreteDomain, DBGREF_MAX_PROGRAM_LINES>;

// The most transitions one userspace operation takes: a KVM_RUN of
// kMaxGuestSteps guest steps, the interrupt, and an ENTER and an EXIT around
// each.
inline constexpr std::size_t kMaxObsPerOp = DBGREF_MAX_OBS_PER_OP;

struct ConcreteStep {
  ConcreteVcpu state;
  std::vector<dbgref_obs> obs;
};

// The vCPU after creation and reset on this host.
ConcreteVcpu Reset(const dbgref_host& host);

// One userspace operation.
ConcreteStep Step(const dbgref_host& host, const dbgref_program& program,
                  const ConcreteVcpu& state, const dbgref_op& op);

// The same on state; writes the observations into out (room for
// kMaxObsPerOp) and returns how many there are.
std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out);
// The same into records the caller keeps from one call to the next:
// hw_set[k] (one for each of the kMaxObsPerOp records) is false only where
// out[k].entry_hw is known to be zero, and is kept so; such a record's 64
// words are not written again (start with every hw_set[k] true).
std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out, bool* hw_set);

// The same, calling visit with the record of every transition in order.
void ForEachTransition(
    const ConcreteHost& host, const ConcreteProgram& program,
    ConcreteVcpu& state, const dbgref_op& op,
    const std::function<void(const ConcreteTransition&)>& visit);

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_CONCRETE_H_
