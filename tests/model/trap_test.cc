// MDCR_EL2 on entry and guest accesses to the debug registers, MDSCR_EL1
// and MDCCINT_EL1, trapped and untrapped: REQ-TRAP-TDA, REQ-TRAP-TDE,
// REQ-NOUNDEF, and the access paths of REQ-OFF.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/requirements.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

constexpr uint32_t kActiveControls[] = {
    KVM_GUESTDBG_ENABLE,
    KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP,
    KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP,
    KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
    KVM_GUESTDBG_VALID_MASK,
};

constexpr dbgref_reg_kind kKinds[] = {DBGREF_REG_BCR,   DBGREF_REG_BVR,
                                      DBGREF_REG_WCR,   DBGREF_REG_WVR,
                                      DBGREF_REG_MDSCR, DBGREF_REG_MDCCINT};

bool Tda(const dbgref_obs& o) { return o.entry_mdcr_el2 & DBGREF_MDCR_TDA; }
bool Tde(const dbgref_obs& o) { return o.entry_mdcr_el2 & DBGREF_MDCR_TDE; }

TEST(ReqTrapTde, REQ_TRAP_TDE_SetExactlyWhenGuestDebugIsOn) {
  Vcpu off;
  dbgref_obs o = off.Do(OtherExitOp());
  EXPECT_FALSE(Tde(o));
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_ALWAYS_BITS,
            DBGREF_MDCR_ALWAYS_BITS);
  EXPECT_TRUE(ReqTrapTde<C>(off.last()));
  for (uint32_t control : kActiveControls) {
    Vcpu v;
    v.Do(SetGuestDebugOp(control));
    o = v.Do(OtherExitOp());
    EXPECT_TRUE(Tde(o)) << std::hex << control;
    EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_ALWAYS_BITS,
              DBGREF_MDCR_ALWAYS_BITS);
    EXPECT_TRUE(ReqTrapTde<C>(v.last()));
    v.Do(SetGuestDebugOp(0));
    EXPECT_FALSE(Tde(v.Do(OtherExitOp())));
  }
}

TEST(ReqTrapTda, REQ_TRAP_TDA_InEffectOnEveryEntryWhileActiveEvenWhenDirty) {
  for (uint32_t control : kActiveControls) {
    Vcpu v;
    v.Do(SetGuestDebugOp(control));
    // A trapped write marks the registers dirty; guest debug must still
    // trap on the next entry: TDA set, or implied by TDE.
    v.Do(WriteOp(DBGREF_REG_BCR, 1, 0x55));
    EXPECT_TRUE(v.state().dirty);
    const dbgref_obs o = v.Do(ReadOp(DBGREF_REG_BCR, 1));
    EXPECT_TRUE(Tda(o) || Tde(o)) << std::hex << control;
    EXPECT_EQ(o.trapped, 1u) << std::hex << control;
    EXPECT_EQ(o.read_value, 0x55u) << std::hex << control;
    EXPECT_TRUE(ReqTrapTda<C>(v.last()));
  }
}

TEST(ReqTrapTda, REQ_TRAP_TDA_UseHwSetsTheBitItselfEvenWhenDirty) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_BVR, 0, 0x77));  // DIRTY for the next entry
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW));
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_TRUE(Tda(o));
  EXPECT_TRUE(ReqTrapTda<C>(v.last()));
}

TEST(ReqTrapTda, REQ_TRAP_TDA_TdeAloneMakesAccessesTrap) {
  // Arm ARM, MDCR_EL2.TDA: with TDE set the CPU treats TDA as set. Single
  // step with DIRTY set programs TDE without TDA, and accesses still trap.
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_BVR, 0, 0x77));
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  const dbgref_obs o = v.Do(ReadOp(DBGREF_REG_MDSCR));
  EXPECT_FALSE(Tda(o));
  EXPECT_TRUE(Tde(o));
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.read_value, 0u);  // the guest's own, not the host's SS
  EXPECT_TRUE(ReqTrapTda<C>(v.last()));
}

TEST(ReqTrapTda, REQ_TRAP_TDA_SingleStepWithGuestDebugEnabledTraps) {
  // The guest enabled debug itself (MDSCR_EL1.MDE): the hardware is dirty.
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE));
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  ASSERT_TRUE(v.state().dirty);
  const dbgref_obs o = v.Do(ReadOp(DBGREF_REG_MDSCR));
  EXPECT_TRUE(Tda(o) || Tde(o));
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.read_value, DBGREF_MDSCR_MDE);  // not the host's SS
}

TEST(ReqNoundef, REQ_NOUNDEF_EveryTrappedRegisterIsEmulated) {
  for (uint32_t control : {0u, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                           KVM_GUESTDBG_VALID_MASK}) {
    for (dbgref_reg_kind kind : kKinds) {
      for (int is_write = 0; is_write < 2; ++is_write) {
        Vcpu v;
        v.Do(SetGuestDebugOp(control));
        const dbgref_obs o =
            is_write ? v.Do(WriteOp(kind, 4, 0x42)) : v.Do(ReadOp(kind, 4));
        EXPECT_EQ(o.trapped, 1u);
        EXPECT_EQ(o.undef, 0u) << kind << " " << std::hex << control;
        EXPECT_EQ(o.exit_reason, 0u);
        EXPECT_TRUE(ReqNoundef<C>(v.last()));
      }
    }
  }
}

TEST(TrappedAccess, REQ_OFF_TrappedWriteSetsDirtyAndNextAccessIsDirect) {
  for (dbgref_reg_kind kind : kKinds) {
    Vcpu v;
    dbgref_obs o = v.Do(WriteOp(kind, 7, 0x700 + kind));
    EXPECT_EQ(o.trapped, 1u);
    EXPECT_TRUE(v.state().dirty);
    EXPECT_TRUE(ReqOff<C>(v.last()));
    o = v.Do(ReadOp(kind, 7));
    EXPECT_FALSE(Tda(o));
    EXPECT_EQ(o.trapped, 0u) << kind;
    EXPECT_EQ(o.read_value, 0x700u + kind) << kind;
    EXPECT_TRUE(ReqOff<C>(v.last()));
    EXPECT_TRUE(ReqShadow<C>(v.last()));
  }
}

TEST(UntrappedAccess, REQ_SHADOW_DirectWriteIsSavedBackAndReadLater) {
  for (dbgref_reg_kind kind : kKinds) {
    Vcpu v;
    v.Do(WriteOp(kind, 9, 1));  // trapped, sets DIRTY
    dbgref_obs o = v.Do(WriteOp(kind, 9, 0x900 + kind));
    EXPECT_EQ(o.trapped, 0u);
    // The write went to the hardware and back into the guest context; the
    // next entry traps again (DIRTY cleared) and emulates from the context.
    o = v.Do(ReadOp(kind, 9));
    EXPECT_EQ(o.trapped, 1u) << kind;
    EXPECT_EQ(o.read_value, 0x900u + kind) << kind;
    EXPECT_TRUE(ReqShadow<C>(v.last()));
  }
}

TEST(UntrappedAccess, REQ_OFF_GuestEnabledDebugStaysLoaded) {
  Vcpu v;
  v.Do(WriteOp(DBGREF_REG_BCR, 0, 0xb0));
  v.Do(WriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE));
  // DIRTY was cleared on exit, the next entry traps but loads the guest's
  // registers because MDSCR_EL1.KDE is set.
  const dbgref_obs o = v.Do(OtherExitOp());
  EXPECT_TRUE(Tda(o));
  EXPECT_EQ(o.entry_hw.dbg_bcr[0], 0xb0u);
  EXPECT_EQ(o.entry_mdscr_el1, DBGREF_MDSCR_KDE);
  EXPECT_TRUE(ReqOff<C>(v.last()));
}

TEST(TrappedAccess, REQ_ISOLATION_ReadWhileHostOwnsHardwareIsTrapped) {
  Vcpu v;
  const dbgref_obs o = v.Do(ReadOp(DBGREF_REG_BVR, 3));
  EXPECT_EQ(o.entry_hw.dbg_bvr[3], v.host().host_regs.dbg_bvr[3]);
  EXPECT_EQ(o.trapped, 1u);
  EXPECT_EQ(o.read_value, 0u);
  EXPECT_TRUE(ReqIsolation<C>(v.last()));
}

}  // namespace
}  // namespace dbgref::model::testing
