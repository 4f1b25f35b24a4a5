// KVM_GET_ONE_REG / KVM_SET_ONE_REG ids for arm64: core registers (PC,
// PSTATE, Xn, and ELR_EL1 and SPSR_EL1, which KVM keeps in struct
// kvm_regs) and ARM64_SYS_REG ids of system registers. Values from Linux's
// arch/arm64/include/uapi/asm/kvm.h and include/uapi/linux/kvm.h.
#ifndef DBGREF_ORACLE_HOST_ONE_REG_H_
#define DBGREF_ORACLE_HOST_ONE_REG_H_

#include <cstdint>
#include <string>

#include "oracle/host/a64.h"

namespace dbgref::oracle::one_reg {

inline constexpr uint64_t kRegArm64 = 0x6000000000000000ull;
inline constexpr uint64_t kRegSizeU64 = 0x0030000000000000ull;
inline constexpr uint64_t kRegArmCore = 0x0010ull << 16;
inline constexpr uint64_t kRegArm64Sysreg = 0x0013ull << 16;

// A core register by its offset in struct kvm_regs, in bytes.
constexpr uint64_t Core(uint64_t byte_offset) {
  return kRegArm64 | kRegSizeU64 | kRegArmCore | (byte_offset / 4);
}

// struct kvm_regs: user_pt_regs {regs[31], sp, pc, pstate}, then sp_el1,
// elr_el1, spsr[5], ...
constexpr uint64_t X(int n) { return Core(8 * static_cast<uint64_t>(n)); }
inline constexpr uint64_t kSp = Core(31 * 8);
inline constexpr uint64_t kPc = Core(32 * 8);
inline constexpr uint64_t kPstate = Core(33 * 8);
inline constexpr uint64_t kSpEl1 = Core(34 * 8);
inline constexpr uint64_t kElrEl1 = Core(35 * 8);
inline constexpr uint64_t kSpsrEl1 = Core(36 * 8);  // spsr[KVM_SPSR_EL1 = 0]

constexpr uint64_t Sys(uint64_t op0, uint64_t op1, uint64_t crn, uint64_t crm,
                       uint64_t op2) {
  return kRegArm64 | kRegSizeU64 | kRegArm64Sysreg | (op0 << 14) | (op1 << 11) |
         (crn << 7) | (crm << 3) | op2;
}

inline uint64_t Sys(const a64::SysReg& r) {
  return Sys(r.op0, r.op1, r.crn, r.crm, r.op2);
}

inline constexpr uint64_t kEsrEl1 = Sys(3, 0, 5, 2, 0);
inline constexpr uint64_t kFarEl1 = Sys(3, 0, 6, 0, 0);
inline constexpr uint64_t kVbarEl1 = Sys(3, 0, 12, 0, 0);
inline constexpr uint64_t kMdscrEl1 = Sys(2, 0, 0, 2, 2);
inline constexpr uint64_t kMdccintEl1 = Sys(2, 0, 0, 2, 0);
inline constexpr uint64_t kOslsrEl1 = Sys(2, 0, 1, 1, 4);
inline constexpr uint64_t kIdAa64dfr0El1 = Sys(3, 0, 0, 5, 0);
// A debug-space id (op0 2, op1 0, CRn 0, CRm 0, op2 0) that the
// architecture does not allocate and KVM has no register for: GET and SET
// give -ENOENT on 6.1 and 6.12 (oracle_scenarios_test). A trace's ONE_REG
// of a register KVM does not know (bank entry 16 and up) is this id.
inline constexpr uint64_t kUnknownSysReg = Sys(2, 0, 0, 0, 0);
inline uint64_t Dbgbcr(int n) { return Sys(a64::Dbgbcr(n)); }
inline uint64_t Dbgbvr(int n) { return Sys(a64::Dbgbvr(n)); }
inline uint64_t Dbgwcr(int n) { return Sys(a64::Dbgwcr(n)); }
inline uint64_t Dbgwvr(int n) { return Sys(a64::Dbgwvr(n)); }

// A name for reports, e.g. "PC", "X3", "ESR_EL1", or the id in hex.
std::string Name(uint64_t id);

}  // namespace dbgref::oracle::one_reg

#endif  // DBGREF_ORACLE_HOST_ONE_REG_H_
