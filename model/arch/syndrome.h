// The syndromes the CPU reports in ESR_ELx for the exceptions of guest
// debug (Arm ARM, ESR_ELx; spec/sources.md [arm:esr]): EC in bits [31:26],
// IL set (every exception here is from a 32-bit instruction, or is a
// debug exception or a data abort, for which IL is 1), and the ISS:
//  - software step: ISV (bit 24) when the step completed an instruction
//    just before, and the debug fault status code 0b100010;
//  - breakpoint: the debug fault status code;
//  - watchpoint: WnR (bit 6) for a store, and the debug fault status code;
//  - BRK: the 16-bit immediate;
//  - an MRS or MSR trapped to EL2: Op0 [21:20], Op2 [19:17], Op1 [16:14],
//    CRn [13:10], Rt [9:5], CRm [4:1], and the direction (1 for a read) in
//    bit 0, with the registers' encodings (DBGBVRn_EL1 is op0 2, op1 0,
//    CRn 0, CRm n, op2 4; DBGBCRn 5; DBGWVRn 6; DBGWCRn 7; MDSCR_EL1 CRm 2
//    op2 2; MDCCINT_EL1 CRm 2 op2 0; OSLAR_EL1 CRn 1 CRm 0 op2 4;
//    OSLSR_EL1 CRn 1 CRm 1 op2 4);
//  - a data abort of an MMIO store: ISV, SAS, SRT, SF, WnR.
#ifndef DBGREF_MODEL_ARCH_SYNDROME_H_
#define DBGREF_MODEL_ARCH_SYNDROME_H_

#include <cstdint>
#include <type_traits>

#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/record.h"

namespace dbgref::model {

template <class D>
WordOf<D> ExceptionClass(const WordOf<D>& esr) {
  return Field<D>(esr, DBGREF_ESR_EC_SHIFT, DBGREF_ESR_EC_MASK);
}

template <class D>
BoolOf<D> HasClass(const WordOf<D>& esr, uint64_t ec) {
  return D::eq(ExceptionClass<D>(esr), D::lit(ec));
}

// EC with IL set and the ISS iss.
template <class D>
WordOf<D> Syndrome(uint64_t ec, const WordOf<D>& iss) {
  return D::bor(D::lit((ec << DBGREF_ESR_EC_SHIFT) | DBGREF_ESR_IL), iss);
}

// The debug exception classes taken from EL1 to EL2, which KVM reports to
// userspace: breakpoint, software step, watchpoint, BRK.
template <class D>
BoolOf<D> IsDebugClassToEl2(const WordOf<D>& esr) {
  return D::or_(D::or_(HasClass<D>(esr, DBGREF_EC_BREAKPT_LOW),
                       HasClass<D>(esr, DBGREF_EC_SOFTSTP_LOW)),
                D::or_(HasClass<D>(esr, DBGREF_EC_WATCHPT_LOW),
                       HasClass<D>(esr, DBGREF_EC_BRK64)));
}

struct SysRegEncoding {
  uint32_t op0, op1, crn, crm, op2;
};

inline SysRegEncoding SysRegEncodingOf(uint32_t reg, uint32_t index) {
  const uint32_t n = index & 0xf;
  switch (reg) {
    case DBGREF_REG_BVR:
      return {2, 0, 0, n, 4};
    case DBGREF_REG_BCR:
      return {2, 0, 0, n, 5};
    case DBGREF_REG_WVR:
      return {2, 0, 0, n, 6};
    case DBGREF_REG_WCR:
      return {2, 0, 0, n, 7};
    case DBGREF_REG_MDCCINT:
      return {2, 0, 0, 2, 0};
    case DBGREF_REG_OSLAR:
      return {2, 0, 1, 0, 4};
    case DBGREF_REG_OSLSR:
      return {2, 0, 1, 1, 4};
    default:  // DBGREF_REG_MDSCR
      return {2, 0, 0, 2, 2};
  }
}

inline uint64_t Sys64Iss(uint32_t reg, uint32_t index, bool is_write,
                         uint32_t rt) {
  const SysRegEncoding e = SysRegEncodingOf(reg, index);
  return (uint64_t{e.op0} << 20) | (uint64_t{e.op2} << 17) |
         (uint64_t{e.op1} << 14) | (uint64_t{e.crn} << 10) |
         (uint64_t{rt} << 5) | (uint64_t{e.crm} << 1) | (is_write ? 0u : 1u);
}

// The ISS of a trapped MRS (is_write false) or MSR of register (reg,
// index) with Rt = DBGREF_TRANSFER_REG, for any domain: the encoding as an
// ite over the register kinds and indices.
template <class D>
WordOf<D> Sys64IssOf(const WordOf<D>& reg, const WordOf<D>& index,
                     const BoolOf<D>& is_write) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    // The one (r, n) of the loop below whose `here` holds, if any: r is
    // reg, and n is index for a bank (0 otherwise, the only n there is).
    const bool banked = reg <= DBGREF_REG_WVR;
    if (reg >= DBGREF_REG_KIND_COUNT || (banked && index >= 16)) {
      return D::lit(0);
    }
    return D::lit(Sys64Iss(static_cast<uint32_t>(reg),
                           banked ? static_cast<uint32_t>(index) : 0u, is_write,
                           DBGREF_TRANSFER_REG));
  } else {
    WordOf<D> iss = D::lit(0);
    for (uint32_t r = 0; r < DBGREF_REG_KIND_COUNT; ++r) {
      const bool banked = r <= DBGREF_REG_WVR;
      for (uint32_t n = 0; n < (banked ? 16u : 1u); ++n) {
        const BoolOf<D> here =
            banked ? D::and_(D::eq(reg, D::lit(r)), D::eq(index, D::lit(n)))
                   : D::eq(reg, D::lit(r));
        const uint64_t write = Sys64Iss(r, n, true, DBGREF_TRANSFER_REG);
        const uint64_t read = Sys64Iss(r, n, false, DBGREF_TRANSFER_REG);
        iss = D::ite(here, D::ite(is_write, D::lit(write), D::lit(read)), iss);
      }
    }
    return iss;
  }
}

// A data abort of an 8-byte store of XZR to MMIO.
inline constexpr uint64_t kMmioStoreIss =
    DBGREF_ESR_DABT_ISV | (uint64_t{3} << DBGREF_ESR_DABT_SAS_SHIFT) |
    (uint64_t{31} << DBGREF_ESR_DABT_SRT_SHIFT) | DBGREF_ESR_DABT_SF |
    DBGREF_ESR_WNR | DBGREF_ESR_DABT_TRANSLATION_L3;

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_SYNDROME_H_
