// The syndrome the CPU reports in ESR_EL2 for a trapped MRS/MSR of a debug
// register (Arm ARM, ESR_ELx, ISS encoding for an exception from MSR, MRS
// or system instruction execution: Op0 [21:20], Op2 [19:17], Op1 [16:14],
// CRn [13:10], Rt [9:5], CRm [4:1], Direction [0], 1 for a read), and the
// encodings of the registers (Arm ARM, the debug registers' MRS/MSR
// encodings: DBGBVRn_EL1 is op0 2, op1 0, CRn 0, CRm n, op2 4; DBGBCRn 5;
// DBGWVRn 6; DBGWCRn 7; MDSCR_EL1 CRm 2, op2 2; MDCCINT_EL1 CRm 2, op2 0).
#ifndef DBGREF_MODEL_ARCH_SYNDROME_H_
#define DBGREF_MODEL_ARCH_SYNDROME_H_

#include <cstdint>

#include "model/arch/registers.h"
#include "model/record.h"

namespace dbgref::model {

struct SysRegEncoding {
  uint32_t op0, op1, crn, crm, op2;
};

inline SysRegEncoding DebugRegisterEncoding(uint32_t reg_kind,
                                            uint32_t index) {
  const uint32_t n = index & 0xf;
  switch (reg_kind) {
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
    default:  // DBGREF_REG_MDSCR
      return {2, 0, 0, 2, 2};
  }
}

// ESR_EL2 of a trapped access: EC SYS64, IL set (a 32-bit instruction).
inline uint32_t Sys64Syndrome(uint32_t reg_kind, uint32_t index, bool is_write,
                              uint32_t rt) {
  const SysRegEncoding e = DebugRegisterEncoding(reg_kind, index);
  const uint32_t il = 1u << 25;
  return (uint32_t{DBGREF_EC_SYS64} << DBGREF_ESR_EC_SHIFT) | il |
         (e.op0 << 20) | (e.op2 << 17) | (e.op1 << 14) | (e.crn << 10) |
         (rt << 5) | (e.crm << 1) | (is_write ? 0u : 1u);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_SYNDROME_H_
