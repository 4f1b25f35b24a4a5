// The guest's OS lock (REQ-OSLOCK): KVM emulates it (OSLAR_EL1 and
// OSLSR_EL1 always trap, TDOSA; Linux 5.19 and later), and while it is set
// none of the guest's own breakpoint, watchpoint or software step events
// fires ([arm:os-lock]); BRK is no debug event and still does; userspace's
// breakpoints and single-step are KVM's, not the guest's, and the lock
// does not stop them (spec/decisions.md, "The OS lock"). KVM_ARM_VCPU_INIT
// leaves it unlocked.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "model/concrete.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

constexpr uint64_t kOwnDebug = facts::kMdscrKde | facts::kMdscrMde;

dbgref_insn Lock() { return Msr(DBGREF_REG_OSLAR, 0, 1); }
dbgref_insn Unlock() { return Msr(DBGREF_REG_OSLAR, 0, 0); }

// The emulated reads in a KVM_RUN (the EXITs that emulated an MRS).
std::vector<uint64_t> EmulatedReads(const std::vector<dbgref_obs>& run) {
  std::vector<uint64_t> out;
  for (std::size_t i = 1; i < run.size(); ++i) {
    if (run[i].step == DBGREF_STEP_EXIT && run[i].exit_reason == 0 &&
        (run[i - 1].esr & 1) == 1 &&
        (run[i - 1].esr >> 26) == facts::kEcSys64) {
      out.push_back(run[i].read_value);
    }
  }
  return out;
}

TEST(OsLock, REQ_OSLOCK_TheLockIsEmulatedAndReadBack) {
  ModelVcpu v(Program({Mrs(DBGREF_REG_OSLSR), Lock(), Mrs(DBGREF_REG_OSLSR),
                       Unlock(), Mrs(DBGREF_REG_OSLSR)}));
  const std::vector<dbgref_obs> run = v.Run();
  EXPECT_EQ(EmulatedReads(run),
            (std::vector<uint64_t>{facts::kOslsrUnlocked, facts::kOslsrLocked,
                                   facts::kOslsrUnlocked}));
  // OSLAR_EL1 traps as (op0 2, op1 0, CRn 1, CRm 0, op2 4), even with
  // guest debug off and DIRTY set (TDOSA is always set).
  bool trapped_oslar = false;
  for (const dbgref_obs& o : run) {
    trapped_oslar |= o.esr == facts::Sys64(2, 0, 1, 0, 4, false);
  }
  EXPECT_TRUE(trapped_oslar);
}

TEST(OsLock, REQ_OSLOCK_TheGuestsOwnBreakpointDoesNotFireWhileLocked) {
  ModelVcpu v(Program({Lock(), Msr(DBGREF_REG_BCR, 0, facts::kBcrOn),
                       Msr(DBGREF_REG_BVR, 0, facts::Line(5)),
                       Msr(DBGREF_REG_MDSCR, 0, kOwnDebug),
                       Mrs(DBGREF_REG_OSLSR), Nop(), Unlock(),
                       Msr(DBGREF_REG_BVR, 0, facts::Line(9)), Nop(), Nop()}));
  const dbgref_obs exit = v.RunToExit();
  // Line 5 runs although the breakpoint matches it; once unlocked the
  // breakpoint at line 9 fires into the guest (EC 0x31, ELR at it).
  EXPECT_EQ(exit.mmio_addr, facts::kMmioException);
  EXPECT_EQ(exit.ctx_esr_el1, facts::kOwnBreakpoint);
  EXPECT_EQ(exit.ctx_elr_el1, facts::Line(9));
  EXPECT_EQ(exit.ctx_oslk, 0u);
}

TEST(OsLock, REQ_OSLOCK_TheGuestsOwnWatchpointDoesNotFireWhileLocked) {
  ModelVcpu v(
      Program({Lock(), Msr(DBGREF_REG_WCR, 0, facts::kWcrAll),
               Msr(DBGREF_REG_WVR, 0, facts::kDataBase),
               Msr(DBGREF_REG_MDSCR, 0, kOwnDebug), Load(8, facts::kDataBase),
               Report(), Unlock(), Load(8, facts::kDataBase)}));
  dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.mmio_addr, facts::kMmioReport);
  EXPECT_EQ(exit.ctx_oslk, 1u);
  exit = v.RunToExit();
  EXPECT_EQ(exit.mmio_addr, facts::kMmioException);
  EXPECT_EQ(exit.ctx_esr_el1, facts::kOwnWatchLoad);
  EXPECT_EQ(exit.ctx_elr_el1, facts::Line(7));
  EXPECT_EQ(exit.ctx_far_el1, facts::kDataBase);
}

TEST(OsLock, REQ_OSLOCK_TheGuestsOwnStepDoesNotFireWhileLocked) {
  // The guest steps itself (MDSCR_EL1.SS and KDE, PSTATE.SS): the lock's
  // MSR traps before it completes, then nothing steps until the unlock;
  // the step exception comes before the instruction after it.
  ModelVcpu v(Program({Lock(), Nop(), Nop(), Unlock(), Nop()}));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_MDSCR, 0, facts::kMdscrSs | facts::kMdscrKde),
            0);
  ASSERT_EQ(
      v.Set(DBGREF_ONE_REG_PSTATE, 0, facts::kStartPstate | facts::kPstateSs),
      0);
  const dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.mmio_addr, facts::kMmioException);
  EXPECT_EQ(exit.ctx_esr_el1 >> 26, facts::kEcSoftstpCur);
  EXPECT_EQ(exit.ctx_elr_el1, facts::Line(4));
}

TEST(OsLock, REQ_OSLOCK_REQ_BRK_BrkStillGoesToTheGuestWhileLocked) {
  ModelVcpu v(Program({Lock(), Brk(5)}));
  const dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.mmio_addr, facts::kMmioException);
  EXPECT_EQ(exit.ctx_esr_el1, facts::BrkExit(5));
  EXPECT_EQ(exit.ctx_elr_el1, facts::Line(1));
}

TEST(OsLock, REQ_OSLOCK_REQ_HW_BREAK_UserspacesBreakpointFiresWhileLocked) {
  ModelVcpu v(Program({Lock(), Nop(), Nop()}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kUseHw,
                            HwBreakpoint(0, facts::Line(2))),
            0);
  const dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.exit_reason, facts::kExitDebug);
  EXPECT_EQ(exit.hsr, facts::kBreakpointExit);
  EXPECT_EQ(exit.exit_pc, facts::Line(2));
  EXPECT_EQ(exit.ctx_oslk, 1u);
}

TEST(OsLock, REQ_OSLOCK_REQ_SS_UserspacesSingleStepStillStepsWhileLocked) {
  ModelVcpu v(Program({Lock(), Report(), Nop(), Nop()}));
  ASSERT_EQ(v.RunToExit().mmio_addr, facts::kMmioReport);
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kSingleStep), 0);
  // The report store completes at the entry: the step exit at once.
  dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.hsr, facts::kStepExit);
  EXPECT_EQ(exit.exit_pc, facts::Line(2));
  exit = v.RunToExit();
  EXPECT_EQ(exit.hsr, facts::kStepExitIsv);
  EXPECT_EQ(exit.exit_pc, facts::Line(3));
  EXPECT_EQ(exit.ctx_oslk, 1u);
}

TEST(OsLock, REQ_OSLOCK_REQ_INIT_AResetUnlocks) {
  ModelVcpu v(Program({Lock(), Report()}));
  ASSERT_EQ(v.RunToExit().ctx_oslk, 1u);
  v.Ioctl(VcpuInitOp());
  EXPECT_FALSE(v.state().ctx.os_locked);
}

}  // namespace
}  // namespace dbgref::tests
