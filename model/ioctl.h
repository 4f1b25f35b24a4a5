// The vCPU ioctls of guest debug: KVM_SET_GUEST_DEBUG and the two
// capabilities of KVM_CHECK_EXTENSION (spec/operations.md).
#ifndef DBGREF_MODEL_IOCTL_H_
#define DBGREF_MODEL_IOCTL_H_

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/record.h"
#include "model/state.h"
#include "model/uapi.h"

namespace dbgref::model {

// KVM_SET_GUEST_DEBUG with kvm_guest_debug {control, arch} on s, a state
// the caller owns; returns the ioctl's return value as a 64-bit two's
// complement word.
template <class D>
WordOf<D> SetGuestDebug(VcpuState<D>& s, const WordOf<D>& control,
                        const DebugRegs<D>& arch) {
  const BoolOf<D> enable = AnyBits<D>(control, KVM_GUESTDBG_ENABLE);
  // REQ-IOCTL-VALID: with ENABLE, a bit outside the valid set is refused
  // and nothing changes.
  const BoolOf<D> invalid =
      D::and_(enable, AnyBits<D>(control, ~uint64_t{KVM_GUESTDBG_VALID_MASK}));
  const BoolOf<D> refused = invalid;
  const WordOf<D> ret =
      D::ite(invalid, D::lit(static_cast<uint64_t>(-int64_t{DBGREF_EINVAL})),
             D::lit(0));
  // REQ-IOCTL-DISABLE: without ENABLE guest debug is off, whatever else
  // was passed.
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
  return ret;
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

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_IOCTL_H_
