// KVM_SET_GUEST_DEBUG and KVM_CHECK_EXTENSION on the model:
// REQ-IOCTL-VALID, REQ-IOCTL-DISABLE, REQ-IOCTL-HWREGS, REQ-CAP.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/requirements.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

constexpr uint32_t kHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kStep = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;

TEST(ReqIoctlValid, REQ_IOCTL_VALID_EveryInvalidBitIsEinvalAndStateUnchanged) {
  for (int bit = 0; bit < 32; ++bit) {
    const uint32_t b = 1u << bit;
    if (b & KVM_GUESTDBG_VALID_MASK) continue;
    Vcpu v;
    v.Do(SetGuestDebugOp(kHw));
    v.Do(WriteOp(DBGREF_REG_BCR, 2, 0x1234));
    const ConcreteVcpu before = v.state();
    kvm_guest_debug_arch other = UserRegs();
    other.dbg_bvr[0] = 0xdead;
    const dbgref_obs o = v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | b, other));
    EXPECT_EQ(o.ret, -DBGREF_EINVAL) << "bit " << bit;
    EXPECT_TRUE(StateEq<C>(before, v.state())) << "bit " << bit;
    EXPECT_EQ(v.state().control, kHw);
    EXPECT_TRUE(ReqIoctlValid<C>(v.last())) << "bit " << bit;
  }
}

TEST(ReqIoctlValid, REQ_IOCTL_VALID_ValidControlIsStoredAndReturnsZero) {
  for (uint32_t extra : {0u, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_SW_BP,
                         KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_VALID_MASK}) {
    Vcpu v;
    const dbgref_obs o = v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | extra));
    EXPECT_EQ(o.ret, 0);
    EXPECT_EQ(o.op_kind, DBGREF_OP_SET_GUEST_DEBUG);
    EXPECT_EQ(v.state().control, KVM_GUESTDBG_ENABLE | extra);
    EXPECT_TRUE(ReqIoctlValid<C>(v.last()));
  }
}

TEST(ReqIoctlValid, REQ_IOCTL_VALID_InvalidBitWithoutEnableIsNotAnError) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kStep));
  const dbgref_obs o = v.Do(SetGuestDebugOp(1u << 5));
  EXPECT_EQ(o.ret, 0);
  EXPECT_EQ(v.state().control, 0u);
  EXPECT_TRUE(ReqIoctlValid<C>(v.last()));
}

TEST(ReqIoctlDisable, REQ_IOCTL_DISABLE_ClearsControlWhateverElseIsPassed) {
  for (uint32_t rest :
       {0u, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW,
        KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_SINGLESTEP, 0xfffffffeu}) {
    Vcpu v;
    v.Do(SetGuestDebugOp(kHw | KVM_GUESTDBG_SINGLESTEP));
    const dbgref_obs o = v.Do(SetGuestDebugOp(rest));
    EXPECT_EQ(o.ret, 0);
    EXPECT_EQ(v.state().control, 0u) << std::hex << rest;
    EXPECT_TRUE(ReqIoctlDisable<C>(v.last()));
    // And the next entry runs without guest debug.
    const dbgref_obs run = v.Do(OtherExitOp());
    EXPECT_EQ(run.entry_mdcr_el2 & DBGREF_MDCR_TDE, 0u);
    EXPECT_EQ(run.entry_pstate_ss, 0u);
  }
}

TEST(ReqIoctlHwregs, REQ_IOCTL_HWREGS_AllSixteenOfEachBankRecorded) {
  Vcpu v(MakeHost(0, 0));
  v.Do(SetGuestDebugOp(kHw));
  EXPECT_TRUE(ReqIoctlHwregs<C>(v.last()));
  const kvm_guest_debug_arch got = ToRecord(v.state().external);
  const kvm_guest_debug_arch want = UserRegs();
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    EXPECT_EQ(got.dbg_bcr[n], want.dbg_bcr[n]) << n;
    EXPECT_EQ(got.dbg_bvr[n], want.dbg_bvr[n]) << n;
    EXPECT_EQ(got.dbg_wcr[n], want.dbg_wcr[n]) << n;
    EXPECT_EQ(got.dbg_wvr[n], want.dbg_wvr[n]) << n;
  }
}

TEST(ReqIoctlHwregs, REQ_IOCTL_HWREGS_NextEntryUsesThem) {
  Vcpu v(MakeHost(15, 15));
  v.Do(SetGuestDebugOp(kHw));
  const dbgref_obs o = v.Do(OtherExitOp());
  const kvm_guest_debug_arch want = UserRegs();
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    EXPECT_EQ(o.entry_hw.dbg_bcr[n], want.dbg_bcr[n]);
    EXPECT_EQ(o.entry_hw.dbg_wvr[n], want.dbg_wvr[n]);
  }
}

TEST(ReqIoctlHwregs, REQ_IOCTL_HWREGS_WithoutUseHwTheSetIsNotTaken) {
  Vcpu v;
  v.Do(SetGuestDebugOp(kStep));
  EXPECT_TRUE(RegsEq<C>(v.state().external, ZeroRegs<C>()));
  EXPECT_TRUE(ReqIoctlHwregs<C>(v.last()));
}

TEST(ReqCap, REQ_CAP_AllSixteenBySixteenBrpsWrpsValues) {
  for (uint64_t brps = 0; brps < 16; ++brps) {
    for (uint64_t wrps = 0; wrps < 16; ++wrps) {
      Vcpu v(MakeHost(brps, wrps));
      const ConcreteVcpu before = v.state();
      dbgref_obs o = v.Do(CheckExtensionOp(DBGREF_CAP_HW_BPS));
      EXPECT_EQ(o.ret, static_cast<int64_t>(brps + 1));
      EXPECT_EQ(o.op_kind, DBGREF_OP_CHECK_EXTENSION);
      EXPECT_TRUE(ReqCap<C>(v.last()));
      o = v.Do(CheckExtensionOp(DBGREF_CAP_HW_WPS));
      EXPECT_EQ(o.ret, static_cast<int64_t>(wrps + 1));
      EXPECT_TRUE(ReqCap<C>(v.last()));
      o = v.Do(CheckExtensionOp(DBGREF_CAP_OTHER));
      EXPECT_EQ(o.ret, 0);
      EXPECT_TRUE(ReqCap<C>(v.last()));
      EXPECT_TRUE(StateEq<C>(before, v.state()));
    }
  }
}

TEST(ReqCap, REQ_CAP_OtherFieldsOfDfr0DoNotLeakIn) {
  dbgref_host h = MakeHost(2, 7);
  h.id_aa64dfr0_el1 |= 0xffffffff000f0fffull;  // every other field set
  Vcpu v(h);
  EXPECT_EQ(v.Do(CheckExtensionOp(DBGREF_CAP_HW_BPS)).ret, 3);
  EXPECT_EQ(v.Do(CheckExtensionOp(DBGREF_CAP_HW_WPS)).ret, 8);
}

}  // namespace
}  // namespace dbgref::model::testing
