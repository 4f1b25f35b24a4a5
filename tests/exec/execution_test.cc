// The model runs guest programs: single-step, breakpoints, watchpoints, BRK,
// and every requirement on every transition of the scenarios.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "tests/exec/vcpu_fixture.h"

namespace dbgref::model {
namespace {

constexpr uint64_t kStepExit = 0xCA000022;  // EC 0x32, IL, ISV 0, debug FSC

TEST(Execution, SingleStepThreeNops) {
  Vcpu v(Prog().Add(DBGREF_INSN_NOP).Add(DBGREF_INSN_NOP).Add(DBGREF_INSN_NOP).p);
  v.Do(Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  for (uint64_t k = 1; k <= 3; ++k) {
    const dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
    EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
    EXPECT_EQ(o.hsr >> 26, DBGREF_EC_SOFTSTP_LOW);
    EXPECT_EQ(o.hsr, kStepExit | DBGREF_ESR_STEP_ISV);
    EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4 * k);
  }
}

TEST(Execution, StepOverTrappedMrsIsOneExit) {
  Vcpu v(Prog().Add(DBGREF_INSN_MRS, 0, 0, DBGREF_REG_BVR, 0).Add(DBGREF_INSN_NOP).p);
  v.Do(Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  const dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, kStepExit);  // taken at once after the skip: ISV 0
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, UserBreakpointFiresAtItsAddress) {
  Vcpu v(Prog().Add(DBGREF_INSN_NOP).Add(DBGREF_INSN_NOP).Add(DBGREF_INSN_NOP).p);
  dbgref_op op = Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  op.dbg.arch.dbg_bcr[1] = 0x1e7;  // E, PMC EL1+EL0, BAS 0b1111
  op.dbg.arch.dbg_bvr[1] = DBGREF_CODE_BASE + 8;
  v.Do(op);
  const dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xC2000022u);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 8);
}

TEST(Execution, UserWatchpointOnStore) {
  Vcpu v(Prog().Add(DBGREF_INSN_LOAD, DBGREF_DATA_BASE + 0x10, 8)
             .Add(DBGREF_INSN_STORE, DBGREF_DATA_BASE + 4, 4).p);
  dbgref_op op = Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  op.dbg.arch.dbg_wcr[0] = 0x1ff7;  // E, PAC EL1+EL0, LSC stores, BAS 0xff
  op.dbg.arch.dbg_wvr[0] = DBGREF_DATA_BASE;
  v.Do(op);
  const dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xD2000062u);
  EXPECT_EQ(o.exit_far, DBGREF_DATA_BASE + 4);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, BrkExitsUnderGuestDebugAndGoesToTheGuestOtherwise) {
  Vcpu on(Prog().Add(DBGREF_INSN_BRK, 0, 0, 0, 0, 0, 0x7).p);
  on.Do(Debug(KVM_GUESTDBG_ENABLE));
  dbgref_obs o = on.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xF2000007u);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE);

  Vcpu off(Prog().Add(DBGREF_INSN_BRK, 0, 0, 0, 0, 0, 0x7).Add(DBGREF_INSN_REPORT).p);
  o = off.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0xF2000007u);
  EXPECT_EQ(o.ctx_elr_el1, DBGREF_CODE_BASE);
  // The handler resumes after the BRK: the report.
  o = off.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, GuestOwnBreakpointAndOsLock) {
  Prog p;
  p.Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_BCR, 0, 0x1e7)
      .Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_BVR, 0, DBGREF_CODE_BASE + 12)
      .Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_MDSCR, 0,
           DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE)
      .Add(DBGREF_INSN_NOP);
  Vcpu v(p.p);
  dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0xC6000022u);  // EC 0x31
  EXPECT_EQ(o.ctx_elr_el1, DBGREF_CODE_BASE + 12);

  Prog locked;
  locked.Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_OSLAR, 0, 1)
      .Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_BCR, 0, 0x1e7)
      .Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_BVR, 0, DBGREF_CODE_BASE + 16)
      .Add(DBGREF_INSN_MSR, 0, 0, DBGREF_REG_MDSCR, 0,
           DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE)
      .Add(DBGREF_INSN_NOP)
      .Add(DBGREF_INSN_MRS, 0, 0, DBGREF_REG_OSLSR);
  Vcpu l(locked.p);
  o = l.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_END);
}

TEST(Execution, UnimplementedRegisterUndefs) {
  Vcpu v(Prog().Add(DBGREF_INSN_MRS, 0, 0, DBGREF_REG_BCR, 9).p);
  const dbgref_obs o = v.Do(MakeOp(DBGREF_OP_RUN));
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0x02000000u);
}

}  // namespace
}  // namespace dbgref::model
