// What one instruction of the guest does (REQ-HW-BREAK, REQ-HW-WATCH,
// REQ-BRK, REQ-SS, REQ-SHADOW, REQ-ISOLATION, REQ-NOUNDEF, REQ-EXIT,
// REQ-OSLOCK): the model's predicate on one GUEST step from any state
// satisfying the invariant. The program's one line is free, so the step
// fetches any instruction at any address.
#ifndef DBGREF_PROOFS_STATEMENTS_GUEST_H_
#define DBGREF_PROOFS_STATEMENTS_GUEST_H_

#include <vector>

#include "model/arch/debug_events.h"
#include "model/requirements.h"
#include "model/state.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// The guest is about to execute at an address one of userspace's
// breakpoints matches.
struct HwBreak : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(model::UseHwOn<D>(t.pre),
                   model::AnyBreakpointMatches<D>(t.host.id_aa64dfr0_el1,
                                                  t.pre.external,
                                                  t.pre.cpu.pc));
  }
  DBGREF_REQUIREMENT_GOAL(ReqHwBreak)
};

// A store to bytes one of userspace's watchpoints watches.
struct HwWatch : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    const model::Insn<D> i = NextInsn<D>(t);
    return And3<D>(model::UseHwOn<D>(t.pre), NextIs<D>(t, DBGREF_INSN_STORE),
                   model::AnyWatchpointMatches<D>(t.host.id_aa64dfr0_el1,
                                                  t.pre.external, i.addr,
                                                  i.size, D::lit_bool(true)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqHwWatch)
};

// A BRK with guest debug on but not USE_SW_BP.
struct Brk : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(NextIs<D>(t, DBGREF_INSN_BRK),
                   D::eq(t.pre.control, D::lit(KVM_GUESTDBG_ENABLE)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqBrk)
};

// A step after an instruction completed while single-stepping.
struct SsGuest : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(model::SingleStepOn<D>(t.pre),
                   D::eq(t.pre.ghost.completed, D::lit(1)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqSs)
};

// A read of the guest's own registers when it reaches them directly.
struct ShadowDirect : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(NextIs<D>(t, DBGREF_INSN_MRS),
                   D::not_(model::TdaInEffect<D>(t.pre.cpu.mdcr_el2)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqShadow)
};

// A write of a debug register while USE_HW is on.
struct IsolationGuest : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(model::UseHwOn<D>(t.pre), NextIs<D>(t, DBGREF_INSN_MSR));
  }
  DBGREF_REQUIREMENT_GOAL(ReqIsolation)
};

// An access to a register the CPU does not implement.
struct NoUndefGuest : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    const model::Insn<D> i = NextInsn<D>(t);
    return D::and_(NextIs<D>(t, DBGREF_INSN_MRS),
                   D::not_(model::RegisterImplemented<D>(
                       t.host.id_aa64dfr0_el1, i.reg, i.reg_index)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqNoundef)
};

// A debug exception with guest debug off.
struct ExitGuest : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return D::and_(D::not_(model::DebugActive<D>(t.pre)),
                   NextIs<D>(t, DBGREF_INSN_BRK));
  }
  DBGREF_REQUIREMENT_GOAL(ReqExit)
};

// The guest's lock is set while its own breakpoint would match.
struct OsLock : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Transition<D, kProofLines>& t = Last(p);
    return And3<D>(D::not_(model::DebugActive<D>(t.pre)),
                   t.pre.ghost.os_locked,
                   model::AnyBreakpointMatches<D>(t.host.id_aa64dfr0_el1,
                                                  t.pre.cpu.dbg, t.pre.cpu.pc));
  }
  DBGREF_REQUIREMENT_GOAL(ReqOsLock)
};

inline void AddGuestObligations(std::vector<Definition>& out) {
  const KindSet guest = KindsOf(model::kGuest);
  out.push_back(Define<HwBreak>(
      "req_hw_break", "REQ-HW-BREAK",
      "with USE_HW an instruction about to execute where userspace's "
      "breakpoint matches takes it to EL2, and no other breakpoint fires",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<HwWatch>(
      "req_hw_watch", "REQ-HW-WATCH",
      "with USE_HW a load or store touching watched bytes takes the "
      "watchpoint to EL2 before it is performed, with WnR and FAR",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<Brk>(
      "req_brk", "REQ-BRK",
      "BRK goes to userspace with its immediate while guest debug is on, to "
      "the guest's own vector otherwise",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<SsGuest>(
      "req_ss_guest", "REQ-SS",
      "with SINGLESTEP no second instruction completes before the step exit",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<ShadowDirect>(
      "req_shadow_direct", "REQ-SHADOW",
      "an MRS that reaches the register reads the guest's own value",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<IsolationGuest>(
      "req_isolation_guest", "REQ-ISOLATION",
      "no guest instruction changes userspace's registers, in its set or in "
      "the hardware",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<NoUndefGuest>(
      "req_noundef_guest", "REQ-NOUNDEF",
      "an MRS or MSR of an implemented debug register never UNDEFs; of an "
      "unimplemented one always",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<ExitGuest>(
      "req_exit_guest", "REQ-EXIT",
      "with guest debug off no debug exception reaches EL2",
      MethodKind::kFromInvariant, {guest}));
  out.push_back(Define<OsLock>(
      "req_oslock", "REQ-OSLOCK",
      "while the guest's OS lock is set its own breakpoints, watchpoints and "
      "steps do not fire",
      MethodKind::kFromInvariant, {guest}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_GUEST_H_
