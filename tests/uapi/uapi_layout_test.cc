// Checks model/uapi.h and model/arch.h against the values of Linux's uapi
// and asm headers (spec/sources.md), at run time, so that a wrong constant
// or layout is reported by name rather than only by a static assertion.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "model/arch/registers.h"
#include "model/record.h"
#include "model/uapi.h"

namespace {

TEST(UapiConstants, GuestDebugControlBits) {
  EXPECT_EQ(KVM_GUESTDBG_ENABLE, 0x1u);
  EXPECT_EQ(KVM_GUESTDBG_SINGLESTEP, 0x2u);
  EXPECT_EQ(KVM_GUESTDBG_USE_SW_BP, 0x10000u);
  EXPECT_EQ(KVM_GUESTDBG_USE_HW, 0x20000u);
  EXPECT_EQ(KVM_GUESTDBG_USE_HW_BP, KVM_GUESTDBG_USE_HW);
  EXPECT_EQ(KVM_GUESTDBG_VALID_MASK, 0x30003u);
}

TEST(UapiConstants, CapabilitiesAndExit) {
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_BPS_V2, 107);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_WPS_V2, 108);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL, 119);
  EXPECT_EQ(KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL, 120);
  EXPECT_EQ(KVM_EXIT_DEBUG, 4);
  EXPECT_EQ(KVM_ARM_MAX_DBG_REGS, 16);
}

TEST(UapiLayout, GuestDebugArch) {
  EXPECT_EQ(sizeof(kvm_guest_debug_arch), 512u);
  EXPECT_EQ(offsetof(kvm_guest_debug_arch, dbg_bcr), 0u);
  EXPECT_EQ(offsetof(kvm_guest_debug_arch, dbg_bvr), 128u);
  EXPECT_EQ(offsetof(kvm_guest_debug_arch, dbg_wcr), 256u);
  EXPECT_EQ(offsetof(kvm_guest_debug_arch, dbg_wvr), 384u);
}

TEST(UapiLayout, GuestDebug) {
  EXPECT_EQ(sizeof(kvm_guest_debug), 520u);
  EXPECT_EQ(offsetof(kvm_guest_debug, control), 0u);
  EXPECT_EQ(offsetof(kvm_guest_debug, pad), 4u);
  EXPECT_EQ(offsetof(kvm_guest_debug, arch), 8u);
}

TEST(UapiLayout, DebugExitArchPerRevision) {
  EXPECT_EQ(sizeof(kvm_debug_exit_arch_v2), 24u);
  EXPECT_EQ(offsetof(kvm_debug_exit_arch_v2, pc), 0u);
  EXPECT_EQ(offsetof(kvm_debug_exit_arch_v2, hsr), 8u);
  EXPECT_EQ(offsetof(kvm_debug_exit_arch_v2, far), 16u);
  EXPECT_EQ(sizeof(kvm_debug_exit_arch_final), 16u);
  EXPECT_EQ(offsetof(kvm_debug_exit_arch_final, hsr), 0u);
  EXPECT_EQ(offsetof(kvm_debug_exit_arch_final, far), 8u);
}

TEST(ArchConstants, Mdcr) {
  EXPECT_EQ(DBGREF_MDCR_TPMCR, 1ull << 5);
  EXPECT_EQ(DBGREF_MDCR_TPM, 1ull << 6);
  EXPECT_EQ(DBGREF_MDCR_HPME, 1ull << 7);
  EXPECT_EQ(DBGREF_MDCR_TDE, 1ull << 8);
  EXPECT_EQ(DBGREF_MDCR_TDA, 1ull << 9);
  EXPECT_EQ(DBGREF_MDCR_TDOSA, 1ull << 10);
  EXPECT_EQ(DBGREF_MDCR_TDRA, 1ull << 11);
  EXPECT_EQ(DBGREF_MDCR_DEBUG_TRAP_BITS, 0xf60ull);
  EXPECT_EQ(DBGREF_MDCR_ALWAYS_BITS, 0xc60ull);
}

TEST(ArchConstants, MdscrSpsrDfr0) {
  EXPECT_EQ(DBGREF_MDSCR_SS, 1ull);
  EXPECT_EQ(DBGREF_MDSCR_KDE, 1ull << 13);
  EXPECT_EQ(DBGREF_MDSCR_MDE, 1ull << 15);
  EXPECT_EQ(DBGREF_SPSR_SS, 1ull << 21);
  EXPECT_EQ(DBGREF_DFR0_BRPS_SHIFT, 12);
  EXPECT_EQ(DBGREF_DFR0_WRPS_SHIFT, 20);
  EXPECT_EQ(DBGREF_DFR0_CTX_CMPS_SHIFT, 28);
}

TEST(ArchConstants, ExceptionClasses) {
  EXPECT_EQ(DBGREF_ESR_EC_SHIFT, 26);
  EXPECT_EQ(DBGREF_EC_SYS64, 0x18);
  EXPECT_EQ(DBGREF_EC_BREAKPT_LOW, 0x30);
  EXPECT_EQ(DBGREF_EC_BREAKPT_CUR, 0x31);
  EXPECT_EQ(DBGREF_EC_SOFTSTP_LOW, 0x32);
  EXPECT_EQ(DBGREF_EC_SOFTSTP_CUR, 0x33);
  EXPECT_EQ(DBGREF_EC_WATCHPT_LOW, 0x34);
  EXPECT_EQ(DBGREF_EC_WATCHPT_CUR, 0x35);
  EXPECT_EQ(DBGREF_EC_BKPT32, 0x38);
  EXPECT_EQ(DBGREF_EC_BRK64, 0x3c);
}

}  // namespace
