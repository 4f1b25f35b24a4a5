// The vCPU ioctls of guest debug (spec/operations.md): KVM_SET_GUEST_DEBUG,
// the two capabilities of KVM_CHECK_EXTENSION, KVM_GET_ONE_REG and
// KVM_SET_ONE_REG of the PC, PSTATE, MDSCR_EL1 and the debug registers, and
// KVM_ARM_VCPU_INIT. Userspace calls them between KVM_RUNs only.
#ifndef DBGREF_MODEL_IOCTL_H_
#define DBGREF_MODEL_IOCTL_H_

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/arch/id_regs.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/record.h"
#include "model/state.h"
#include "model/uapi.h"

namespace dbgref::model {

template <class D>
WordOf<D> Errno(uint64_t e) {
  return D::lit(static_cast<uint64_t>(-static_cast<int64_t>(e)));
}

// KVM_SET_GUEST_DEBUG with kvm_guest_debug {control, arch} on s, a state
// the caller owns; returns the ioctl's return value as a 64-bit two's
// complement word. The merged order (kc:"The design that was merged"): the
// valid mask first, for every control word.
template <class D>
WordOf<D> SetGuestDebug(VcpuState<D>& s, const WordOf<D>& control,
                        const DebugRegs<D>& arch) {
  // REQ-IOCTL-VALID: a bit outside the valid set is refused, ENABLE or not,
  // and nothing changes.
  const BoolOf<D> invalid =
      AnyBits<D>(control, ~uint64_t{KVM_GUESTDBG_VALID_MASK});
  const BoolOf<D> refused = invalid;
  const BoolOf<D> enable = AnyBits<D>(control, KVM_GUESTDBG_ENABLE);
  // REQ-IOCTL-DISABLE: without ENABLE guest debug is off.
  const WordOf<D> stored = D::ite(enable, control, D::lit(0));
  // REQ-IOCTL-HWREGS: with ENABLE and USE_HW the whole arch struct (all 16
  // entries of each bank) is recorded for the next entry.
  const BoolOf<D> take_regs = And3<D>(D::not_(refused), enable,
                                      AnyBits<D>(control, KVM_GUESTDBG_USE_HW));
  AssignIf<D>(s.external.bcr, take_regs, arch.bcr);
  AssignIf<D>(s.external.bvr, take_regs, arch.bvr);
  AssignIf<D>(s.external.wcr, take_regs, arch.wcr);
  AssignIf<D>(s.external.wvr, take_regs, arch.wvr);
  s.control = D::ite(refused, s.control, stored);
  // A pending step belongs to the single-step that is turned off.
  s.pending_step =
      D::and_(s.pending_step,
              D::or_(refused, AnyBits<D>(stored, KVM_GUESTDBG_SINGLESTEP)));
  return D::ite(invalid, Errno<D>(DBGREF_EINVAL), D::lit(0));
}

// KVM_CHECK_EXTENSION. REQ-CAP: HW_BPS and HW_WPS report the counts from
// ID_AA64DFR0_EL1 (field + 1, so 1..16); any other capability reports 0.
template <class D>
WordOf<D> CheckExtension(const Host<D>& host, const WordOf<D>& cap) {
  const WordOf<D> brps = NumBrps<D>(host.id_aa64dfr0_el1);
  const WordOf<D> wrps = NumWrps<D>(host.id_aa64dfr0_el1);
  return D::ite(D::eq(cap, D::lit(DBGREF_CAP_HW_BPS)), brps,
                D::ite(D::eq(cap, D::lit(DBGREF_CAP_HW_WPS)), wrps, D::lit(0)));
}

template <class D>
BoolOf<D> IsOneReg(const WordOf<D>& reg, dbgref_one_reg r) {
  return D::eq(reg, D::lit(r));
}

// The bank register (enum dbgref_reg_kind) a ONE_REG id names.
template <class D>
WordOf<D> BankKindOfOneReg(const WordOf<D>& reg) {
  return D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_BCR), D::lit(DBGREF_REG_BCR),
         D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_BVR), D::lit(DBGREF_REG_BVR),
         D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_WCR), D::lit(DBGREF_REG_WCR),
         D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_WVR), D::lit(DBGREF_REG_WVR),
                D::lit(DBGREF_REG_MDSCR)))));
}

template <class D>
BoolOf<D> OneRegKnown(const WordOf<D>& reg, const WordOf<D>& index) {
  const BoolOf<D> banked = D::and_(D::ule(D::lit(DBGREF_ONE_REG_BCR), reg),
                                   D::ule(reg, D::lit(DBGREF_ONE_REG_WVR)));
  return D::or_(D::ult(reg, D::lit(DBGREF_ONE_REG_BCR)),
                D::and_(banked, D::ult(index, D::lit(kBankSize))));
}

// KVM_GET_ONE_REG: the value of the register in the guest's context; the
// return value is 0 or -ENOENT for an id KVM does not know.
template <class D>
WordOf<D> GetOneReg(const VcpuState<D>& s, const WordOf<D>& reg,
                    const WordOf<D>& index, WordOf<D>& value) {
  const BoolOf<D> known = OneRegKnown<D>(reg, index);
  value = D::ite(
      D::not_(known), D::lit(0),
      D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_PC), s.ctx.pc,
             D::ite(IsOneReg<D>(reg, DBGREF_ONE_REG_PSTATE), s.ctx.pstate,
                    ReadReg<D>(s.ctx, BankKindOfOneReg<D>(reg), index))));
  return D::ite(known, D::lit(0), Errno<D>(DBGREF_ENOENT));
}

// KVM_SET_ONE_REG: the register of the guest's context becomes value; what
// userspace writes is the guest's own from then on (the ghost follows).
template <class D>
WordOf<D> SetOneReg(VcpuState<D>& s, const WordOf<D>& reg,
                    const WordOf<D>& index, const WordOf<D>& value) {
  const BoolOf<D> known = OneRegKnown<D>(reg, index);
  const BoolOf<D> pc = D::and_(known, IsOneReg<D>(reg, DBGREF_ONE_REG_PC));
  const BoolOf<D> pstate =
      D::and_(known, IsOneReg<D>(reg, DBGREF_ONE_REG_PSTATE));
  const BoolOf<D> sysreg = And3<D>(known, D::not_(pc), D::not_(pstate));
  const WordOf<D> kind = BankKindOfOneReg<D>(reg);
  s.ctx.pc = D::ite(pc, value, s.ctx.pc);
  s.ctx.pstate = D::ite(pstate, value, s.ctx.pstate);
  WriteRegIf<D>(s.ctx, sysreg, kind, index, value);
  WriteRegIf<D>(s.ghost, sysreg, kind, index, value);
  s.ghost.pstate_ss = D::ite(pstate, PstateSs<D>(value), s.ghost.pstate_ss);
  return D::ite(known, D::lit(0), Errno<D>(DBGREF_ENOENT));
}

// KVM_ARM_VCPU_INIT, then the runtime's set-up of the guest (spec/
// decisions.md, "What a reset does"): the guest's registers get their reset
// values (its debug registers, MDSCR_EL1, MDCCINT_EL1 and OS lock as KVM
// resets them: 0 and unlocked) and it starts again at the start of its
// code; userspace's guest debug (the control word and its registers) is
// not the guest's and stays; KVM's own flags for the guest's registers
// start afresh.
template <class D>
void VcpuInit(VcpuState<D>& s) {
  s.ctx = ResetContext<D>();
  s.ghost = GhostOf<D>(s.ctx);
  s.dirty = D::lit_bool(false);
  s.pending_step = D::lit_bool(false);
  s.increment_pc = D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_IOCTL_H_
