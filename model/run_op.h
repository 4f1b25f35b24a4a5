// A userspace operation as the transitions it is made of, on a concrete
// state: an ioctl is one transition; KVM_RUN is ENTER, GUEST... until the
// guest exits, EXIT, and again while handle_exit goes back into the guest
// (model/run.h). For a domain whose values are C++ values only: it loops
// on the state's phase.
#ifndef DBGREF_MODEL_RUN_OP_H_
#define DBGREF_MODEL_RUN_OP_H_

#include <cstddef>
#include <cstdint>

#include "model/arch/instruction.h"
#include "model/host.h"
#include "model/op.h"
#include "model/record.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "model/step.h"

namespace dbgref::model {

// Calls each(kind, input) for every transition of op, in order, on state;
// each must apply the transition (so that state advances) before the next
// is chosen.
template <class Each>
void ForEachTransitionInput(const VcpuState<ConcreteDomain>& state,
                            const dbgref_op& op, Each&& each) {
  using C = ConcreteDomain;
  if (op.kind != DBGREF_OP_RUN) {
    each(static_cast<uint64_t>(op.kind), IoctlOpFromRecord(op));
    return;
  }
  const Op<C> enter = OpOfKind<C>(kEnter);
  const Op<C> guest = OpOfKind<C>(kGuest);
  const Op<C> exit = OpOfKind<C>(kExit);
  do {
    each(kEnter, enter);
    while (state.phase == kPhaseGuest) each(kGuest, guest);
    each(kExit, exit);
  } while (state.phase == kPhaseReenter);
}

// The transition records of op on state (which advances), to visit.
template <std::size_t N, class Visit>
void ForEachTransitionOf(const Host<ConcreteDomain>& host,
                         const Program<ConcreteDomain, N>& program,
                         VcpuState<ConcreteDomain>& state, const dbgref_op& op,
                         Visit&& visit) {
  using C = ConcreteDomain;
  ForEachTransitionInput(state, op, [&](uint64_t kind, const Op<C>& in) {
    const Transition<C, N> t =
        TransitionOfKind<C, N>(kind, host, program, state, in);
    state = t.post;
    visit(t);
  });
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RUN_OP_H_
