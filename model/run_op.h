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

// The transitions of one userspace operation, one at a time: an ioctl's
// one transition; KVM_RUN's ENTER, GUEST while the guest runs, EXIT, and
// again from ENTER while handle_exit goes back into the guest. Next is
// given the state after the transitions so far (the caller applies each
// before asking for the next).
class OpTransitions {
 public:
  explicit OpTransitions(const dbgref_op& op)
      : run_(op.kind == DBGREF_OP_RUN),
        in_(run_ ? OpOfKind<ConcreteDomain>(kEnter) : IoctlOpFromRecord(op)) {}

  // Whether op has a transition after those so far; if so, kind() and
  // input() are that transition's.
  bool Next(const VcpuState<ConcreteDomain>& state) {
    if (!started_) {
      started_ = true;
      return true;
    }
    if (!run_) return false;
    if (in_.kind == kExit) {
      if (state.phase != kPhaseReenter) return false;
      in_.kind = kEnter;
    } else {
      in_.kind = state.phase == kPhaseGuest ? kGuest : kExit;
    }
    return true;
  }

  uint64_t kind() const { return in_.kind; }
  const Op<ConcreteDomain>& input() const { return in_; }

 private:
  bool run_;
  bool started_ = false;
  Op<ConcreteDomain> in_;
};

// Calls each(kind, input) for every transition of op, in order, on state;
// each must apply the transition (so that state advances) before the next
// is chosen.
template <class Each>
void ForEachTransitionInput(const VcpuState<ConcreteDomain>& state,
                            const dbgref_op& op, Each&& each) {
  OpTransitions transitions(op);
  while (transitions.Next(state)) {
    each(transitions.kind(), transitions.input());
  }
}

// One transition of `kind` on state in place, and its observation: the
// post-state and observation of TransitionOfKind, without building the
// transition record.
template <std::size_t N>
Obs<ConcreteDomain> ApplyTransitionInPlace(
    uint64_t kind, const Host<ConcreteDomain>& host,
    const Program<ConcreteDomain, N>& program, VcpuState<ConcreteDomain>& state,
    const Op<ConcreteDomain>& in) {
  Obs<ConcreteDomain> o = StartObs<ConcreteDomain>(kind);
  if (Applicable<ConcreteDomain>(state, in)) {
    ApplyTransition<ConcreteDomain, N>(kind, host, program, state, in, o);
  }
  return o;
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
