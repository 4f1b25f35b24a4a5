// The model runs guest programs: single-step, breakpoints, watchpoints, BRK,
// and every requirement on every transition of the scenarios.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::Cpu;
using model::FromRecord;
using model::GuestStep;
using model::GuestStepEvent;
using model::ZeroCpu;

constexpr uint64_t kStepExit = 0xCA000022;  // EC 0x32, IL, ISV 0, debug FSC

TEST(Execution, SingleStepThreeNops) {
  ModelVcpu v(Program({Nop(), Nop(), Nop()}));
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  for (uint64_t k = 1; k <= 3; ++k) {
    const dbgref_obs o = v.Do(RunOp()).back();
    EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
    EXPECT_EQ(o.hsr >> 26, DBGREF_EC_SOFTSTP_LOW);
    EXPECT_EQ(o.hsr, kStepExit | DBGREF_ESR_STEP_ISV);
    EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4 * k);
  }
}

TEST(Execution, StepOverTrappedMrsIsOneExit) {
  ModelVcpu v(Program({Mrs(DBGREF_REG_BVR, 0), Nop()}));
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  const dbgref_obs o = v.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, kStepExit);  // taken at once after the skip: ISV 0
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, UserBreakpointFiresAtItsAddress) {
  ModelVcpu v(Program({Nop(), Nop(), Nop()}));
  dbgref_op op = SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  op.dbg.arch.dbg_bcr[1] = 0x1e7;  // E, PMC EL1+EL0, BAS 0b1111
  op.dbg.arch.dbg_bvr[1] = DBGREF_CODE_BASE + 8;
  v.Do(op);
  const dbgref_obs o = v.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xC2000022u);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 8);
}

TEST(Execution, UserWatchpointOnStore) {
  ModelVcpu v(Program(
      {Load(8, DBGREF_DATA_BASE + 0x10), Store(4, DBGREF_DATA_BASE + 4)}));
  dbgref_op op = SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW);
  op.dbg.arch.dbg_wcr[0] = 0x1ff7;  // E, PAC EL1+EL0, LSC stores, BAS 0xff
  op.dbg.arch.dbg_wvr[0] = DBGREF_DATA_BASE;
  v.Do(op);
  const dbgref_obs o = v.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xD2000062u);
  EXPECT_EQ(o.exit_far, DBGREF_DATA_BASE + 4);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, BrkExitsUnderGuestDebugAndGoesToTheGuestOtherwise) {
  ModelVcpu on(Program({Brk(0x7)}));
  on.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE));
  dbgref_obs o = on.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(o.hsr, 0xF2000007u);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE);

  ModelVcpu off(Program({Brk(0x7), Report()}));
  o = off.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0xF2000007u);
  EXPECT_EQ(o.ctx_elr_el1, DBGREF_CODE_BASE);
  // The handler resumes after the BRK: the report.
  o = off.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(o.exit_pc, DBGREF_CODE_BASE + 4);
}

TEST(Execution, GuestOwnBreakpointAndOsLock) {
  const dbgref_program p = Program(
      {Msr(DBGREF_REG_BCR, 0, 0x1e7),
       Msr(DBGREF_REG_BVR, 0, DBGREF_CODE_BASE + 12),
       Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE), Nop()});
  ModelVcpu v(p);
  dbgref_obs o = v.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0xC6000022u);  // EC 0x31
  EXPECT_EQ(o.ctx_elr_el1, DBGREF_CODE_BASE + 12);

  const dbgref_program locked =
      Program({Msr(DBGREF_REG_OSLAR, 0, 1), Msr(DBGREF_REG_BCR, 0, 0x1e7),
               Msr(DBGREF_REG_BVR, 0, DBGREF_CODE_BASE + 16),
               Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE),
               Nop(), Mrs(DBGREF_REG_OSLSR, 0)});
  ModelVcpu l(locked);
  o = l.Do(RunOp()).back();
  EXPECT_EQ(o.exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_END);
}

TEST(Execution, UnimplementedRegisterUndefs) {
  ModelVcpu v(Program({Mrs(DBGREF_REG_BCR, 9)}));
  const dbgref_obs o = v.Do(RunOp()).back();
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.ctx_esr_el1, 0x02000000u);
}

}  // namespace
}  // namespace dbgref::tests
