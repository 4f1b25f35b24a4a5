// Unit tests of every revision on every host shape: 1..16 breakpoints by
// 1..16 watchpoints. With USE_HW the CPU runs the guest with userspace's
// value in every breakpoint and watchpoint it implements (REQ-HW-PROGRAM),
// the guest's own values are back once guest debug is off, and a scenario
// that reaches the highest implemented register of each bank and the first
// one past it observes what the model observes. A copy that uses the
// breakpoint count for a watchpoint bank, or one register too few per
// bank, shows only on some shapes: fewer breakpoints than watchpoints, or
// all sixteen.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "port/driver.h"
#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

// The guest's own register values: bank b, index i.
uint64_t GuestReg(int bank, int i) {
  return 0x6e57000000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}

// What the MRS at pc read in a KVM_RUN: its GUEST step's value when it
// executed, the EXIT's when KVM emulated it.
uint64_t ReadValueAt(const Obs& o, uint64_t pc) {
  for (size_t i = 0; i + 1 < o.size(); i++) {
    if (o[i].step != DBGREF_STEP_GUEST || o[i].pc != pc) continue;
    if (o[i].event == DBGREF_EVENT_RETIRED) return o[i].read_value;
    if (o[i].event == DBGREF_EVENT_TO_EL2) return o[i + 1].read_value;
  }
  return ~uint64_t{0};
}

const uint32_t kBanks[] = {DBGREF_ONE_REG_BCR, DBGREF_ONE_REG_BVR,
                           DBGREF_ONE_REG_WCR, DBGREF_ONE_REG_WVR};

class HostShapes : public ::testing::TestWithParam<const dbgref_revision*> {
 protected:
  const dbgref_revision* port() const { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(
    AllRevisions, HostShapes, ::testing::ValuesIn(kRevisions),
    [](const ::testing::TestParamInfo<const dbgref_revision*>& info) {
      return PortName(info.param);
    });

TEST_P(HostShapes, HardwareDebugLoadsEveryImplementedRegister) {
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      Vcpu v(port(), MakeHost(brps, wrps));
      ASSERT_EQ(v.SetGuestDebug(kUseHw, UserRegs()), 0);
      const dbgref_obs o = v.Run().front();
      ASSERT_EQ(o.step, uint32_t(DBGREF_STEP_ENTER));
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

// The guest's registers, set with KVM_SET_ONE_REG, are what the guest
// reads after userspace's hardware debug ends, and what KVM_GET_ONE_REG
// reads meanwhile.
TEST_P(HostShapes, GuestRegistersComeBackAfterHardwareDebug) {
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      // The guest reads the highest register of each bank directly
      // (guest debug off, its registers loaded once it enabled MDE).
      const dbgref_program p = dbgref_port_test::Program(
          {trace::Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE),
           trace::Mrs(DBGREF_REG_BCR, brps - 1),
           trace::Mrs(DBGREF_REG_BVR, brps - 1),
           trace::Mrs(DBGREF_REG_WCR, wrps - 1),
           trace::Mrs(DBGREF_REG_WVR, wrps - 1), trace::Report()});
      Vcpu v(port(), MakeHost(brps, wrps), p);
      for (int b = 0; b < 4; b++)
        for (int n = 0; n < 16; n++)
          ASSERT_EQ(v.Set(kBanks[b], n, GuestReg(b, n)), 0);
      ASSERT_EQ(v.SetGuestDebug(kUseHw, UserRegs()), 0);
      v.Run();  // the MSR of MDSCR_EL1 (an UNDEF in v2), then the reads
      for (int b = 0; b < 4; b++)
        for (int n = 0; n < 16; n++)
          EXPECT_EQ(v.Get(kBanks[b], n), GuestReg(b, n))
              << "brps " << brps << " wrps " << wrps << " bank " << b
              << " register " << n;
      ASSERT_EQ(v.SetGuestDebug(0), 0);
      ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, Line(0)), 0);
      const Obs o = v.Run();
      ASSERT_EQ(o.back().mmio_addr, DBGREF_MMIO_REPORT)
          << "brps " << brps << " wrps " << wrps;
      // The value each MRS read, directly or emulated.
      for (int k = 0; k < 4; k++) {
        const int n = k < 2 ? brps - 1 : wrps - 1;
        EXPECT_EQ(ReadValueAt(o, Line(1 + k)), GuestReg(k, n))
            << "brps " << brps << " wrps " << wrps << " read " << k;
      }
    }
  }
}

// The highest implemented breakpoint and watchpoint of userspace's fire;
// the guest's accesses to the highest implemented register of each bank
// are emulated or direct, and to the first one past it (when there is
// one) UNDEFINED; every step as the model observes it.
TEST_P(HostShapes, ScenarioAtTheEdgeOfEachBankObservesWhatTheModelDoes) {
  const uint64_t d = DBGREF_DATA_BASE;
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      const int nb = brps - 1, nw = wrps - 1;
      const dbgref_program p = dbgref_port_test::Program(
          {trace::Msr(DBGREF_REG_BVR, nb, 0x40), trace::Mrs(DBGREF_REG_BVR, nb),
           trace::Msr(DBGREF_REG_WCR, nw, 0x1), trace::Mrs(DBGREF_REG_WCR, nw),
           trace::Mrs(DBGREF_REG_BCR, (nb + 1) % 16),
           trace::Msr(DBGREF_REG_WVR, (nw + 1) % 16, 1), trace::Nop(),
           trace::Store(4, d + 0x84), trace::Nop(), trace::Report()});
      kvm_guest_debug_arch regs{};
      regs.dbg_bcr[nb] = kBcrOn;
      regs.dbg_bvr[nb] = Line(8);
      regs.dbg_wcr[nw] = kWcrStores;
      regs.dbg_wvr[nw] = d + 0x80;
      const std::vector<dbgref_op> ops = {
          trace::RunOp(), trace::RunOp(), trace::RunOp(), trace::RunOp(),
          trace::SetGuestDebugOp(kUseHw, regs),
          trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(6)), trace::RunOp(),
          trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(8)), trace::RunOp(),
          trace::CheckExtensionOp(DBGREF_CAP_HW_BPS),
          trace::CheckExtensionOp(DBGREF_CAP_HW_WPS)};
      Twin t(port(), MakeHost(brps, wrps), p);
      EXPECT_EQ(Join(t.DoAll(ops)), "") << "brps " << brps << " wrps " << wrps;
    }
  }
}

}  // namespace
}  // namespace dbgref_port_test
