// The uapi structures guest debug passes through KVM_SET_GUEST_DEBUG and
// kvm_run, checked at run time against the sizes and offsets of Linux's
// arm64 uapi (include/uapi/linux/kvm.h, arch/arm64/include/uapi/asm/kvm.h).
#include <gtest/gtest.h>

#include <cstddef>

#include "model/uapi.h"
#include "port/driver.h"

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
}

}  // namespace
