// The concrete façade: an ioctl is one transition, a KVM_RUN its ENTER,
// GUEST and EXIT transitions until it returns.
#include "model/concrete.h"

#include <cstdint>

#include "model/record_convert.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

// Runs the transitions of op on state, calling each(kind, transition input,
// observation) after each; the state has advanced by then.
template <class Each>
void RunOp(const ConcreteVcpu& state, const dbgref_op& op, Each&& each) {
  if (op.kind != DBGREF_OP_RUN) {
    const ConcreteOp in = IoctlOpFromRecord(op);
    each(static_cast<uint64_t>(op.kind), in);
    return;
  }
  const ConcreteOp enter = OpOfKind<C>(kEnter);
  const ConcreteOp guest = OpOfKind<C>(kGuest);
  const ConcreteOp exit = OpOfKind<C>(kExit);
  do {
    each(kEnter, enter);
    while (state.phase == kPhaseGuest) each(kGuest, guest);
    each(kExit, exit);
  } while (state.phase == kPhaseReenter);
}

}  // namespace

ConcreteVcpu Reset(const dbgref_host& host) {
  (void)host;  // reset does not depend on the host
  return ResetState<C>();
}

std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out) {
  std::size_t n = 0;
  RunOp(state, op, [&](uint64_t kind, const ConcreteOp& in) {
    ConcreteObs o = StartObs<C>(kind);
    if (Applicable<C>(state, in)) {
      ApplyTransition<C, DBGREF_MAX_PROGRAM_LINES>(kind, host, program, state,
                                                   in, o);
    }
    if (n < kMaxObsPerOp) out[n++] = ToRecord(o);
  });
  return n;
}

void ForEachTransition(
    const ConcreteHost& host, const ConcreteProgram& program,
    ConcreteVcpu& state, const dbgref_op& op,
    const std::function<void(const ConcreteTransition&)>& visit) {
  RunOp(state, op, [&](uint64_t kind, const ConcreteOp& in) {
    const ConcreteTransition t =
        TransitionOfKind<C, DBGREF_MAX_PROGRAM_LINES>(kind, host, program,
                                                      state, in);
    state = t.post;
    visit(t);
  });
}

ConcreteStep Step(const dbgref_host& host, const dbgref_program& program,
                  const ConcreteVcpu& state, const dbgref_op& op) {
  ConcreteStep r{state, std::vector<dbgref_obs>(kMaxObsPerOp)};
  const std::size_t n =
      StepInPlace(FromRecord(host), FromRecord(program), r.state, op,
                  r.obs.data());
  r.obs.resize(n);
  return r;
}

}  // namespace dbgref::model
