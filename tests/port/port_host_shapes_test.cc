// Unit tests of every revision on every host shape: 1..16 breakpoints by
// 1..16 watchpoints. With USE_HW the CPU runs the guest with userspace's
// value in every breakpoint and watchpoint it implements (REQ-HW-PROGRAM),
// and the guest's own values are back once guest debug is off. A copy that
// uses the breakpoint count for a watchpoint bank, or one register too few
// per bank, shows only on some shapes: fewer breakpoints than
// watchpoints, or all sixteen.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/registers.h"
#include "port/driver.h"
#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

// The guest's own register values: bank b, index i.
uint64_t GuestReg(int bank, int i) {
  return 0x6e57000000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}

const uint32_t kBanks[] = {DBGREF_REG_BCR, DBGREF_REG_BVR, DBGREF_REG_WCR,
                           DBGREF_REG_WVR};

class HostShapes : public ::testing::TestWithParam<const dbgref_port*> {
 protected:
  const dbgref_port* port() const { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(
    AllRevisions, HostShapes,
    ::testing::Values(&dbgref_port_v2, &dbgref_port_v2_review,
                      &dbgref_port_final),
    [](const ::testing::TestParamInfo<const dbgref_port*>& info) {
      return PortName(info.param);
    });

TEST_P(HostShapes, HardwareDebugLoadsEveryImplementedRegister) {
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      Vcpu v(port(), MakeHost(brps, wrps));
      ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW), 0);
      const dbgref_obs o = v.Run(Idle());
      for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; n++) {
        const bool bp = n < brps, wp = n < wrps;
        EXPECT_EQ(o.entry_hw.dbg_bcr[n], bp ? UserReg(0, n) : 0u)
            << "brps " << brps << " wrps " << wrps << " bcr " << n;
        EXPECT_EQ(o.entry_hw.dbg_bvr[n], bp ? UserReg(1, n) : 0u)
            << "brps " << brps << " wrps " << wrps << " bvr " << n;
        EXPECT_EQ(o.entry_hw.dbg_wcr[n], wp ? UserReg(2, n) : 0u)
            << "brps " << brps << " wrps " << wrps << " wcr " << n;
        EXPECT_EQ(o.entry_hw.dbg_wvr[n], wp ? UserReg(3, n) : 0u)
            << "brps " << brps << " wrps " << wrps << " wvr " << n;
      }
    }
  }
}

TEST_P(HostShapes, GuestRegistersComeBackAfterHardwareDebug) {
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      Vcpu v(port(), MakeHost(brps, wrps));
      for (int b = 0; b < 4; b++) {
        const int count = b < 2 ? brps : wrps;
        for (int n = 0; n < count; n++) v.Write(kBanks[b], n, GuestReg(b, n));
      }
      ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW), 0);
      v.Run(Idle());
      ASSERT_EQ(v.SetGuestDebug(0), 0);
      for (int b = 0; b < 4; b++) {
        const int count = b < 2 ? brps : wrps;
        for (int n = 0; n < count; n++) {
          const dbgref_obs o = v.Read(kBanks[b], n);
          EXPECT_EQ(o.read_value, GuestReg(b, n))
              << "brps " << brps << " wrps " << wrps << " bank " << b
              << " register " << n;
        }
      }
    }
  }
}

}  // namespace
}  // namespace dbgref_port_test
