// The concrete façade: an ioctl is one transition, a KVM_RUN its ENTER,
// GUEST and EXIT transitions until it returns.
#include "model/concrete.h"

#include <cstdint>

#include "model/record_convert.h"
#include "model/run_op.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

}  // namespace

ConcreteVcpu Reset(const dbgref_host& host) {
  (void)host;  // reset does not depend on the host
  return ResetState<C>();
}

std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out) {
  std::size_t n = 0;
  ForEachTransitionInput(state, op, [&](uint64_t kind, const ConcreteOp& in) {
    const ConcreteObs o = ApplyTransitionInPlace<DBGREF_MAX_PROGRAM_LINES>(
        kind, host, program, state, in);
    if (n < kMaxObsPerOp) ToRecord(o, &out[n++]);
  });
  return n;
}

void ForEachTransition(
    const ConcreteHost& host, const ConcreteProgram& program,
    ConcreteVcpu& state, const dbgref_op& op,
    const std::function<void(const ConcreteTransition&)>& visit) {
  ForEachTransitionOf<DBGREF_MAX_PROGRAM_LINES>(host, program, state, op,
                                                visit);
}

ConcreteStep Step(const dbgref_host& host, const dbgref_program& program,
                  const ConcreteVcpu& state, const dbgref_op& op) {
  ConcreteStep r{state, std::vector<dbgref_obs>(kMaxObsPerOp)};
  const std::size_t n = StepInPlace(FromRecord(host), FromRecord(program),
                                    r.state, op, r.obs.data());
  r.obs.resize(n);
  return r;
}

}  // namespace dbgref::model
