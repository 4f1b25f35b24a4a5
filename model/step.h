// One transition of a vCPU, with every input a domain value, and the
// transition record (host, program, pre-state, input, post-state,
// observation) that the requirement predicates judge. This is the model's
// pure face: immutable values in, a new transition out. The rules it
// composes (setup_debug.h, world_switch.h, ...) update values it owns.
//
// Step computes every kind and selects by op.kind with ite, so the kind may
// be symbolic. A transition whose phase is wrong (an ioctl during a KVM_RUN,
// a GUEST step outside the guest, ...) changes nothing and observes only
// its kind. The concrete façade (model/concrete.h) dispatches on the kind
// and runs KVM_RUN as its steps.
#ifndef DBGREF_MODEL_STEP_H_
#define DBGREF_MODEL_STEP_H_

#include <cstddef>
#include <type_traits>

#include "model/arch/instruction.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/ioctl.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"
#include "model/run.h"
#include "model/state.h"

namespace dbgref::model {

template <class D, std::size_t N>
struct Transition {
  Host<D> host;
  Program<D, N> program;
  VcpuState<D> pre;
  Op<D> op;
  VcpuState<D> post;
  Obs<D> obs;
};

// The transition op may take from pre: ioctls in userspace, ENTER in
// userspace or after a handled exit, GUEST in the guest, EXIT once exited.
template <class D>
BoolOf<D> Applicable(const VcpuState<D>& pre, const Op<D>& op) {
  const BoolOf<D> ioctl =
      D::or_(D::or_(IsOp<D>(op, kSetGuestDebug), IsOp<D>(op, kCheckExtension)),
             D::or_(D::or_(IsOp<D>(op, kGetOneReg), IsOp<D>(op, kSetOneReg)),
                    IsOp<D>(op, kVcpuInit)));
  return D::or_(
      D::or_(
          D::and_(ioctl, InPhase<D>(pre, kPhaseUser)),
          D::and_(IsOp<D>(op, kEnter), D::or_(InPhase<D>(pre, kPhaseUser),
                                              InPhase<D>(pre, kPhaseReenter)))),
      D::or_(D::and_(IsOp<D>(op, kGuest), InPhase<D>(pre, kPhaseGuest)),
             D::and_(IsOp<D>(op, kExit), InPhase<D>(pre, kPhaseExited))));
}

// One transition of kind `kind` (a C++ constant) on s, a state the caller
// owns, filling o (the caller's, zero but for step and op_kind).
template <class D, std::size_t N>
void ApplyTransition(uint64_t kind, const Host<D>& host,
                     const Program<D, N>& program, VcpuState<D>& s,
                     const Op<D>& op, Obs<D>& o) {
  switch (kind) {
    case kSetGuestDebug:
      o.ret = SetGuestDebug<D>(s, op.control, op.arch);
      break;
    case kCheckExtension:
      o.ret = CheckExtension<D>(host, op.cap);
      break;
    case kGetOneReg:
      o.ret = GetOneReg<D>(s, op.reg, op.reg_index, o.value);
      break;
    case kSetOneReg:
      o.ret = SetOneReg<D>(s, op.reg, op.reg_index, op.value);
      break;
    case kVcpuInit:
      VcpuInit<D>(s);
      o.ret = D::lit(0);
      break;
    case kEnter:
      Enter<D>(host, s, o);
      break;
    case kGuest:
      Guest<D, N>(host, program, s, o);
      break;
    case kExit:
      Exit<D>(s, o);
      break;
    default:
      break;
  }
}

// The observation a transition of `kind` starts from.
template <class D>
Obs<D> StartObs(uint64_t kind) {
  const bool run = kind >= kEnter;
  return ZeroObs<D>(D::lit(kind == kEnter   ? DBGREF_STEP_ENTER
                           : kind == kGuest ? DBGREF_STEP_GUEST
                           : kind == kExit  ? DBGREF_STEP_EXIT
                                            : DBGREF_STEP_IOCTL),
                    D::lit(run ? uint64_t{DBGREF_OP_RUN} : kind));
}

// r becomes Select(c, r, otherwise): it is kept when c holds. Where the
// domain's Bool is a C++ bool, r is not copied when it is kept.
template <class D, class R>
void KeepIf(const BoolOf<D>& c, R& r, const R& otherwise) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    if (!c) r = otherwise;
  } else {
    r = Select<D>(c, r, otherwise);
  }
}

// t (the caller's, its host and program set) becomes the transition of
// `kind` (a C++ constant) from pre with op, or no change when it does not
// apply. pre must not be part of t.
template <class D, std::size_t N>
void SetTransitionOfKind(uint64_t kind, const VcpuState<D>& pre,
                         const Op<D>& op, Transition<D, N>& t) {
  const Obs<D> start = StartObs<D>(kind);
  t.pre = pre;
  t.op = op;
  t.post = pre;
  t.obs = start;
  ApplyTransition<D, N>(kind, t.host, t.program, t.post, op, t.obs);
  const BoolOf<D> applies = Applicable<D>(pre, op);
  KeepIf<D>(applies, t.post, pre);
  KeepIf<D>(applies, t.obs, start);
}

// The transition of `kind` (a C++ constant), or no change when it does not
// apply.
template <class D, std::size_t N>
Transition<D, N> TransitionOfKind(uint64_t kind, const Host<D>& host,
                                  const Program<D, N>& program,
                                  const VcpuState<D>& pre, const Op<D>& op) {
  Transition<D, N> t{host, program, pre, op, pre, StartObs<D>(kind)};
  SetTransitionOfKind<D, N>(kind, pre, op, t);
  return t;
}

// A transition whose kind is one of the kinds in the bit set `kinds` (bit k
// for kind k); op.kind may be symbolic. Only those kinds are built, which
// keeps a symbolic formula to what it speaks about. A kind outside the set
// changes nothing.
template <class D, std::size_t N>
Transition<D, N> StepOfKinds(unsigned kinds, const Host<D>& host,
                             const Program<D, N>& program,
                             const VcpuState<D>& pre, const Op<D>& op) {
  Transition<D, N> t{host, program,
                     pre,  op,
                     pre,  ZeroObs<D>(D::lit(DBGREF_STEP_IOCTL), op.kind)};
  for (uint64_t kind : kTransitionKinds) {
    if ((kinds & (1u << kind)) == 0) continue;
    const Transition<D, N> k =
        TransitionOfKind<D, N>(kind, host, program, pre, op);
    const BoolOf<D> is = IsOp<D>(op, kind);
    t.post = Select<D>(is, k.post, t.post);
    t.obs = Select<D>(is, k.obs, t.obs);
  }
  return t;
}

// Any transition; op.kind may be symbolic. A kind outside the transition
// kinds changes nothing.
template <class D, std::size_t N>
Transition<D, N> Step(const Host<D>& host, const Program<D, N>& program,
                      const VcpuState<D>& pre, const Op<D>& op) {
  unsigned all = 0;
  for (uint64_t kind : kTransitionKinds) all |= 1u << kind;
  return StepOfKinds<D, N>(all, host, program, pre, op);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_STEP_H_
