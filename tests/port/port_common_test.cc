// Unit tests of what every port revision does alike, through the interface
// of model/revision.h: the registry, capabilities, the control word with
// ENABLE, the shape of the observations, KVM_RUN as the kernel's loop
// (debug, MMIO and interrupt exits, emulated accesses, the bound, BUG()),
// KVM_GET_ONE_REG and KVM_SET_ONE_REG, KVM_ARM_VCPU_INIT and reset. Where
// the revisions are expected to agree with the model, the scenarios run on
// both and every observation is compared (port_revision_test.cc pins the
// places where they do not).
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "port/driver.h"
#include "port/shim/one_reg.h"
#include "port/shim/testing.h"
#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

class PortTest : public ::testing::TestWithParam<const dbgref_revision*> {
 protected:
  const dbgref_revision* port() const { return GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(
    AllRevisions, PortTest, ::testing::ValuesIn(kRevisions),
    [](const ::testing::TestParamInfo<const dbgref_revision*>& info) {
      return PortName(info.param);
    });

TEST(PortRegistry, FindsEveryRevisionByName) {
  ASSERT_EQ(dbgref_port_count, 3u);
  EXPECT_EQ(dbgref_port_find("v2"), &dbgref_port_v2);
  EXPECT_EQ(dbgref_port_find("v2-review"), &dbgref_port_v2_review);
  EXPECT_EQ(dbgref_port_find("final"), &dbgref_port_final);
  EXPECT_EQ(dbgref_port_find("v3"), nullptr);
  for (size_t i = 0; i < dbgref_port_count; i++) {
    EXPECT_EQ(dbgref_ports[i], kRevisions[i]);
    EXPECT_EQ(dbgref_port_find(dbgref_ports[i]->name), dbgref_ports[i]);
  }
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

// An ioctl is one IOCTL step: its kind, return value and (GET_ONE_REG)
// value, every other field zero whatever the buffer held before.
TEST_P(PortTest, AnIoctlIsOneStepWithZerosElsewhere) {
  Vcpu v(port(), MakeHost());
  dbgref_op op = trace::CheckExtensionOp(DBGREF_CAP_HW_WPS);
  op.dbg.control = 0xffffffff;  // fields the ioctl does not use
  op.value = 0x1234;
  const Obs o = v.Do(op);
  ASSERT_EQ(o.size(), 1u);
  dbgref_obs want;
  std::memset(&want, 0, sizeof(want));
  want.step = DBGREF_STEP_IOCTL;
  want.op_kind = DBGREF_OP_CHECK_EXTENSION;
  want.ret = 4;
  EXPECT_TRUE(model::ObsEqual(o[0], want)) << model::ObsDiff(o[0], want);

  want.op_kind = DBGREF_OP_GET_ONE_REG;
  want.ret = 0;
  want.value = DBGREF_START_PC;
  const Obs g = v.Do(trace::GetOneRegOp(DBGREF_ONE_REG_PC));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_TRUE(model::ObsEqual(g[0], want)) << model::ObsDiff(g[0], want);
}

TEST_P(PortTest, ValidControlWordsWithEnableAreAccepted) {
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

// With ENABLE every revision refuses a bit outside the valid mask (without
// ENABLE they differ: port_revision_test.cc).
TEST_P(PortTest, InvalidBitsWithEnableGiveEinval) {
  Vcpu v(port(), MakeHost());
  for (int bit = 0; bit < 32; bit++) {
    const uint32_t extra = 1u << bit;
    if (extra & KVM_GUESTDBG_VALID_MASK) continue;
    EXPECT_EQ(v.SetGuestDebug(KVM_GUESTDBG_ENABLE | extra), -DBGREF_EINVAL)
        << "bit " << bit;
    EXPECT_EQ(v.SetGuestDebug(kUseHw | KVM_GUESTDBG_SINGLESTEP | extra),
              -DBGREF_EINVAL)
        << "bit " << bit;
  }
}

// A refused ioctl changes nothing: afterwards the vCPU observes exactly
// what the model observes, and the model never saw the refused word take
// effect.
TEST_P(PortTest, EinvalWithEnableChangesNothing) {
  const dbgref_program p = Program({trace::Nop(), trace::Nop(),
                                    trace::Store(8, DBGREF_DATA_BASE)});
  Twin t(port(), MakeHost(), p);
  const std::vector<dbgref_op> ops = {
      trace::SetGuestDebugOp(kUseHw, HwBreakpoint(0, Line(1))),
      trace::SetGuestDebugOp(kUseHw | (1u << 4),
                             HwWatchpoint(0, DBGREF_DATA_BASE)),
      trace::RunOp(),
      trace::RunOp(),
      trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | (1u << 31)),
      trace::RunOp(),
  };
  EXPECT_EQ(Join(t.DoAll(ops)), "");
}

// KVM_RUN is the iterations of the kernel's loop: ENTER, GUEST steps,
// EXIT, and again from ENTER for every exit that goes back into the guest;
// the last EXIT says where the vCPU went.
TEST_P(PortTest, KvmRunIsIterationsOfEnterGuestExit) {
  Vcpu v(port(), MakeHost(),
         Program({trace::Msr(DBGREF_REG_BVR, 0, 0x40),
                  trace::Mrs(DBGREF_REG_BVR, 0), trace::Nop(),
                  trace::Report()}));
  const Obs o = v.Run();
  ASSERT_GE(o.size(), 3u);
  ASSERT_LE(o.size(), size_t(DBGREF_MAX_OBS_PER_OP));
  uint32_t expect = DBGREF_STEP_ENTER;
  int iterations = 0;
  for (size_t i = 0; i < o.size(); i++) {
    EXPECT_EQ(o[i].op_kind, uint32_t(DBGREF_OP_RUN)) << i;
    if (expect == DBGREF_STEP_ENTER) {
      ASSERT_EQ(o[i].step, uint32_t(DBGREF_STEP_ENTER)) << i;
      iterations++;
      expect = DBGREF_STEP_GUEST;
    } else if (o[i].step == DBGREF_STEP_EXIT) {
      ASSERT_EQ(o[i - 1].step, uint32_t(DBGREF_STEP_GUEST)) << i;
      ASSERT_EQ(o[i - 1].event, uint32_t(DBGREF_EVENT_TO_EL2)) << i;
      const bool last = i + 1 == o.size();
      EXPECT_EQ(o[i].exit_reason == 0, !last) << i;
      expect = DBGREF_STEP_ENTER;
    } else {
      ASSERT_EQ(o[i].step, uint32_t(DBGREF_STEP_GUEST)) << i;
    }
  }
  // The MSR traps (DIRTY clear) and sets DIRTY, so the next entry loads
  // the guest's registers and the MRS reads them directly; then the report.
  EXPECT_EQ(iterations, 2);
  EXPECT_EQ(o.back().exit_reason, uint32_t(KVM_EXIT_MMIO));
  EXPECT_EQ(o.back().mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(o.back().exit_pc, Line(3));
}

// The scenarios where every revision is expected to observe what the model
// observes, step by step (the skip after an emulated access, which 4.2
// does in handle_exit, taken out: port_revision_test.cc pins it).
struct Scenario {
  const char* name;
  dbgref_program program;
  std::vector<dbgref_op> ops;
};

std::vector<Scenario> AgreeingScenarios() {
  using namespace trace;
  const uint64_t d = DBGREF_DATA_BASE;
  const uint64_t kde_mde = DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE;
  return {
      {"reports and the END store",
       Program({Nop(), Report(), Nop()}),
       {RunOp(), RunOp(), RunOp(), RunOp()}},
      {"lazy switching: a trapped write, then direct accesses",
       Program({Msr(DBGREF_REG_WCR, 2, 0x1e17), Msr(DBGREF_REG_WVR, 2, 0xabc0),
                Mrs(DBGREF_REG_WVR, 2), Report(), Mrs(DBGREF_REG_WCR, 2),
                Mrs(DBGREF_REG_MDCCINT), Msr(DBGREF_REG_MDCCINT, 0, 3),
                Mrs(DBGREF_REG_MDSCR)}),
       {RunOp(), RunOp(), GetOneRegOp(DBGREF_ONE_REG_WVR, 2)}},
      {"the guest enables debug itself: its registers stay loaded",
       Program({Msr(DBGREF_REG_BCR, 0, 0x1e5), Msr(DBGREF_REG_MDSCR, 0,
                                                   DBGREF_MDSCR_KDE),
                Report(), Mrs(DBGREF_REG_BCR, 0), Report()}),
       {RunOp(), RunOp(), RunOp()}},
      {"a userspace breakpoint fires at its address",
       Program({Nop(), Nop(), Nop()}),
       {SetGuestDebugOp(kUseHw, HwBreakpoint(1, Line(2))), RunOp(),
        GetOneRegOp(DBGREF_ONE_REG_PC)}},
      {"userspace watchpoints: a load, then a store inside",
       Program({Load(8, d + 0x10), Load(2, d + 6), Store(4, d + 4)}),
       {SetGuestDebugOp(kUseHw, HwWatchpoint(3, d)), RunOp(),
        SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(2)),
        SetGuestDebugOp(kUseHw, HwWatchpoint(0, d, kWcrStores)), RunOp()}},
      {"BRK under guest debug, then in the guest's own handler",
       Program({Brk(7), Report(), Brk(0xffff)}),
       {SetGuestDebugOp(KVM_GUESTDBG_ENABLE), RunOp(), SetGuestDebugOp(0),
        RunOp(), RunOp(), RunOp(), RunOp()}},
      {"the guest's own breakpoint, watchpoint and step with debug off",
       Program({Msr(DBGREF_REG_BCR, 0, kBcrOn),
                Msr(DBGREF_REG_BVR, 0, Line(4)),
                Msr(DBGREF_REG_WCR, 1, kWcrOn), Msr(DBGREF_REG_WVR, 1, d),
                Msr(DBGREF_REG_MDSCR, 0, kde_mde), Store(1, d + 3),
                Msr(DBGREF_REG_MDSCR, 0, kde_mde | DBGREF_MDSCR_SS), Nop(),
                Nop(), Nop(), Nop()}),
       {RunOp(), RunOp(), RunOp(), RunOp(), RunOp(), RunOp()}},
      {"the Linux selftest's single-step: three steps, pc + 4 each",
       Program({Nop(), Nop(), Nop()}),
       {SetGuestDebugOp(kSingleStep), RunOp(), RunOp(), RunOp(),
        GetOneRegOp(DBGREF_ONE_REG_PC), SetGuestDebugOp(0), RunOp()}},
      {"single-step into the guest's handler",
       Program({Nop(), Mrs(DBGREF_REG_BCR, 9), Nop()}),
       {SetGuestDebugOp(kSingleStep), RunOp(), RunOp()}},
      {"an unimplemented register is UNDEFINED, trapped or not",
       Program({Mrs(DBGREF_REG_BCR, 6), Msr(DBGREF_REG_WVR, 4, 1),
                Report()}),
       {RunOp(), RunOp(), SetGuestDebugOp(kUseHw), RunOp(), RunOp()}},
      {"KVM_GET_ONE_REG and KVM_SET_ONE_REG reach the guest's registers",
       Program({Mrs(DBGREF_REG_BCR, 3), Mrs(DBGREF_REG_MDSCR), Report()}),
       {SetOneRegOp(DBGREF_ONE_REG_BCR, 3, 77),
        GetOneRegOp(DBGREF_ONE_REG_BCR, 3),
        SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0, DBGREF_MDSCR_MDE),
        GetOneRegOp(DBGREF_ONE_REG_MDSCR), GetOneRegOp(DBGREF_ONE_REG_PSTATE),
        SetOneRegOp(DBGREF_ONE_REG_WVR, 15, 5),
        GetOneRegOp(DBGREF_ONE_REG_WVR, 15),
        GetOneRegOp(DBGREF_ONE_REG_BVR, 16),
        SetOneRegOp(DBGREF_ONE_REG_WCR, 16, 1), GetOneRegOp(7),
        SetOneRegOp(40, 0, 1), RunOp()}},
      {"KVM_ARM_VCPU_INIT: the guest's state, not userspace's debug",
       Program({Msr(DBGREF_REG_BVR, 1, 0x999), Mrs(DBGREF_REG_BCR, 7),
                Report(), Nop()}),
       {RunOp(), SetGuestDebugOp(kUseHw, HwBreakpoint(0, Line(3))),
        SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0, DBGREF_MDSCR_MDE),
        SetOneRegOp(DBGREF_ONE_REG_PSTATE, 0, 0x3c5), VcpuInitOp(),
        GetOneRegOp(DBGREF_ONE_REG_BVR, 1), GetOneRegOp(DBGREF_ONE_REG_MDSCR),
        GetOneRegOp(DBGREF_ONE_REG_PC), GetOneRegOp(DBGREF_ONE_REG_PSTATE),
        RunOp(), RunOp(), RunOp()}},
      {"a reset abandons the MMIO store the guest left",
       Program({Report(), Nop()}),
       {RunOp(), VcpuInitOp(), RunOp(), RunOp()}},
  };
}

TEST_P(PortTest, ScenariosObserveWhatTheModelObserves) {
  for (const Scenario& s : AgreeingScenarios()) {
    Twin t(port(), MakeHost(), s.program);
    EXPECT_EQ(Join(t.DoAll(s.ops)), "") << s.name;
  }
}

// A trapped access is emulated in handle_exit and the guest resumes: with
// guest debug off the first write traps (DIRTY clear), sets DIRTY, and
// the next entry loads the guest's registers and stops trapping; the exit
// after that gives the hardware back to the host.
TEST_P(PortTest, TrappedWriteLoadsTheGuestRegistersOnTheNextEntry) {
  const dbgref_host host = MakeHost();
  Vcpu v(port(), host,
         Program({trace::Msr(DBGREF_REG_BVR, 3, 0x1234),
                  trace::Mrs(DBGREF_REG_BVR, 3), trace::Report(),
                  trace::Mrs(DBGREF_REG_BVR, 3)}));
  const Obs o = v.Run();
  // ENTER, MSR traps, EXIT; ENTER, MRS, report, EXIT.
  ASSERT_EQ(o.size(), 7u);
  EXPECT_EQ(o[0].entry_mdcr_el2, kAlways | DBGREF_MDCR_TDA);
  EXPECT_EQ(o[0].entry_hw.dbg_bvr[3], HostReg(1, 3));
  EXPECT_EQ(o[1].esr >> DBGREF_ESR_EC_SHIFT, uint64_t(DBGREF_EC_SYS64));
  EXPECT_EQ(o[2].undef, 0u);
  // TDA was decided from DIRTY before the entry set it again.
  EXPECT_EQ(o[3].entry_mdcr_el2, kAlways);
  EXPECT_EQ(o[3].entry_hw.dbg_bvr[3], 0x1234u);
  EXPECT_EQ(o[3].entry_hw.dbg_bcr[0], 0u);  // the guest's, not the host's
  EXPECT_EQ(o[3].entry_pc, Line(1));
  EXPECT_EQ(o[4].event, uint32_t(DBGREF_EVENT_RETIRED));  // a direct MRS
  EXPECT_EQ(o[4].read_value, 0x1234u);
  EXPECT_EQ(o[5].event, uint32_t(DBGREF_EVENT_TO_EL2));
  EXPECT_EQ(o[6].exit_reason, uint32_t(KVM_EXIT_MMIO));
  // The next KVM_RUN traps again: DIRTY was cleared at the exit.
  const Obs n = v.Run();
  ASSERT_EQ(n.size(), 6u);
  EXPECT_EQ(n[0].entry_mdcr_el2, kAlways | DBGREF_MDCR_TDA);
  EXPECT_EQ(n[0].entry_hw.dbg_bvr[3], HostReg(1, 3));
  EXPECT_EQ(n[1].event, uint32_t(DBGREF_EVENT_TO_EL2));
  EXPECT_EQ(n[2].read_value, 0x1234u);
}

// Debug exits report hsr, the pc at the instruction (as the revision's
// uapi gives it), and far only for a watchpoint; a far left in kvm_run by
// an earlier watchpoint exit is not reported for a later breakpoint.
TEST_P(PortTest, DebugExitsReportHsrPcAndFarOnlyForWatchpoints) {
  const uint64_t d = DBGREF_DATA_BASE;
  Vcpu v(port(), MakeHost(),
         Program({trace::Store(2, d + 0x22), trace::Nop(), trace::Brk(0x42),
                  trace::Nop()}));
  kvm_guest_debug_arch regs = HwWatchpoint(1, d + 0x20);
  regs.dbg_bcr[2] = kBcrOn;
  regs.dbg_bvr[2] = Line(1);
  ASSERT_EQ(v.SetGuestDebug(kUseHw | KVM_GUESTDBG_USE_SW_BP, regs), 0);
  dbgref_obs o = v.RunToExit();
  EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_DEBUG));
  EXPECT_EQ(o.hsr, WatchpointEsr(true));
  EXPECT_EQ(o.exit_far, d + 0x22);
  EXPECT_EQ(o.exit_pc, Line(0));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, Line(1)), 0);
  o = v.RunToExit();
  EXPECT_EQ(o.hsr, BreakpointEsr());
  EXPECT_EQ(o.exit_far, 0u);
  EXPECT_EQ(o.exit_pc, Line(1));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, Line(2)), 0);
  o = v.RunToExit();
  EXPECT_EQ(o.hsr, Esr(DBGREF_EC_BRK64, 0x42));
  EXPECT_EQ(o.exit_far, 0u);
  EXPECT_EQ(o.exit_pc, Line(2));
}

// An MMIO store goes to userspace with its address; the next KVM_RUN
// completes it first, so the guest enters after it.
TEST_P(PortTest, MmioExitIsCompletedByTheNextRun) {
  Vcpu v(port(), MakeHost(), Program({trace::Report(), trace::Nop()}));
  dbgref_obs o = v.RunToExit();
  EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_MMIO));
  EXPECT_EQ(o.ret, 0);
  EXPECT_EQ(o.mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(o.exit_pc, Line(0));
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), Line(0));
  const Obs n = v.Run();
  EXPECT_EQ(n.front().entry_pc, Line(1));
  EXPECT_EQ(n.back().mmio_addr, DBGREF_MMIO_END);
  EXPECT_EQ(n.back().exit_pc, Line(2));
}

// KVM_GET_ONE_REG and KVM_SET_ONE_REG: the PC, PSTATE, MDSCR_EL1 and all
// sixteen entries of every bank; -ENOENT for what KVM does not know, and
// nothing changes then.
TEST_P(PortTest, OneRegReachesEveryRegisterAndRefusesUnknownIds) {
  Vcpu v(port(), MakeHost(2, 2));
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), DBGREF_START_PC);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PSTATE), DBGREF_START_PSTATE);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_MDSCR), 0u);
  for (uint32_t reg = DBGREF_ONE_REG_PC; reg <= DBGREF_ONE_REG_WVR; reg++) {
    for (uint32_t n = 0; n < 16; n++) {
      const uint64_t value = 0x1000 * (reg + 1) + n * 4;
      EXPECT_EQ(v.Set(reg, n, value), 0) << reg << " " << n;
      EXPECT_EQ(v.Get(reg, n), value) << reg << " " << n;
      if (reg < DBGREF_ONE_REG_BCR) break;
    }
  }
  const dbgref_obs pc = v.Ioctl(trace::GetOneRegOp(DBGREF_ONE_REG_PC));
  const struct {
    uint32_t reg, index;
  } unknown[] = {{DBGREF_ONE_REG_BCR, 16}, {DBGREF_ONE_REG_WVR, 1000},
                 {DBGREF_ONE_REG_COUNT, 0}, {0xffffffff, 0}};
  for (const auto& u : unknown) {
    const dbgref_obs g = v.Ioctl(trace::GetOneRegOp(u.reg, u.index));
    EXPECT_EQ(g.ret, -DBGREF_ENOENT) << u.reg << " " << u.index;
    EXPECT_EQ(g.value, 0u);
    EXPECT_EQ(v.Set(u.reg, u.index, 1), -DBGREF_ENOENT);
  }
  EXPECT_TRUE(model::ObsEqual(
      v.Ioctl(trace::GetOneRegOp(DBGREF_ONE_REG_PC)), pc));
}

// The guest reads what KVM_SET_ONE_REG wrote, and KVM_GET_ONE_REG reads
// what the guest wrote.
TEST_P(PortTest, OneRegAndTheGuestSeeTheSameRegisters) {
  Vcpu v(port(), MakeHost(),
         Program({trace::Mrs(DBGREF_REG_WCR, 1), trace::Mrs(DBGREF_REG_MDSCR),
                  trace::Msr(DBGREF_REG_BVR, 2, 0x2220), trace::Report()}));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_WCR, 1, 0x1e5), 0);
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_MDSCR, 0, DBGREF_MDSCR_KDE), 0);
  const Obs o = v.Run();
  // All three trap: a read does not set DIRTY, and TDA is decided before
  // the entry sets DIRTY for KDE (and cleared with it at every exit).
  ASSERT_EQ(o.size(), 12u);
  EXPECT_EQ(o[2].read_value, 0x1e5u);
  EXPECT_EQ(o[5].read_value, DBGREF_MDSCR_KDE);
  EXPECT_EQ(o[7].event, uint32_t(DBGREF_EVENT_TO_EL2));
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_BVR, 2), 0x2220u);
}

// KVM_ARM_VCPU_INIT gives the guest its reset state and the runtime's
// start, and leaves userspace's guest debug alone.
TEST_P(PortTest, VcpuInitResetsTheGuestButNotUserspaceDebug) {
  Vcpu v(port(), MakeHost(),
         Program({trace::Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE),
                  trace::Msr(DBGREF_REG_WVR, 3, 0x777),
                  trace::Mrs(DBGREF_REG_BCR, 8), trace::Nop()}));
  dbgref_obs o = v.RunToExit();  // the UNDEF's report
  ASSERT_EQ(o.mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_NE(o.ctx_esr_el1, 0u);
  EXPECT_EQ(o.ctx_elr_el1, Line(2));
  ASSERT_EQ(v.SetGuestDebug(kUseHw, HwBreakpoint(0, Line(3))), 0);
  ASSERT_EQ(v.Ioctl(trace::VcpuInitOp()).ret, 0);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_MDSCR), 0u);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_WVR, 3), 0u);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), DBGREF_START_PC);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PSTATE), DBGREF_START_PSTATE);
  // Guest debug is still on: the breakpoint fires when the guest gets
  // there again, with its EL1 exception registers clear.
  o = v.Run().front();
  EXPECT_EQ(o.entry_pc, DBGREF_START_PC);
  EXPECT_EQ(o.entry_hw.dbg_bvr[0], Line(3));
  EXPECT_EQ(o.entry_mdcr_el2 & DBGREF_MDCR_TDE, DBGREF_MDCR_TDE);
  v.Run();  // the MSR of WVR3 traps, the UNDEF is reported
  o = v.RunToExit();
  EXPECT_EQ(o.exit_reason, uint32_t(KVM_EXIT_DEBUG));
  EXPECT_EQ(o.exit_pc, Line(3));
}

// reset() is create(): the same observations afterwards, for another
// host and program too.
TEST_P(PortTest, ResetReturnsToTheCreatedState) {
  const dbgref_host h1 = MakeHost(3, 5), h2 = MakeHost(16, 2);
  const dbgref_program p1 = Program({trace::Msr(DBGREF_REG_WVR, 4, 77)});
  const dbgref_program p2 = Program({trace::Mrs(DBGREF_REG_WVR, 1),
                                     trace::Mrs(DBGREF_REG_BCR, 15),
                                     trace::Report()});
  Vcpu used(port(), h1, p1), fresh(port(), h2, p2);
  used.SetGuestDebug(kSingleStep | KVM_GUESTDBG_USE_HW, UserRegs());
  used.Run();
  used.Set(DBGREF_ONE_REG_BCR, 2, 9);
  used.Reset(h2, p2);
  const std::vector<dbgref_op> ops = {
      trace::RunOp(), trace::GetOneRegOp(DBGREF_ONE_REG_BCR, 2),
      trace::RunOp(), trace::CheckExtensionOp(DBGREF_CAP_HW_BPS)};
  for (const dbgref_op& op : ops)
    EXPECT_EQ(Join(Differences(used.Do(op), fresh.Do(op))), "");
}

// At the bound of a KVM_RUN the CPU leaves the guest on a host interrupt;
// the loop finds the signal pending and KVM_RUN returns -EINTR with
// KVM_EXIT_INTR, where the guest will go on (the bound lowered to 2 guest
// steps here: no program reaches the real one).
TEST_P(PortTest, TheBoundEndsKvmRunWithEintr) {
  Vcpu v(port(), MakeHost(),
         Program({trace::Nop(), trace::Msr(DBGREF_REG_BCR, 0, 1),
                  trace::Nop(), trace::Nop()}));
  dbgref_shim_test_set_step_bound(2);
  const Obs o = v.Run();
  const Obs n = v.Run();
  dbgref_shim_test_set_step_bound(0);
  // ENTER, nop, MSR traps, EXIT (back in), ENTER, interrupt, EXIT.
  ASSERT_EQ(o.size(), 7u);
  EXPECT_EQ(o[4].entry_pc, Line(2));
  EXPECT_EQ(o[5].event, uint32_t(DBGREF_EVENT_TO_EL2));
  EXPECT_EQ(o[5].esr, uint64_t(DBGREF_EC_IRQ) << DBGREF_ESR_EC_SHIFT);
  EXPECT_EQ(o[5].pc, Line(2));
  EXPECT_EQ(o[6].exit_reason, uint32_t(KVM_EXIT_INTR));
  EXPECT_EQ(o[6].ret, -DBGREF_EINTR);
  EXPECT_EQ(o[6].hsr, 0u);
  EXPECT_EQ(o[6].exit_pc, Line(2));
  EXPECT_EQ(o[6].read_value, 0u);
  // The next KVM_RUN goes on from there: two nops, then the interrupt.
  ASSERT_EQ(n.size(), 5u);
  EXPECT_EQ(n[0].entry_pc, Line(2));
  EXPECT_EQ(n[3].esr, uint64_t(DBGREF_EC_IRQ) << DBGREF_ESR_EC_SHIFT);
  EXPECT_EQ(n[4].exit_pc, Line(4));
}

// An exception class handle_exit has no handler for stops the kernel
// (BUG()) in 4.2. No guest of the model raises one; the CPU is made to.
// The operation reports it, the vCPU refuses every later operation the
// same way, and reset() brings it back.
TEST_P(PortTest, BugOnAnUnknownExceptionClassIsReportedAndSafe) {
  const dbgref_program p = Program({trace::Nop(), trace::Report()});
  Vcpu v(port(), MakeHost(), p);
  const unsigned long bugs = dbgref_port_bug_count();
  const unsigned long errs = dbgref_port_kvm_err_count();
  dbgref_shim_test_force_exit(Esr(0x07, 0));  // an FP/SIMD access trap
  const Obs o = v.Run();
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[1].esr, Esr(0x07, 0));
  EXPECT_EQ(o[2].step, uint32_t(DBGREF_STEP_EXIT));
  EXPECT_EQ(o[2].exit_reason, 17u);  // KVM_EXIT_INTERNAL_ERROR
  EXPECT_EQ(o[2].ret, -5);           // -EIO
  EXPECT_EQ(dbgref_port_bug_count(), bugs + 1);
  EXPECT_EQ(dbgref_port_kvm_err_count(), errs + 1);
  const Obs again = v.Run();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].exit_reason, 17u);
  const dbgref_obs get = v.Ioctl(trace::GetOneRegOp(DBGREF_ONE_REG_PC));
  EXPECT_EQ(get.step, uint32_t(DBGREF_STEP_IOCTL));
  EXPECT_EQ(get.ret, -5);
  v.Reset(MakeHost(), p);
  EXPECT_EQ(v.RunToExit().mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(dbgref_port_bug_count(), bugs + 1);
}

// kvm_err is counted, not printed, by default: a revision that logs on a
// path the guest controls must not flood the differential check.
TEST_P(PortTest, KvmErrIsCountedWithoutPrinting) {
  Vcpu v(port(), MakeHost());
  const unsigned long errs = dbgref_port_kvm_err_count();
  dbgref_shim_test_force_exit(Esr(0x00, 0));
  testing::internal::CaptureStderr();
  v.Run();
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(dbgref_port_kvm_err_count(), errs + 1);
  EXPECT_EQ(err.find("Unknown exception class"), std::string::npos) << err;
  EXPECT_NE(err.find("kernel BUG at"), std::string::npos) << err;
}

}  // namespace
}  // namespace dbgref_port_test
