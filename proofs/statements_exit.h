// What every exit from the guest does (REQ-RESTORE, REQ-SS, REQ-SHADOW,
// REQ-ISOLATION, REQ-NOUNDEF, REQ-EXIT): the model's predicate on one EXIT
// from any state satisfying the invariant.
#ifndef DBGREF_PROOFS_STATEMENTS_EXIT_H_
#define DBGREF_PROOFS_STATEMENTS_EXIT_H_

#include <vector>

#include "model/arch/syndrome.h"
#include "model/requirements.h"
#include "model/state.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

template <class D>
model::BoolOf<D> ExitedOn(const Path<D>& p, uint64_t ec) {
  return model::HasClass<D>(Last(p).pre.cpu.esr_el2, ec);
}

// An exit while USE_HW and SINGLESTEP both borrow the guest's state.
struct RestoreExit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::UseHwOn<D>(p.start), model::SingleStepOn<D>(p.start));
  }
  DBGREF_REQUIREMENT_GOAL(ReqRestore)
};

// The step exit while single-stepping.
struct SsExit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::SingleStepOn<D>(p.start),
                   ExitedOn<D>(p, DBGREF_EC_SOFTSTP_LOW));
  }
  DBGREF_REQUIREMENT_GOAL(ReqSs)
};

// A trapped MRS emulated while USE_HW is on.
struct ShadowEmulated : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(model::UseHwOn<D>(p.start), ExitedOn<D>(p, DBGREF_EC_SYS64),
                   model::IsInsn<D>(Last(p).pre.cpu.trapped, DBGREF_INSN_MRS));
  }
  DBGREF_REQUIREMENT_GOAL(ReqShadow)
};

struct IsolationExit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::UseHwOn<D>(p.start), ExitedOn<D>(p, DBGREF_EC_SYS64));
  }
  DBGREF_REQUIREMENT_GOAL(ReqIsolation)
};

// A trapped MSR of MDSCR_EL1 while USE_HW is on (v2's UNDEF).
struct NoUndefExit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Insn<D>& i = Last(p).pre.cpu.trapped;
    return And3<D>(model::UseHwOn<D>(p.start), ExitedOn<D>(p, DBGREF_EC_SYS64),
                   model::IsKind<D>(i.reg, DBGREF_REG_MDSCR));
  }
  DBGREF_REQUIREMENT_GOAL(ReqNoundef)
};

// A watchpoint exit.
struct ExitExit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return ExitedOn<D>(p, DBGREF_EC_WATCHPT_LOW);
  }
  DBGREF_REQUIREMENT_GOAL(ReqExit)
};

inline void AddExitObligations(std::vector<Definition>& out) {
  const KindSet exit = KindsOf(model::kExit);
  out.push_back(Define<RestoreExit>(
      "req_restore_exit", "REQ-RESTORE",
      "after every exit the guest context is the guest's own: no forced SS, "
      "MDE or userspace breakpoint left",
      MethodKind::kFromInvariant, {exit}));
  out.push_back(Define<SsExit>(
      "req_ss_exit", "REQ-SS",
      "with SINGLESTEP a step exit comes after exactly one completed "
      "instruction, at the PC after it, and the guest's SS bits come back",
      MethodKind::kFromInvariant, {exit}));
  out.push_back(Define<ShadowEmulated>(
      "req_shadow_emulated", "REQ-SHADOW",
      "an MRS that KVM emulates reads the guest's own value",
      MethodKind::kFromInvariant, {exit}));
  out.push_back(Define<IsolationExit>(
      "req_isolation_exit", "REQ-ISOLATION",
      "an exit saves nothing of the guest's into userspace's registers",
      MethodKind::kFromInvariant, {exit}));
  out.push_back(Define<NoUndefExit>(
      "req_noundef_exit", "REQ-NOUNDEF",
      "KVM emulates every trapped access and never gives an UNDEF for it",
      MethodKind::kFromInvariant, {exit}));
  out.push_back(Define<ExitExit>(
      "req_exit", "REQ-EXIT",
      "an exit goes to userspace as KVM_EXIT_DEBUG exactly for a debug "
      "exception, with hsr, far for a watchpoint, and the PC",
      MethodKind::kFromInvariant, {exit}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_EXIT_H_
