// The vCPU ioctls: KVM_SET_GUEST_DEBUG (REQ-IOCTL-VALID, REQ-IOCTL-DISABLE,
// REQ-IOCTL-HWREGS) and KVM_CHECK_EXTENSION (REQ-CAP). Each requirement is
// the model's predicate (model/requirements.h) on one operation of any kind
// from any state satisfying the invariant; REQ-IOCTL-HWREGS also follows the
// recorded registers into the next entry.
#ifndef DBGREF_PROOFS_STATEMENTS_IOCTL_H_
#define DBGREF_PROOFS_STATEMENTS_IOCTL_H_

#include <cstdint>
#include <vector>

#include "model/arch/registers.h"
#include "model/host.h"
#include "model/requirements.h"
#include "model/uapi.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// ENABLE with a bit outside the valid set: the call KVM must refuse.
struct IoctlValid : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Op<D>& op = Last(p).op;
    return And3<D>(
        IsSet<D>(op), model::AnyBits<D>(op.control, KVM_GUESTDBG_ENABLE),
        model::AnyBits<D>(op.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK}));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqIoctlValid<D>(Last(p));
  }
};

// Without ENABLE, but with other bits, while guest debug is on.
struct IoctlDisable : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Op<D>& op = Last(p).op;
    return And3<D>(D::and_(IsSet<D>(op), model::DebugActive<D>(p.start)),
                   D::not_(model::AnyBits<D>(op.control, KVM_GUESTDBG_ENABLE)),
                   model::AnyBits<D>(op.control, KVM_GUESTDBG_USE_HW));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqIoctlDisable<D>(Last(p));
  }
};

struct IoctlHwregs : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsSet<D>(Last(p).op), AcceptsUseHw<D>(Last(p).op));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqIoctlHwregs<D>(Last(p));
  }
};

// KVM_SET_GUEST_DEBUG with ENABLE|USE_HW, accepted, then KVM_RUN: while the
// guest runs, breakpoints 0..BRPs and watchpoints 0..WRPs hold exactly the
// values userspace passed, and MDSCR_EL1.MDE is set.
struct IoctlHwregsReachEntry {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>& p) {
    return AcceptsUseHw<D>(p.steps[0].op);
  }
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::eq(model::BrpsField<D>(p.host.id_aa64dfr0_el1), D::lit(15));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    const model::DebugRegs<D>& want = p.steps[0].op.arch;
    const model::DebugRegs<D>& hw = p.steps[1].obs.entry_hw;
    const model::WordOf<D> brps = model::BrpsField<D>(p.host.id_aa64dfr0_el1);
    const model::WordOf<D> wrps = model::WrpsField<D>(p.host.id_aa64dfr0_el1);
    model::BoolOf<D> ok =
        model::AnyBits<D>(p.steps[1].obs.entry_mdscr_el1, DBGREF_MDSCR_MDE);
    for (std::size_t n = 0; n < model::kBankSize; ++n) {
      const model::BoolOf<D> bp = D::ule(D::lit(n), brps);
      const model::BoolOf<D> wp = D::ule(D::lit(n), wrps);
      ok = D::and_(ok, model::Implies<D>(bp, D::eq(hw.bcr[n], want.bcr[n])));
      ok = D::and_(ok, model::Implies<D>(bp, D::eq(hw.bvr[n], want.bvr[n])));
      ok = D::and_(ok, model::Implies<D>(wp, D::eq(hw.wcr[n], want.wcr[n])));
      ok = D::and_(ok, model::Implies<D>(wp, D::eq(hw.wvr[n], want.wvr[n])));
    }
    return ok;
  }
};

// HW_WPS on a host with 16 watchpoints.
struct Cap : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(model::IsOp<D>(Last(p).op, DBGREF_OP_CHECK_EXTENSION),
                   D::eq(Last(p).op.cap, D::lit(DBGREF_CAP_HW_WPS)),
                   D::eq(model::WrpsField<D>(p.host.id_aa64dfr0_el1), D::lit(15)));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqCap<D>(Last(p));
  }
};

inline void AddIoctlObligations(std::vector<Definition>& out) {
  out.push_back(Define<IoctlValid>(
      "req_ioctl_valid", "REQ-IOCTL-VALID",
      "ENABLE with a bit outside the valid set returns -EINVAL and changes "
      "nothing; any other control word returns 0 and ENABLE stores it",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<IoctlDisable>(
      "req_ioctl_disable", "REQ-IOCTL-DISABLE",
      "without ENABLE guest debug is off afterwards, whatever other bits "
      "were passed",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<IoctlHwregs>(
      "req_ioctl_hwregs", "REQ-IOCTL-HWREGS",
      "ENABLE|USE_HW, accepted, records all 16 entries of every bank of "
      "userspace's registers",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<IoctlHwregsReachEntry>(
      "req_ioctl_hwregs_next_entry", "REQ-IOCTL-HWREGS",
      "the registers recorded by ENABLE|USE_HW are in the hardware, and "
      "enabled, when the guest next runs",
      MethodKind::kFromInvariant, {kSetGuestDebugOp, kRunOp}));
  out.push_back(Define<Cap>(
      "req_cap", "REQ-CAP",
      "KVM_CHECK_EXTENSION reports BRPs+1 and WRPs+1, within 1..16, for "
      "every ID_AA64DFR0_EL1, and 0 for other capabilities",
      MethodKind::kFromInvariant, {kAnyOp}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_IOCTL_H_
