// What the ioctls do (REQ-IOCTL-VALID, REQ-IOCTL-DISABLE, REQ-IOCTL-HWREGS,
// REQ-CAP, REQ-ONE-REG, REQ-INIT), and that they leave the guest context
// the guest's own (REQ-RESTORE): each the model's predicate on one ioctl
// from any state satisfying the invariant.
#ifndef DBGREF_PROOFS_STATEMENTS_IOCTL_H_
#define DBGREF_PROOFS_STATEMENTS_IOCTL_H_

#include <vector>

#include "model/arch/id_regs.h"
#include "model/op.h"
#include "model/requirements.h"
#include "model/state.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// An unknown bit without ENABLE: the merged order refuses it too.
struct IoctlValid : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Op<D>& op = Last(p).op;
    return D::and_(
        D::not_(model::AnyBits<D>(op.control, KVM_GUESTDBG_ENABLE)),
        model::AnyBits<D>(op.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK}));
  }
  DBGREF_REQUIREMENT_GOAL(ReqIoctlValid)
};

// Guest debug was on and is turned off.
struct IoctlDisable : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::DebugActive<D>(p.start),
                   D::eq(Last(p).op.control, D::lit(0)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqIoctlDisable)
};

struct IoctlHwregs : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return Accepts<D>(Last(p).op, KVM_GUESTDBG_USE_HW);
  }
  DBGREF_REQUIREMENT_GOAL(ReqIoctlHwregs)
};

// A host with all sixteen breakpoints.
struct Cap : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::eq(model::BrpsField<D>(p.host.id_aa64dfr0_el1), D::lit(15));
  }
  DBGREF_REQUIREMENT_GOAL(ReqCap)
};

// A register read while userspace's breakpoints are in force.
struct OneReg : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::UseHwOn<D>(p.start),
                   model::IsOneReg<D>(Last(p).op.reg, DBGREF_ONE_REG_BCR));
  }
  DBGREF_REQUIREMENT_GOAL(ReqOneReg)
};

// A reset while guest debug is on.
struct Init : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return model::UseHwOn<D>(p.start);
  }
  DBGREF_REQUIREMENT_GOAL(ReqInit)
};

// An ioctl while guest debug is on, with the guest's registers set.
struct RestoreIoctl : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::SingleStepOn<D>(p.start),
                   model::Ne<D>(p.start.ghost.mdscr_el1, D::lit(0)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqRestore)
};

inline void AddIoctlObligations(std::vector<Definition>& out) {
  const KindSet set = KindsOf(model::kSetGuestDebug);
  out.push_back(Define<IoctlValid>(
      "req_ioctl_valid", "REQ-IOCTL-VALID",
      "a control bit outside the valid mask gives -EINVAL and changes "
      "nothing, with ENABLE or without",
      MethodKind::kFromInvariant, {set}));
  out.push_back(Define<IoctlDisable>(
      "req_ioctl_disable", "REQ-IOCTL-DISABLE",
      "a valid control word without ENABLE turns guest debug off",
      MethodKind::kFromInvariant, {set}));
  out.push_back(Define<IoctlHwregs>(
      "req_ioctl_hwregs", "REQ-IOCTL-HWREGS",
      "ENABLE|USE_HW records all 16 entries of each of userspace's banks",
      MethodKind::kFromInvariant, {set}));
  out.push_back(Define<Cap>(
      "req_cap", "REQ-CAP",
      "HW_BPS and HW_WPS report BRPs+1 and WRPs+1 for every ID_AA64DFR0_EL1",
      MethodKind::kFromInvariant, {KindsOf(model::kCheckExtension)}));
  out.push_back(Define<OneReg>(
      "req_one_reg", "REQ-ONE-REG",
      "KVM_GET_ONE_REG reads the guest's own values and KVM_SET_ONE_REG "
      "writes them, whatever guest debug does",
      MethodKind::kFromInvariant,
      {KindsOf(model::kGetOneReg) | KindsOf(model::kSetOneReg)}));
  out.push_back(Define<Init>(
      "req_init", "REQ-INIT",
      "KVM_ARM_VCPU_INIT resets the guest's debug state and keeps "
      "userspace's",
      MethodKind::kFromInvariant, {KindsOf(model::kVcpuInit)}));
  out.push_back(Define<RestoreIoctl>(
      "req_restore_ioctl", "REQ-RESTORE",
      "after every ioctl the guest context is the guest's own",
      MethodKind::kFromInvariant, {kIoctlKinds}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_IOCTL_H_
