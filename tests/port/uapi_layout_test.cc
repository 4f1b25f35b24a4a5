// The uapi structures guest debug passes through KVM_SET_GUEST_DEBUG,
// kvm_run, KVM_GET_ONE_REG/KVM_SET_ONE_REG and KVM_ARM_VCPU_INIT, checked
// at run time against the sizes, offsets and numbers of Linux's arm64 uapi
// (include/uapi/linux/kvm.h, arch/arm64/include/uapi/asm/kvm.h), and the
// records of the interface every revision implements (model/record.h).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "model/record.h"
#include "model/uapi.h"
#include "port/driver.h"
#include "port/shim/one_reg.h"

namespace {

// Read through volatile, so that the values are taken at run time.
size_t Runtime(size_t v) {
  volatile size_t x = v;
  return x;
}

TEST(UapiLayout, KvmGuestDebugArch) {
  EXPECT_EQ(Runtime(sizeof(kvm_guest_debug_arch)), 512u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug_arch, dbg_bcr)), 0u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug_arch, dbg_bvr)), 128u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug_arch, dbg_wcr)), 256u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug_arch, dbg_wvr)), 384u);
  EXPECT_EQ(Runtime(sizeof(kvm_guest_debug_arch{}.dbg_bcr[0])), 8u);
}

TEST(UapiLayout, KvmGuestDebug) {
  EXPECT_EQ(Runtime(sizeof(kvm_guest_debug)), 520u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug, control)), 0u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug, pad)), 4u);
  EXPECT_EQ(Runtime(offsetof(kvm_guest_debug, arch)), 8u);
}

TEST(UapiLayout, KvmDebugExitArchV2) {
  EXPECT_EQ(Runtime(sizeof(kvm_debug_exit_arch_v2)), 24u);
  EXPECT_EQ(Runtime(offsetof(kvm_debug_exit_arch_v2, pc)), 0u);
  EXPECT_EQ(Runtime(offsetof(kvm_debug_exit_arch_v2, hsr)), 8u);
  EXPECT_EQ(Runtime(offsetof(kvm_debug_exit_arch_v2, far)), 16u);
}

TEST(UapiLayout, KvmDebugExitArchFinal) {
  EXPECT_EQ(Runtime(sizeof(kvm_debug_exit_arch_final)), 16u);
  EXPECT_EQ(Runtime(offsetof(kvm_debug_exit_arch_final, hsr)), 0u);
  EXPECT_EQ(Runtime(offsetof(kvm_debug_exit_arch_final, far)), 8u);
}

TEST(UapiLayout, ControlBitsAndCapabilities) {
  EXPECT_EQ(KVM_GUESTDBG_ENABLE, 0x1u);
  EXPECT_EQ(KVM_GUESTDBG_SINGLESTEP, 0x2u);
  EXPECT_EQ(KVM_GUESTDBG_USE_SW_BP, 0x10000u);
  EXPECT_EQ(KVM_GUESTDBG_USE_HW, 0x20000u);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_BPS_V2, 107);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_WPS_V2, 108);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL, 119);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL, 120);
  EXPECT_EQ(KVM_EXIT_DEBUG, 4);
  EXPECT_EQ(KVM_EXIT_MMIO, 6);
  EXPECT_EQ(KVM_EXIT_INTR, 10);
}

TEST(UapiLayout, KvmOneRegAndVcpuInit) {
  EXPECT_EQ(Runtime(sizeof(kvm_one_reg)), 16u);
  EXPECT_EQ(Runtime(offsetof(kvm_one_reg, id)), 0u);
  EXPECT_EQ(Runtime(offsetof(kvm_one_reg, addr)), 8u);
  EXPECT_EQ(Runtime(sizeof(kvm_vcpu_init)), 32u);
  EXPECT_EQ(Runtime(offsetof(kvm_vcpu_init, features)), 4u);
}

// The ids the driver passes: the core registers by their 32-bit word
// offset in struct kvm_regs (31 x-registers, sp, pc, pstate; sp_el1,
// elr_el1, spsr[]), the system registers by encoding.
TEST(UapiLayout, OneRegIds) {
  const uint64_t core = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE;
  EXPECT_EQ(core | DBGREF_CORE_OFF_PC, 0x6030000000100040ull);
  EXPECT_EQ(core | DBGREF_CORE_OFF_PSTATE, 0x6030000000100042ull);
  EXPECT_EQ(core | DBGREF_CORE_OFF_ELR_EL1, 0x6030000000100046ull);
  EXPECT_EQ(core | DBGREF_CORE_OFF_SPSR_EL1, 0x6030000000100048ull);
  EXPECT_EQ(DBGREF_CORE_OFF_PC, (32 * 8) / 4);
  EXPECT_EQ(DBGREF_CORE_OFF_ELR_EL1, (35 * 8) / 4);
  EXPECT_EQ(ARM64_SYS_REG(2, 0, 0, 2, 2), 0x6030000000138012ull);  // MDSCR
  EXPECT_EQ(ARM64_SYS_REG(2, 0, 0, 15, 4), 0x603000000013807cull);  // BVR15
  EXPECT_EQ(ARM64_SYS_REG(2, 0, 0, 0, 5), 0x6030000000138005ull);   // BCR0
  EXPECT_EQ(ARM64_SYS_REG(2, 0, 0, 3, 7), 0x603000000013801full);   // WCR3
  EXPECT_EQ(ARM64_SYS_REG(3, 0, 5, 2, 0), 0x603000000013c290ull);   // ESR
  EXPECT_EQ(ARM64_SYS_REG(3, 0, 6, 0, 0), 0x603000000013c300ull);   // FAR
  EXPECT_EQ(KVM_REG_SIZE(KVM_REG_SIZE_U64), 8u);
}

// An operation observes at most this many steps: the bound's guest steps,
// the interrupt, and an ENTER and EXIT around each iteration.
TEST(UapiLayout, ObservationsPerOperation) {
  EXPECT_EQ(DBGREF_MAX_OBS_PER_OP, 3 * (DBGREF_MAX_GUEST_STEPS + 1) + 2);
  EXPECT_EQ(Runtime(offsetof(dbgref_obs, step)), 0u);
}

}  // namespace
