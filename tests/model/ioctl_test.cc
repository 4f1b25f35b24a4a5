// KVM_SET_GUEST_DEBUG and KVM_CHECK_EXTENSION (model/ioctl.h): the valid
// mask checked first for every control word (kc:"The design that was
// merged"), ENABLE storing the word, no ENABLE turning guest debug off,
// USE_HW recording the whole kvm_guest_debug_arch (the reviewer's "copy
// the whole struct"), and the capabilities reporting BRPs+1 and WRPs+1 of
// ID_AA64DFR0_EL1 (seed:hw_breakpoint.h).
#include "model/ioctl.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;

// A vCPU with guest debug on (single-step and userspace's registers), a
// pending step and the guest's own registers set: every field an ioctl
// could wrongly touch has a value.
ConcreteVcpu Busy() {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = facts::kEnable | facts::kSingleStep | facts::kUseHw;
  s.external = model::FromRecord(UserRegs());
  s.pending_step = true;
  s.dirty = true;
  s.ctx.dbg.bcr[0] = facts::kBcrOn;
  s.ctx.mdscr_el1 = facts::kMdscrMde;
  s.ghost.dbg.bcr[0] = facts::kBcrOn;
  s.ghost.mdscr_el1 = facts::kMdscrMde;
  return s;
}

int64_t Set(ConcreteVcpu& s, uint64_t control,
            const kvm_guest_debug_arch& arch = {}) {
  return static_cast<int64_t>(
      model::SetGuestDebug<C>(s, control, model::FromRecord(arch)));
}

TEST(SetGuestDebug,
     REQ_IOCTL_VALID_EveryBitOutsideTheMaskIsEinvalAndChangesNothing) {
  for (int bit = 0; bit < 32; ++bit) {
    const uint32_t b = uint32_t{1} << bit;
    if ((b & facts::kValidMask) != 0) continue;
    for (const uint32_t with :
         {0u, facts::kEnable, facts::kEnable | facts::kUseHw}) {
      ConcreteVcpu s = Busy();
      EXPECT_EQ(Set(s, b | with, UserRegs()), facts::kEinval)
          << "bit " << bit << " with " << with;
      EXPECT_TRUE(model::StateEq<C>(s, Busy())) << "bit " << bit;
    }
  }
}

TEST(SetGuestDebug, REQ_IOCTL_VALID_EveryValidWordWithEnableIsStored) {
  for (uint32_t bits = 0; bits < 8; ++bits) {
    const uint32_t control =
        facts::kEnable | ((bits & 1) ? facts::kSingleStep : 0) |
        ((bits & 2) ? facts::kUseSwBp : 0) | ((bits & 4) ? facts::kUseHw : 0);
    ConcreteVcpu s = model::ResetState<C>();
    EXPECT_EQ(Set(s, control), 0) << control;
    EXPECT_EQ(s.control, control);
  }
}

TEST(SetGuestDebug,
     REQ_IOCTL_VALID_AnInvalidWordWithoutEnableKeepsGuestDebugOn) {
  // The merged order: 1 << 4 is refused although ENABLE is clear, and the
  // single-step set before stays in force (Linux 6.1 and 6.12 alike).
  ConcreteVcpu s = model::ResetState<C>();
  ASSERT_EQ(Set(s, facts::kEnable | facts::kSingleStep), 0);
  EXPECT_EQ(Set(s, 1u << 4), facts::kEinval);
  EXPECT_EQ(s.control, facts::kEnable | facts::kSingleStep);
}

TEST(SetGuestDebug,
     REQ_IOCTL_DISABLE_AValidWordWithoutEnableTurnsGuestDebugOff) {
  for (const uint32_t control :
       {0u, facts::kSingleStep, facts::kUseHw,
        facts::kSingleStep | facts::kUseSwBp | facts::kUseHw}) {
    ConcreteVcpu s = Busy();
    EXPECT_EQ(Set(s, control, UserRegs()), 0) << control;
    EXPECT_EQ(s.control, 0u) << control;
    // Nothing of the guest's changes, and userspace's registers stay
    // recorded (they matter only while USE_HW is on, spec/operations.md).
    EXPECT_TRUE(model::RegsEq<C>(s.ctx.dbg, Busy().ctx.dbg));
    EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrMde);
    EXPECT_TRUE(model::RegsEq<C>(s.external, model::FromRecord(UserRegs())));
  }
}

TEST(SetGuestDebug, REQ_IOCTL_DISABLE_OffDropsAPendingStep) {
  // A pending step belongs to the single-step that is turned off; one that
  // stays on keeps it.
  ConcreteVcpu off = Busy();
  Set(off, 0);
  EXPECT_FALSE(off.pending_step);
  ConcreteVcpu no_step = Busy();
  Set(no_step, facts::kEnable);
  EXPECT_FALSE(no_step.pending_step);
  ConcreteVcpu still = Busy();
  Set(still, facts::kEnable | facts::kSingleStep);
  EXPECT_TRUE(still.pending_step);
}

TEST(SetGuestDebug, REQ_IOCTL_HWREGS_AllSixteenEntriesOfEachBankAreRecorded) {
  ConcreteVcpu s = model::ResetState<C>();
  ASSERT_EQ(Set(s, facts::kEnable | facts::kUseHw, UserRegs()), 0);
  for (int n = 0; n < 16; ++n) {
    EXPECT_EQ(s.external.bcr[n], UserReg(0, n)) << n;
    EXPECT_EQ(s.external.bvr[n], UserReg(1, n)) << n;
    EXPECT_EQ(s.external.wcr[n], UserReg(2, n)) << n;
    EXPECT_EQ(s.external.wvr[n], UserReg(3, n)) << n;
  }
  // A later call replaces them whole.
  ASSERT_EQ(Set(s, facts::kEnable | facts::kUseHw, HwBreakpoint(3, 0x10008)),
            0);
  EXPECT_EQ(s.external.bcr[3], facts::kBcrOn);
  EXPECT_EQ(s.external.bvr[3], 0x10008u);
  EXPECT_EQ(s.external.bcr[0], 0u);
  EXPECT_EQ(s.external.wvr[15], 0u);
}

TEST(SetGuestDebug, REQ_IOCTL_HWREGS_OnlyAnAcceptedUseHwRecordsRegisters) {
  for (const uint32_t control :
       {facts::kEnable, facts::kEnable | facts::kSingleStep, facts::kUseHw,
        facts::kEnable | facts::kUseHw | (1u << 5)}) {
    ConcreteVcpu s = model::ResetState<C>();
    Set(s, control, UserRegs());
    EXPECT_TRUE(model::RegsEq<C>(s.external, model::ZeroRegs<C>())) << control;
  }
}

TEST(SetGuestDebug, ThroughTheFacadeIsOneIoctlStep) {
  ModelVcpu v;
  const std::vector<dbgref_obs> obs =
      v.Do(SetGuestDebugOp(facts::kEnable | (1u << 9)));
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].step, uint32_t{DBGREF_STEP_IOCTL});
  EXPECT_EQ(obs[0].op_kind, uint32_t{DBGREF_OP_SET_GUEST_DEBUG});
  EXPECT_EQ(obs[0].ret, facts::kEinval);
  EXPECT_EQ(obs[0].entry_mdcr_el2, 0u);
  EXPECT_EQ(obs[0].exit_reason, 0u);
}

TEST(CheckExtension, REQ_CAP_AllSixteenBySixteenBrpsAndWrpsValues) {
  for (unsigned brps = 0; brps < 16; ++brps) {
    for (unsigned wrps = 0; wrps < 16; ++wrps) {
      const model::ConcreteHost h{facts::Dfr0(brps, wrps),
                                  model::ZeroRegs<C>()};
      EXPECT_EQ(model::CheckExtension<C>(h, DBGREF_CAP_HW_BPS), brps + 1u);
      EXPECT_EQ(model::CheckExtension<C>(h, DBGREF_CAP_HW_WPS), wrps + 1u);
      EXPECT_EQ(model::CheckExtension<C>(h, DBGREF_CAP_OTHER), 0u);
    }
  }
}

TEST(CheckExtension, REQ_CAP_OtherFieldsOfTheIdRegisterDoNotLeakIn) {
  // DebugVer [3:0], TraceVer [7:4], PMUVer [11:8], CTX_CMPs [31:28] and the
  // bits above, with BRPs 2 (3 breakpoints) and WRPs 1 (2 watchpoints).
  const uint64_t dfr0 =
      0xfffffffff0f0ffffull & ~(0xfull << 12) & ~(0xfull << 20);
  const model::ConcreteHost h{dfr0 | facts::Dfr0(2, 1), model::ZeroRegs<C>()};
  EXPECT_EQ(model::CheckExtension<C>(h, DBGREF_CAP_HW_BPS), 3u);
  EXPECT_EQ(model::CheckExtension<C>(h, DBGREF_CAP_HW_WPS), 2u);
}

TEST(CheckExtension, REQ_CAP_ChangesNothing) {
  ModelVcpu v(Program({Nop()}), Host(16, 1));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kUseHw, UserRegs()), 0);
  const model::ConcreteVcpu before = v.state();
  EXPECT_EQ(v.CheckExtension(DBGREF_CAP_HW_BPS), 16);
  EXPECT_EQ(v.CheckExtension(DBGREF_CAP_HW_WPS), 1);
  EXPECT_EQ(v.CheckExtension(DBGREF_CAP_OTHER), 0);
  EXPECT_TRUE(model::StateEq<C>(v.state(), before));
}

}  // namespace
}  // namespace dbgref::tests
