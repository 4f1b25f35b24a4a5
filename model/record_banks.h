// The four register banks of a kvm_guest_debug_arch (model/uapi.h) by the
// register kind that names them in the records (model/record.h): the one
// place that maps DBGREF_REG_BCR to dbg_bcr and so on.
//
//   for (uint32_t kind : model::kRegisterBanks)
//     for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n)
//       total += model::RegisterBank(arch, kind)[n];
#ifndef DBGREF_MODEL_RECORD_BANKS_H_
#define DBGREF_MODEL_RECORD_BANKS_H_

#include <array>
#include <cstdint>

#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::model {

// The register kinds that are banks of 16, in the order of the struct.
inline constexpr std::array<uint32_t, 4> kRegisterBanks = {
    DBGREF_REG_BCR, DBGREF_REG_BVR, DBGREF_REG_WCR, DBGREF_REG_WVR};

// Whether reg_kind names one of the four banks (rather than MDSCR_EL1 or
// MDCCINT_EL1).
inline constexpr bool IsRegisterBank(uint32_t reg_kind) {
  return reg_kind <= DBGREF_REG_WVR;
}

namespace record_banks_internal {

// Arch is kvm_guest_debug_arch or const kvm_guest_debug_arch; the result
// points to its first entry, as const as arch is.
template <class Arch>
auto* Bank(Arch& arch, uint32_t reg_kind) {
  switch (reg_kind) {
    case DBGREF_REG_BCR:
      return arch.dbg_bcr;
    case DBGREF_REG_BVR:
      return arch.dbg_bvr;
    case DBGREF_REG_WCR:
      return arch.dbg_wcr;
    default:
      return arch.dbg_wvr;
  }
}

}  // namespace record_banks_internal

// The 16 entries of the bank reg_kind names (a kind that is no bank gives
// the watchpoint values, the last bank).
inline uint64_t* RegisterBank(kvm_guest_debug_arch& arch, uint32_t reg_kind) {
  return record_banks_internal::Bank(arch, reg_kind);
}
inline const uint64_t* RegisterBank(const kvm_guest_debug_arch& arch,
                                    uint32_t reg_kind) {
  return record_banks_internal::Bank(arch, reg_kind);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RECORD_BANKS_H_
