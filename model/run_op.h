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
        kind_(run_ ? uint64_t{kEnter} : uint64_t{op.kind}) {
    if (!run_) ioctl_ = IoctlOpFromRecord(op);
  }

  // Whether op has a transition after those so far; if so, kind() and
  // input() are that transition's.
  bool Next(const VcpuState<ConcreteDomain>& state) {
    if (!started_) {
      started_ = true;
      return true;
    }
    if (!run_) return false;
    if (kind_ == kExit) {
      if (state.phase != kPhaseReenter) return false;
      kind_ = kEnter;
    } else {
      kind_ = state.phase == kPhaseGuest ? kGuest : kExit;
    }
    return true;
  }

  uint64_t kind() const { return kind_; }
  // The input of a KVM_RUN's transitions is its kind alone, made once.
  const Op<ConcreteDomain>& input() const {
    return run_ ? RunTransitionInput(kind_) : ioctl_;
  }

 private:
  // OpOfKind(kind) for ENTER, GUEST and EXIT.
  static const Op<ConcreteDomain>& RunTransitionInput(uint64_t kind) {
    static const Op<ConcreteDomain> kInputs[] = {
        OpOfKind<ConcreteDomain>(kEnter), OpOfKind<ConcreteDomain>(kGuest),
        OpOfKind<ConcreteDomain>(kExit)};
    static_assert(kGuest == kEnter + 1 && kExit == kEnter + 2);
    return kInputs[kind - kEnter];
  }

  bool run_;
  bool started_ = false;
  uint64_t kind_;
  Op<ConcreteDomain> ioctl_;  // an ioctl's input; unused for KVM_RUN
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
