// Unit tests of the behaviour every port revision shares: capabilities,
// control word validation, debug exits, MDCR_EL2 on entry, the DIRTY
// switch of the debug registers, and the reset state.
#include <gtest/gtest.h>

#include <cstring>

#include "model/arch/registers.h"
#include "port/driver.h"
#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

class PortTest : public ::testing::TestWithParam<const dbgref_port*> {
 protected:
  const dbgref_port* port() const { return GetParam(); }
  bool IsFinal() const { return std::strcmp(port()->name, "final") == 0; }
};

INSTANTIATE_TEST_SUITE_P(
    AllRevisions, PortTest,
    ::testing::Values(&dbgref_port_v2, &dbgref_port_v2_review,
                      &dbgref_port_final),
    [](const ::testing::TestParamInfo<const dbgref_port*>& info) {
      return PortName(info.param);
    });

TEST(PortRegistry, FindsEveryRevisionByName) {
  ASSERT_EQ(dbgref_port_count, 3u);
  EXPECT_EQ(dbgref_port_find("v2"), &dbgref_port_v2);
  EXPECT_EQ(dbgref_port_find("v2-review"), &dbgref_port_v2_review);
  EXPECT_EQ(dbgref_port_find("final"), &dbgref_port_final);
  EXPECT_EQ(dbgref_port_find("v3"), nullptr);
  for (size_t i = 0; i < dbgref_port_count; i++)
    EXPECT_EQ(dbgref_port_find(dbgref_ports[i]->name), dbgref_ports[i]);
}

TEST_P(PortTest, CheckExtensionCountsEveryBreakAndWatchpointNumber) {
  for (int brps = 1; brps <= 16; brps++) {
    for (int wrps = 1; wrps <= 16; wrps++) {
      Vcpu v(port(), MakeHost(brps, wrps));
      EXPECT_EQ(v.CheckExtension(DBGREF_CAP_HW_BPS), brps)
          << "brps " << brps << " wrps " << wrps;
      EXPECT_EQ(v.CheckExtension(DBGREF_CAP_HW_WPS), wrps)
          << "brps " << brps << " wrps " << wrps;
      EXPECT_EQ(v.CheckExtension(DBGREF_CAP_OTHER), 0);
    }
  }
}

TEST_P(PortTest, IoctlObservationsLeaveEveryRunFieldZero) {
  Vcpu v(port(), MakeHost());
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = DBGREF_OP_CHECK_EXTENSION;
  op.cap = DBGREF_CAP_HW_WPS;
  // Garbage in the action must not leak into an ioctl's observation.
  op.action = Exception(DBGREF_EC_WATCHPT_LOW, 0x4000, 0x8000);
  dbgref_obs got = v.Step(op);
  dbgref_obs want;
  std::memset(&want, 0, sizeof(want));
  want.op_kind = DBGREF_OP_CHECK_EXTENSION;
  want.ret = 4;
  EXPECT_TRUE(ObsEqual(got, want));

  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
  op.dbg = MakeDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  got = v.Step(op);
  want.op_kind = DBGREF_OP_SET_GUEST_DEBUG;
  want.ret = 0;
  EXPECT_TRUE(ObsEqual(got, want));
}

TEST_P(PortTest, ValidControlWordsAreAccepted) {
  Vcpu v(port(), MakeHost());
  const uint32_t bits[] = {KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_SW_BP,
                           KVM_GUESTDBG_USE_HW};
  for (uint32_t m = 0; m < 8; m++) {
    uint32_t control = KVM_GUESTDBG_ENABLE;
    for (int b = 0; b < 3; b++)
      if (m & (1u << b)) control |= bits[b];
    EXPECT_EQ(v.SetGuestDebug(control), 0) << std::hex << control;
  }
  EXPECT_EQ(v.SetGuestDebug(0), 0);
}

TEST_P(PortTest, InvalidControlWordsGiveEinval) {
  Vcpu v(port(), MakeHost());
  for (int bit = 0; bit < 32; bit++) {
    uint32_t extra = 1u << bit;
    if (extra & KVM_GUESTDBG_VALID_MASK) continue;
    EXPECT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | extra), -DBGREF_EINVAL)
        << "bit " << bit;
    EXPECT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW |
                              KVM_GUESTDBG_SINGLESTEP | extra),
              -DBGREF_EINVAL)
        << "bit " << bit;
  }
}

// Without ENABLE the ioctl turns guest debug off and succeeds, whatever
// else the word holds (KERNEL-CONTEXT.md "Guest debug before patch 08").
TEST_P(PortTest, ControlWithoutEnableTurnsDebugOff) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP), 0);
  EXPECT_EQ(v.SetGuestDebug(KVM_GUESTDBG_SINGLESTEP | (1u << 9)), 0);
  dbgref_obs o = v.Run(Idle());
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDE, 0u);
  EXPECT_EQ(o.entry_pstate_ss, 0u);
}

// A rejected ioctl changes nothing: the vCPU behaves exactly like a twin
// that never saw it.
TEST_P(PortTest, EinvalLeavesTheStateUnchanged) {
  Vcpu a(port(), MakeHost()), b(port(), MakeHost());
  kvm_guest_debug first =
      MakeDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP);
  ASSERT_EQ(a.SetGuestDebug(first), 0);
  ASSERT_EQ(b.SetGuestDebug(first), 0);

  kvm_guest_debug bad =
      MakeDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW | (1u << 4));
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) bad.arch.dbg_wvr[i] = 0xbad;
  ASSERT_EQ(a.SetGuestDebug(bad), -DBGREF_EINVAL);

  const dbgref_action script[] = {
      Idle(),
      Access(DBGREF_REG_BVR, 1, true, 0x1234),
      Idle(),
      Access(DBGREF_REG_BVR, 1, false),
      Exception(DBGREF_EC_SOFTSTP_LOW, 0x2000),
  };
  for (const dbgref_action& act : script) {
    dbgref_obs oa = a.Run(act), ob = b.Run(act);
    EXPECT_TRUE(ObsEqual(oa, ob));
  }
}

TEST_P(PortTest, WatchpointExitReportsHsrPcAndFar) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW), 0);
  dbgref_action wp =
      Exception(DBGREF_EC_WATCHPT_LOW, 0x40001000, 0x80002008, 0x41);
  dbgref_obs o = v.Run(wp);
  EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_DEBUG));
  EXPECT_EQ(o.hsr, wp.esr);
  EXPECT_EQ(o.pc, 0x40001000u);
  EXPECT_EQ(o.far, 0x80002008u);
  EXPECT_EQ(o.trapped, 0u);
  EXPECT_EQ(o.undef, 0u);
}

TEST_P(PortTest, OtherDebugExitsReportHsrAndPcButNoFar) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW |
                            KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_SINGLESTEP),
            0);
  // A watchpoint first, so that a stale far in kvm_run would show.
  v.Run(Exception(DBGREF_EC_WATCHPT_LOW, 0x10, 0x999));
  const uint32_t ecs[] = {DBGREF_EC_BREAKPT_LOW, DBGREF_EC_SOFTSTP_LOW,
                          DBGREF_EC_BKPT32, DBGREF_EC_BRK64};
  uint64_t pc = 0x7000;
  for (uint32_t ec : ecs) {
    dbgref_action a = Exception(ec, pc, 0x5555);
    dbgref_obs o = v.Run(a);
    EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_DEBUG)) << ec;
    EXPECT_EQ(o.hsr, a.esr) << ec;
    EXPECT_EQ(o.pc, pc) << ec;
    EXPECT_EQ(o.far, 0u) << ec;
    pc += 0x100;
  }
}

// Debug exceptions reach KVM only when MDCR_EL2.TDE routes them there.
TEST_P(PortTest, DebugExceptionsStayInTheGuestWithoutGuestDebug) {
  Vcpu v(port(), MakeHost());
  dbgref_obs o = v.Run(Exception(DBGREF_EC_BRK64, 0x3000));
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDE, 0u);
  EXPECT_EQ(o.exit_reason, 0u);
  EXPECT_EQ(o.hsr, 0u);
  EXPECT_EQ(o.pc, 0u);
}

TEST_P(PortTest, OrdinaryExitsResumeTheGuest) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP), 0);
  const uint32_t ecs[] = {DBGREF_EC_WFX,        DBGREF_EC_HVC64,
                          DBGREF_EC_DABT_LOW,   DBGREF_EC_IABT_LOW,
                          DBGREF_EC_UNKNOWN,    DBGREF_EC_BREAKPT_CUR,
                          DBGREF_EC_WATCHPT_CUR};
  for (uint32_t ec : ecs) {
    dbgref_obs o = v.Run(Exception(ec, 0x100, 0x200));
    EXPECT_EQ(o.exit_reason, 0u) << ec;
    EXPECT_EQ(o.undef, 0u) << ec;
    EXPECT_EQ(o.far, 0u) << ec;
  }
}

TEST_P(PortTest, EntryMdcrWithoutGuestDebugTrapsDebugRegisters) {
  Vcpu v(port(), MakeHost());
  dbgref_obs o = v.Run(Idle());
  EXPECT_EQ(o.entry_mdcr_el2, kAlways | DBGREF_MDCR_TDA);
}

TEST_P(PortTest, EntryMdcrWithGuestDebugRoutesExceptionsToEl2) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP), 0);
  EXPECT_EQ(v.Run(Idle()).entry_mdcr_el2,
            kAlways | DBGREF_MDCR_TDE | DBGREF_MDCR_TDA);
  ASSERT_EQ(v.SetGuestDebug(0), 0);
  EXPECT_EQ(v.Run(Idle()).entry_mdcr_el2, kAlways | DBGREF_MDCR_TDA);
}

TEST_P(PortTest, EntryMdcrWithHardwareDebugTrapsAndLoadsUserspaceRegisters) {
  Vcpu v(port(), MakeHost(16, 16));
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW), 0);
  dbgref_obs o = v.Run(Idle());
  EXPECT_EQ(o.entry_mdcr_el2, kAlways | DBGREF_MDCR_TDE | DBGREF_MDCR_TDA);
  EXPECT_NE(o.entry_mdscr_el1 & DBGREF_MDSCR_MDE, 0u);
  kvm_guest_debug want = MakeDebug(0);
  EXPECT_EQ(std::memcmp(&o.entry_hw, &want.arch, sizeof(want.arch)), 0);
}

TEST_P(PortTest, SingleStepSetsPstateAndMdscrSsOnEntry) {
  Vcpu v(port(), MakeHost());
  ASSERT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP), 0);
  dbgref_obs o = v.Run(Exception(DBGREF_EC_SOFTSTP_LOW, 0x1004));
  EXPECT_EQ(o.entry_pstate_ss, 1u);
  EXPECT_EQ(o.entry_mdscr_el1 & DBGREF_MDSCR_SS, DBGREF_MDSCR_SS);
  EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_DEBUG));
  EXPECT_EQ(o.pc, 0x1004u);
  // The guest's own MDSCR_EL1.SS is back after the exit.
  EXPECT_EQ(o.ctx_mdscr_el1 & DBGREF_MDSCR_SS, 0u);
}

// The DIRTY switch: a trapped write lands in the guest's registers and
// marks them dirty, so that the next entry loads the guest's registers
// instead of the host's and stops trapping; the exit after that gives the
// hardware back to the host and traps again.
TEST_P(PortTest, TrappedWriteLoadsTheGuestRegistersOnTheNextEntry) {
  Vcpu v(port(), MakeHost());
  dbgref_obs o = v.Write(DBGREF_REG_BVR, 3, 0x1234);
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.undef, 0u);
  EXPECT_EQ(o.entry_hw.dbg_bvr[3], HostReg(1, 3));

  o = v.Run(Idle());
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDA, 0u);
  EXPECT_EQ(o.entry_hw.dbg_bvr[3], 0x1234u);
  EXPECT_EQ(o.entry_hw.dbg_bcr[0], 0u);  // the guest's, not the host's

  o = v.Read(DBGREF_REG_BVR, 3);
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDA, DBGREF_MDCR_TDA);
  EXPECT_EQ(o.entry_hw.dbg_bvr[3], HostReg(1, 3));
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.read_value, 0x1234u);
}

TEST_P(PortTest, DirectAccessesReachTheLoadedGuestRegisters) {
  Vcpu v(port(), MakeHost());
  v.Write(DBGREF_REG_WCR, 2, 0x1e17);
  dbgref_obs o = v.Write(DBGREF_REG_WVR, 2, 0xabc0);  // not trapped
  EXPECT_EQ(o.trapped, 0u);
  o = v.Read(DBGREF_REG_WVR, 2);  // trapped, from the guest context
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.read_value, 0xabc0u);
  EXPECT_EQ(v.Run(Idle()).entry_hw.dbg_wcr[2], HostReg(2, 2));
}

TEST_P(PortTest, GuestMdscrKdeKeepsItsRegistersLoaded) {
  Vcpu v(port(), MakeHost());
  v.Write(DBGREF_REG_BCR, 0, 0x1e7);
  v.Write(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE);
  for (int i = 0; i < 3; i++) {
    dbgref_obs o = v.Run(Idle());
    EXPECT_EQ(o.entry_hw.dbg_bcr[0], 0x1e7u) << i;
    EXPECT_EQ(o.entry_mdscr_el1, DBGREF_MDSCR_KDE) << i;
    EXPECT_EQ(o.ctx_mdscr_el1, DBGREF_MDSCR_KDE) << i;
  }
}

TEST_P(PortTest, ResetStateIsAllZero) {
  dbgref_host host = MakeHost();
  Vcpu v(port(), host);
  dbgref_obs o = v.Run(Idle());
  EXPECT_EQ(o.entry_mdscr_el1, 0u);
  EXPECT_EQ(o.entry_pstate_ss, 0u);
  EXPECT_EQ(o.ctx_mdscr_el1, 0u);
  EXPECT_EQ(o.ctx_pstate_ss, 0u);
  // The host's registers, as far as the CPU implements them (6 BRPs,
  // 4 WRPs); the others read as 0.
  for (int n = 0; n < 16; n++) {
    EXPECT_EQ(o.entry_hw.dbg_bcr[n], n < 6 ? host.host_regs.dbg_bcr[n] : 0u);
    EXPECT_EQ(o.entry_hw.dbg_bvr[n], n < 6 ? host.host_regs.dbg_bvr[n] : 0u);
    EXPECT_EQ(o.entry_hw.dbg_wcr[n], n < 4 ? host.host_regs.dbg_wcr[n] : 0u);
    EXPECT_EQ(o.entry_hw.dbg_wvr[n], n < 4 ? host.host_regs.dbg_wvr[n] : 0u);
  }
  const uint32_t kinds[] = {DBGREF_REG_BCR, DBGREF_REG_BVR, DBGREF_REG_WCR,
                            DBGREF_REG_WVR};
  for (uint32_t k : kinds) {
    for (uint32_t i = 0; i < 16; i++) {
      o = v.Read(k, i);
      EXPECT_EQ(o.trapped, 1u);
      EXPECT_EQ(o.read_value, 0u) << k << " " << i;
    }
  }
  EXPECT_EQ(v.Read(DBGREF_REG_MDCCINT, 0).read_value, 0u);
  EXPECT_EQ(v.Read(DBGREF_REG_MDSCR, 0).read_value, 0u);
}

TEST_P(PortTest, ResetReturnsToTheCreatedState) {
  dbgref_host host = MakeHost(3, 5);
  dbgref_port_vcpu* raw = port()->create(&host);
  dbgref_port_vcpu* fresh = port()->create(&host);
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
  op.dbg = MakeDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  dbgref_obs o1, o2;
  port()->step(raw, &op, &o1);
  op.kind = DBGREF_OP_RUN;
  op.action = Access(DBGREF_REG_WVR, 4, true, 77);
  port()->step(raw, &op, &o1);
  port()->reset(raw, &host);
  op.action = Access(DBGREF_REG_WVR, 4, false);
  port()->step(raw, &op, &o1);
  port()->step(fresh, &op, &o2);
  EXPECT_TRUE(ObsEqual(o1, o2));
  port()->destroy(raw);
  port()->destroy(fresh);
}

}  // namespace
}  // namespace dbgref_port_test
