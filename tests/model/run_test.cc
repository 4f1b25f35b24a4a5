// KVM_RUN iterations with guest debug: REQ-HW-PROGRAM, REQ-RESTORE,
// REQ-SHADOW, REQ-ISOLATION, REQ-EXIT, REQ-SS and REQ-OFF.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/requirements.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

constexpr uint32_t kHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kStep = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
constexpr uint64_t kGuestMdscr = DBGREF_MDSCR_KDE | 0x1000;  // TDCC and KDE

TEST(ReqHwProgram, REQ_HW_PROGRAM_UserValuesInImplementedRegistersAndMde) {
  for (uint64_t brps = 0; brps < 16; ++brps) {
    for (uint64_t wrps = 0; wrps < 16; wrps += 5) {
      Vcpu v(MakeHost(brps, wrps));
      v.Do(WriteOp(DBGREF_REG_BCR, 0, 0x6e57));  // the guest's own
      v.Do(SetGuestDebugOp(kHw));
      const dbgref_obs o = v.Do(OtherExitOp());
      const kvm_guest_debug_arch want = UserRegs();
      for (uint64_t n = 0; n <= brps; ++n) {
        EXPECT_EQ(o.entry_hw.dbg_bcr[n], want.dbg_bcr[n]);
        EXPECT_EQ(o.entry_hw.dbg_bvr[n], want.dbg_bvr[n]);
      }
      for (uint64_t n = 0; n <= wrps; ++n) {
        EXPECT_EQ(o.entry_hw.dbg_wcr[n], want.dbg_wcr[n]);
        EXPECT_EQ(o.entry_hw.dbg_wvr[n], want.dbg_wvr[n]);
      }
      EXPECT_NE(o.entry_mdscr_el1 & DBGREF_MDSCR_MDE, 0u);
      EXPECT_TRUE(ReqHwProgram<C>(v.last()));
    }
  }
}

TEST(ReqHwProgram, REQ_HW_PROGRAM_NewValuesTakeEffectOnNextEntry) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kHw));
  v.Do(OtherExitOp());
  kvm_guest_debug_arch second = UserRegs();
  second.dbg_bvr[1] = 0x5ec0d;
  v.Do(SetGuestDebugOp(kHw, second));
  EXPECT_EQ(v.Do(OtherExitOp()).entry_hw.dbg_bvr[1], 0x5ec0du);
  EXPECT_TRUE(ReqHwProgram<C>(v.last()));
}

TEST(ReqRestore, REQ_RESTORE_GuestContextAfterClearDebug) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, kGuestMdscr));
  v.Do(WriteOp(DBGREF_REG_WCR, 2, 0xc2));
  v.Do(SetGuestDebugOp(kHw | KVM_GUESTDBG_SINGLESTEP));
  const dbgref_obs o = v.Do(OtherExitOp());
  // KDE is left out of the observation while TDE is set.
  EXPECT_EQ(o.entry_mdscr_el1, (kGuestMdscr & ~DBGREF_MDSCR_KDE) |
                                   DBGREF_MDSCR_SS | DBGREF_MDSCR_MDE);
  EXPECT_EQ(o.ctx_mdscr_el1, kGuestMdscr);
  EXPECT_EQ(o.ctx_pstate_ss, 0u);
  EXPECT_EQ(v.state().ctx.regs.wcr[2], 0xc2u);
  EXPECT_EQ(v.state().ctx.regs.wcr[3], 0u);
  EXPECT_TRUE(ReqRestore<C>(v.last()));
}

TEST(ReqShadow, REQ_SHADOW_ReadAfterTrappedWriteUnderUseHw) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kHw));
  dbgref_obs o = v.Do(WriteOp(DBGREF_REG_BCR, 3, 0xabc));
  EXPECT_EQ(o.trapped, 1u);
  v.Do(OtherExitOp());
  o = v.Do(ReadOp(DBGREF_REG_BCR, 3));
  EXPECT_EQ(o.read_value, 0xabcu);
  EXPECT_TRUE(ReqShadow<C>(v.last()));
  // And after userspace stops debugging.
  v.Do(SetGuestDebugOp(0));
  o = v.Do(ReadOp(DBGREF_REG_BCR, 3));
  EXPECT_EQ(o.read_value, 0xabcu);
  EXPECT_TRUE(ReqShadow<C>(v.last()));
}

TEST(ReqShadow, REQ_SHADOW_MdscrAndMdccintUnderEveryControl) {
  for (uint32_t control : {0u, kStep, kHw, KVM_GUESTDBG_VALID_MASK}) {
    Vcpu v;
    v.Do(WriteOp(DBGREF_REG_MDSCR, 0, kGuestMdscr));
    v.Do(WriteOp(DBGREF_REG_MDCCINT, 0, 0x60000));
    v.Do(SetGuestDebugOp(control));
    v.Do(OtherExitOp());
    dbgref_obs o = v.Do(ReadOp(DBGREF_REG_MDSCR));
    EXPECT_EQ(o.read_value, kGuestMdscr) << std::hex << control;
    EXPECT_TRUE(ReqShadow<C>(v.last()));
    o = v.Do(ReadOp(DBGREF_REG_MDCCINT));
    EXPECT_EQ(o.read_value, 0x60000u);
    EXPECT_TRUE(ReqShadow<C>(v.last()));
  }
}

TEST(ReqShadow, REQ_SHADOW_ResetValueIsZero) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kHw));
  EXPECT_EQ(v.Do(ReadOp(DBGREF_REG_WVR, 15)).read_value, 0u);
  EXPECT_TRUE(ReqShadow<C>(v.last()));
}

TEST(ReqIsolation, REQ_ISOLATION_GuestWritesNeverReachUserspaceRegisters) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kHw));
  v.Do(WriteOp(DBGREF_REG_BCR, 0, 0xbad));
  EXPECT_TRUE(ReqIsolation<C>(v.last()));
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_EQ(o.entry_hw.dbg_bcr[0], UserRegs().dbg_bcr[0]);
  EXPECT_EQ(ToRecord(v.state().external).dbg_bcr[0], UserRegs().dbg_bcr[0]);
  EXPECT_TRUE(ReqIsolation<C>(v.last()));
}

TEST(ReqIsolation, REQ_ISOLATION_ReadUnderUseHwIsNotUserspaceValue) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kHw));
  const dbgref_obs o = v.Do(ReadOp(DBGREF_REG_BVR, 0));
  EXPECT_EQ(o.read_value, 0u);
  EXPECT_TRUE(ReqIsolation<C>(v.last()));
}

struct ExitCase {
  uint32_t ec;
  bool debug;
};

constexpr ExitCase kExitCases[] = {
    {DBGREF_EC_SOFTSTP_LOW, true},  {DBGREF_EC_BREAKPT_LOW, true},
    {DBGREF_EC_WATCHPT_LOW, true},  {DBGREF_EC_BKPT32, true},
    {DBGREF_EC_BRK64, true},        {DBGREF_EC_SOFTSTP_CUR, false},
    {DBGREF_EC_BREAKPT_CUR, false}, {DBGREF_EC_WATCHPT_CUR, false},
    {DBGREF_EC_UNKNOWN, false},     {DBGREF_EC_WFX, false},
    {DBGREF_EC_HVC64, false},       {DBGREF_EC_SYS64, false},
    {DBGREF_EC_IABT_LOW, false},    {DBGREF_EC_DABT_LOW, false},
};

TEST(ReqExit, REQ_EXIT_EachExceptionClassWithGuestDebugOn) {
  for (const ExitCase& c : kExitCases) {
    Vcpu v;
    v.Do(SetGuestDebugOp(KVM_GUESTDBG_VALID_MASK));
    const dbgref_op op = ExceptionOp(c.ec, 0x4000, 0xfa4);
    const dbgref_obs o = v.Do(op);
    EXPECT_TRUE(ReqExit<C>(v.last())) << std::hex << c.ec;
    if (c.debug) {
      EXPECT_EQ(o.exit_reason, static_cast<uint32_t>(KVM_EXIT_DEBUG));
      EXPECT_EQ(o.hsr, op.action.esr);
      EXPECT_EQ(o.pc, 0x4000u);
      EXPECT_EQ(o.far, c.ec == DBGREF_EC_WATCHPT_LOW ? 0xfa4u : 0u)
          << std::hex << c.ec;
    } else {
      EXPECT_EQ(o.exit_reason, 0u) << std::hex << c.ec;
      EXPECT_EQ(o.hsr, 0u);
      EXPECT_EQ(o.pc, 0u);
      EXPECT_EQ(o.far, 0u);
    }
  }
}

TEST(ReqExit, REQ_EXIT_GuestTakesDebugExceptionsWhenGuestDebugIsOff) {
  for (const ExitCase& c : kExitCases) {
    Vcpu v;
    const dbgref_obs o = v.Do(ExceptionOp(c.ec));
    EXPECT_EQ(o.exit_reason, 0u) << std::hex << c.ec;
    EXPECT_TRUE(ReqExit<C>(v.last()));
  }
}

TEST(ReqSs, REQ_SS_SingleStepSetsBothBitsOnEntryAndRestoresGuestBits) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, kGuestMdscr));
  v.Do(SetGuestDebugOp(kStep));
  const dbgref_obs o = v.Do(ExceptionOp(DBGREF_EC_SOFTSTP_LOW));
  EXPECT_EQ(o.entry_pstate_ss, 1u);
  EXPECT_EQ(o.entry_mdscr_el1 & DBGREF_MDSCR_SS, DBGREF_MDSCR_SS);
  EXPECT_EQ(o.exit_reason, static_cast<uint32_t>(KVM_EXIT_DEBUG));
  EXPECT_EQ(o.ctx_pstate_ss, 0u);
  EXPECT_EQ(o.ctx_mdscr_el1, kGuestMdscr);
  EXPECT_TRUE(ReqSs<C>(v.last()));
}

TEST(ReqSs, REQ_SS_GuestOwnStepBitsHiddenThenRestored) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, kGuestMdscr | DBGREF_MDSCR_SS));
  // The guest is single-stepping itself: PSTATE.SS set in its context.
  v.mutable_state().ctx.pstate_ss = true;
  v.mutable_state().ghost.pstate_ss = true;
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP));
  const dbgref_obs o = v.Do(ExceptionOp(DBGREF_EC_BRK64));
  EXPECT_EQ(o.entry_mdscr_el1 & DBGREF_MDSCR_SS, 0u);
  EXPECT_EQ(o.ctx_mdscr_el1, kGuestMdscr | DBGREF_MDSCR_SS);
  EXPECT_EQ(o.ctx_pstate_ss, 1u);
  EXPECT_TRUE(ReqSs<C>(v.last()));
  v.Do(SetGuestDebugOp(0));
  const dbgref_obs off = v.Do(OtherExitOp());
  EXPECT_EQ(off.entry_mdscr_el1, kGuestMdscr | DBGREF_MDSCR_SS);
  EXPECT_EQ(off.entry_pstate_ss, 1u);
}

TEST(ReqOff, REQ_OFF_GuestDebugOffChangesNothingOfTheGuest) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, kGuestMdscr));
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_EQ(o.entry_mdscr_el1, kGuestMdscr);
  EXPECT_EQ(o.entry_pstate_ss, 0u);
  EXPECT_EQ(o.ctx_mdscr_el1, kGuestMdscr);
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDE, 0u);
  EXPECT_TRUE(ReqOff<C>(v.last()));
}

TEST(ReqOff, REQ_OFF_HostRegistersStayWhileNothingIsDirty) {
  Vcpu v;
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_NE(o.entry_mdcr_el2 & DBGREF_MDCR_TDA, 0u);
  EXPECT_EQ(o.entry_hw.dbg_wcr[3], v.host().host_regs.dbg_wcr[3]);
  EXPECT_FALSE(v.state().dirty);
  EXPECT_TRUE(ReqOff<C>(v.last()));
}

TEST(Observation, KdeIsLeftOutWhileTdeIsSet) {
  // The guest's own KDE shows while guest debug is off, and not while TDE
  // makes EL2 the debug target.
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE));
  EXPECT_EQ(v.Do(OtherExitOp()).entry_mdscr_el1, DBGREF_MDSCR_KDE);
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_EQ(o.entry_mdscr_el1, DBGREF_MDSCR_SS);
  EXPECT_EQ(o.ctx_mdscr_el1, DBGREF_MDSCR_KDE);
}

TEST(ReqOff, REQ_OFF_UnimplementedRegistersAreNotObserved) {
  // The default host has 6 breakpoints and 4 watchpoints: the hardware has
  // no DBGBCR6_EL1 or DBGWCR4_EL1, so the observation holds 0 there.
  Vcpu v;
  const dbgref_obs o = v.Do(OtherExitOp());
  ASSERT_NE(v.host().host_regs.dbg_bcr[6], 0u);
  ASSERT_NE(v.host().host_regs.dbg_wcr[4], 0u);
  EXPECT_EQ(o.entry_hw.dbg_bcr[5], v.host().host_regs.dbg_bcr[5]);
  EXPECT_EQ(o.entry_hw.dbg_bcr[6], 0u);
  EXPECT_EQ(o.entry_hw.dbg_wcr[4], 0u);
  EXPECT_TRUE(ReqOff<C>(v.last()));
}

}  // namespace
}  // namespace dbgref::model::testing
