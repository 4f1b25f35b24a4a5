// The shapes of the Linux KVM selftests for arm64 guest debug
// (tools/testing/selftests/kvm/aarch64/debug-exceptions.c, and the
// guest_debug_test shape of the other architectures): userspace
// single-steps a few instructions with KVM_GUESTDBG_SINGLESTEP, each
// KVM_RUN exiting with KVM_EXIT_DEBUG, EC 0x32 and the PC one instruction
// on, read back with KVM_GET_ONE_REG; steps over an instruction KVM traps
// and emulates; sets a hardware breakpoint and a watchpoint with USE_HW
// and meets BRK with USE_SW_BP, skipping it by writing the PC; and, with
// guest debug off, the guest takes its own breakpoint, watchpoint, BRK and
// software step exceptions (the guest side of debug-exceptions). Each on
// the model and on the three port revisions (tests/scenario/scenario.h).
#include <gtest/gtest.h>

#include <cstdint>

#include "tests/scenario/scenario.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"
#include "trace/trace.h"

namespace dbgref::scenario {
namespace {

using facts::Line;
using tests::Brk;
using tests::GetOneRegOp;
using tests::Load;
using tests::Mrs;
using tests::Msr;
using tests::Nop;
using tests::Program;
using tests::Report;
using tests::RunOp;
using tests::SetGuestDebugOp;
using tests::SetOneRegOp;
using tests::Store;

constexpr uint32_t kStep = facts::kEnable | facts::kSingleStep;

TEST(Selftest, REQ_SS_SingleStepThreeInstructionsThreeExits) {
  // test_single_step_from_userspace: every KVM_RUN runs one instruction
  // and exits at the next; the PC userspace reads is the exit's.
  Scenario s{
      ScenarioTrace(
          Program({Nop(), Load(8, facts::kDataBase),
                   Store(4, facts::kDataBase + 4), Report()}),
          {SetGuestDebugOp(kStep), RunOp(), GetOneRegOp(DBGREF_ONE_REG_PC),
           RunOp(), GetOneRegOp(DBGREF_ONE_REG_PC), RunOp(),
           GetOneRegOp(DBGREF_ONE_REG_PC), SetGuestDebugOp(0), RunOp()}),
      {Returns(0, 0), DebugExit(1, facts::kStepExitIsv, Line(1)),
       Reads(2, Line(1)), DebugExit(3, facts::kStepExitIsv, Line(2)),
       Reads(4, Line(2)), DebugExit(5, facts::kStepExitIsv, Line(3)),
       Reads(6, Line(3)), Returns(7, 0), MmioExit(8, facts::kMmioReport)},
      {}};
  RunScenario(s);
}

TEST(Selftest, REQ_SS_SteppingOverATrappedMrsIsOneExit) {
  // The guest reads a debug register: with guest debug on the read traps
  // (TDE) and KVM emulates it; the step exit comes before the next
  // instruction, with ISV 0 (KERNEL-CONTEXT, "Step and exceptions"; Linux
  // 6.1 and 6.12 clear SPSR.SS on the skip). 4.2's skip does not, and
  // v2 and v2-review step a second instruction; final shows first that
  // 4.2 does not give the guest its PSTATE.SS back at the exit of the
  // trap.
  Scenario s{ScenarioTrace(Program({Mrs(DBGREF_REG_BVR, 0), Nop(), Nop()}),
                           {SetGuestDebugOp(kStep), RunOp(), RunOp()}),
             {DebugExit(1, facts::kStepExit, Line(1)),
              DebugExit(2, facts::kStepExitIsv, Line(2))},
             {{"v2",
               1,
               {"REQ-SS"},
               "PortRevisions.StepOverAnEmulatedMrsStepsTwoInstructions"},
              {"v2-review",
               1,
               {"REQ-SS"},
               "PortRevisions.StepOverAnEmulatedMrsStepsTwoInstructions"},
              {"final",
               1,
               {"REQ-SS", "REQ-RESTORE"},
               "PortRevisions.FinalLeavesPstateSsSetAfterASingleStepExit, "
               "PortRevisions.StepOverAnEmulatedMrsStepsTwoInstructions"}}};
  RunScenario(s);
}

TEST(Selftest, REQ_HW_BREAK_AHardwareBreakpointStopsBeforeItsInstruction) {
  // KVM_GUESTDBG_USE_HW with DBGBCR0 = E|PMC EL1+EL0|BAS and DBGBVR0 at
  // line 2: the exit is EC 0x30 with the PC at line 2, which has not run;
  // with the breakpoint cleared the guest runs on to its report.
  Scenario s{ScenarioTrace(
                 Program({Nop(), Nop(), Store(8, facts::kDataBase), Report()}),
                 {SetGuestDebugOp(facts::kEnable | facts::kUseHw,
                                  tests::HwBreakpoint(0, Line(2))),
                  RunOp(), GetOneRegOp(DBGREF_ONE_REG_PC),
                  SetGuestDebugOp(facts::kEnable), RunOp()}),
             {DebugExit(1, facts::kBreakpointExit, Line(2)), Reads(2, Line(2)),
              MmioExit(4, facts::kMmioReport)},
             {}};
  RunScenario(s);
}

TEST(Selftest, REQ_HW_WATCH_AWatchpointStopsBeforeTheAccess) {
  // A store watchpoint on the doubleword at data: the load of it passes,
  // the 2-byte store into it stops with EC 0x34, WnR and FAR the store's
  // address; a loads-only watchpoint stops the byte load after it.
  kvm_guest_debug_arch regs =
      tests::HwWatchpoint(0, facts::kDataBase, facts::kWcrStores);
  regs.dbg_wcr[1] = facts::kWcrLoads;
  regs.dbg_wvr[1] = facts::kDataBase + 0x10;
  Scenario s{
      ScenarioTrace(
          Program({Load(8, facts::kDataBase), Store(2, facts::kDataBase + 6),
                   Nop(), Load(1, facts::kDataBase + 0x17), Report()}),
          {SetGuestDebugOp(facts::kEnable | facts::kUseHw, regs), RunOp(),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(2)), RunOp(),
           SetGuestDebugOp(0), RunOp()}),
      {DebugExit(1, facts::kWatchStoreExit, Line(1), facts::kDataBase + 6),
       DebugExit(3, facts::kWatchLoadExit, Line(3), facts::kDataBase + 0x17),
       // Turned off, the load runs: the guest reports.
       MmioExit(5, facts::kMmioReport)},
      {}};
  RunScenario(s);
}

TEST(Selftest, REQ_BRK_ABrkExitsAndUserspaceSkipsIt) {
  // KVM_GUESTDBG_USE_SW_BP: the BRK exits with EC 0x3C, its immediate in
  // the ISS and the PC at it; userspace moves the PC past it and the
  // guest goes on.
  Scenario s{
      ScenarioTrace(Program({Nop(), Brk(0x3e8), Report()}),
                    {SetGuestDebugOp(facts::kEnable | facts::kUseSwBp), RunOp(),
                     SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(2)), RunOp()}),
      {DebugExit(1, facts::BrkExit(0x3e8), Line(1)),
       MmioExit(3, facts::kMmioReport)},
      {}};
  RunScenario(s);
}

TEST(Selftest, REQ_OFF_TheGuestTakesItsOwnDebugExceptions) {
  // The guest side of debug-exceptions, with guest debug off: it programs
  // its own breakpoint at line 6 and watchpoint on data, enables them
  // (MDSCR_EL1.KDE and MDE, PSTATE.D clear), and takes each in its own
  // vector (EC 0x31, 0x35, 0x3C; ELR the instruction), its handler
  // resuming after it.
  Scenario s{ScenarioTrace(Program({Msr(DBGREF_REG_BCR, 0, facts::kBcrOn),
                                    Msr(DBGREF_REG_BVR, 0, Line(6)),
                                    Msr(DBGREF_REG_WCR, 0, facts::kWcrAll),
                                    Msr(DBGREF_REG_WVR, 0, facts::kDataBase),
                                    Msr(DBGREF_REG_MDSCR, 0,
                                        facts::kMdscrKde | facts::kMdscrMde),
                                    Brk(1), Nop(),
                                    Store(1, facts::kDataBase + 3), Report()}),
                           {RunOp(), RunOp(), RunOp(), RunOp()}),
             {OwnException(0, facts::BrkExit(1), Line(5)),
              OwnException(1, facts::kOwnBreakpoint, Line(6)),
              OwnException(2, facts::kOwnWatchStore, Line(7)),
              Last(2, "FAR_EL1 the store's address",
                   [](const dbgref_obs& o) {
                     return o.ctx_far_el1 == facts::kDataBase + 3;
                   }),
              MmioExit(3, facts::kMmioReport)},
             {}};
  RunScenario(s);
}

TEST(Selftest, REQ_OFF_TheGuestStepsItself) {
  // The guest's own single-step (MDSCR_EL1.SS and KDE, PSTATE.SS): a step
  // exception after each instruction, ELR the next one (EC 0x33, ISV 1),
  // its handler keeping it stepping.
  Scenario s{ScenarioTrace(Program({Nop(), Load(4, facts::kDataBase), Nop()}),
                           {SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0,
                                        facts::kMdscrSs | facts::kMdscrKde),
                            SetOneRegOp(DBGREF_ONE_REG_PSTATE, 0,
                                        facts::kStartPstate | facts::kPstateSs),
                            RunOp(), RunOp(), RunOp()}),
             {OwnException(2, facts::kOwnStepIsv, Line(1)),
              OwnException(3, facts::kOwnStepIsv, Line(2)),
              OwnException(4, facts::kOwnStepIsv, Line(3))},
             {}};
  RunScenario(s);
}

}  // namespace
}  // namespace dbgref::scenario
