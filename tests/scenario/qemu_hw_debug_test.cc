// QEMU's gdbstub on KVM/arm64 (target/arm/kvm64.c, kvm_arm_hw_debug and
// kvm_arch_update_guest_debug; accel/kvm's kvm_update_guest_debug): gdb's
// hbreak and watch become DBGBCR/DBGBVR and DBGWCR/DBGWVR entries of
// kvm_guest_debug_arch with ENABLE|USE_HW (DBGBCR = E, PMC 0b11, BAS
// 0b1111; DBGWCR = E, PAC 0b11, LSC from watch/rwatch/awatch, BAS from the
// length), software breakpoints add USE_SW_BP, stepping adds SINGLESTEP.
// On KVM_EXIT_DEBUG, kvm_arm_handle_debug reads the class from hsr, the PC
// with KVM_GET_ONE_REG (the merged uapi has no pc) and, for a watchpoint,
// the address from far. To continue from a breakpoint gdb removes it,
// steps one instruction and puts it back. Meanwhile a debugger inside the
// guest uses its own breakpoint, which must work once QEMU detaches. Each
// on the model and on the three port revisions (tests/scenario/scenario.h).
#include <gtest/gtest.h>

#include <cstdint>

#include "tests/scenario/scenario.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"
#include "trace/trace.h"

namespace dbgref::scenario {
namespace {

using facts::Line;
using tests::GetOneRegOp;
using tests::Load;
using tests::Msr;
using tests::Nop;
using tests::Program;
using tests::Report;
using tests::RunOp;
using tests::SetGuestDebugOp;
using tests::SetOneRegOp;
using tests::Store;

constexpr uint32_t kHw = facts::kEnable | facts::kUseHw;
constexpr uint32_t kStep = facts::kEnable | facts::kSingleStep;

// QEMU's DBGBCR for hbreak and DBGWCR for a doubleword watch, rwatch and
// awatch.
constexpr uint64_t kQemuBcr = 0x1e7;
constexpr uint64_t kQemuWatch = 0x1ff7;   // LSC 0b10
constexpr uint64_t kQemuRwatch = 0x1fef;  // LSC 0b01
constexpr uint64_t kQemuAwatch = 0x1fff;  // LSC 0b11

TEST(Qemu, REQ_HW_BREAK_HbreakStopsAndContinuesByStepping) {
  kvm_guest_debug_arch hbreak{};
  hbreak.dbg_bcr[0] = kQemuBcr;
  hbreak.dbg_bvr[0] = Line(2);
  Scenario s{ScenarioTrace(Program({Nop(), Nop(), Nop(), Nop(), Report()}),
                           {SetGuestDebugOp(kHw, hbreak),    // 0 hbreak
                            RunOp(),                         // 1 stops
                            GetOneRegOp(DBGREF_ONE_REG_PC),  // 2 where
                            SetGuestDebugOp(kStep),          // 3 removed
                            RunOp(),                         // 4 one step
                            SetGuestDebugOp(kHw, hbreak),    // 5 back
                            RunOp()}),                       // 6 continue
             {Returns(0, 0), DebugExit(1, facts::kBreakpointExit, Line(2)),
              Reads(2, Line(2)), DebugExit(4, facts::kStepExitIsv, Line(3)),
              MmioExit(6, facts::kMmioReport)},
             {}};
  RunScenario(s);
}

TEST(Qemu, REQ_HW_WATCH_WatchRwatchAndAwatch) {
  // watch (stores) on data, rwatch (loads) on data + 8, awatch (both) on
  // data + 0x10: each stops at its own access, and not at the others'.
  kvm_guest_debug_arch w{};
  w.dbg_wcr[0] = kQemuWatch;
  w.dbg_wvr[0] = facts::kDataBase;
  w.dbg_wcr[1] = kQemuRwatch;
  w.dbg_wvr[1] = facts::kDataBase + 8;
  w.dbg_wcr[2] = kQemuAwatch;
  w.dbg_wvr[2] = facts::kDataBase + 0x10;
  const uint64_t d = facts::kDataBase;
  Scenario s{
      ScenarioTrace(
          Program({Load(8, d), Store(8, d + 8), Store(4, d + 4), Nop(),
                   Load(2, d + 0xe), Nop(), Store(1, d + 0x11), Report()}),
          {SetGuestDebugOp(kHw, w), RunOp(),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(3)), RunOp(),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(5)), RunOp(),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(7)), RunOp()}),
      {// The load of data and the store to data + 8 pass.
       DebugExit(1, facts::kWatchStoreExit, Line(2), d + 4),
       DebugExit(3, facts::kWatchLoadExit, Line(4), d + 0xe),
       DebugExit(5, facts::kWatchStoreExit, Line(6), d + 0x11),
       MmioExit(7, facts::kMmioReport)},
      {}};
  RunScenario(s);
}

TEST(Qemu, REQ_SS_GdbStepiAndContinue) {
  // stepi three times, then continue with no debugging but software
  // breakpoints (USE_SW_BP alone, with ENABLE).
  Scenario s{ScenarioTrace(
                 Program({Nop(), Load(8, facts::kDataBase), Nop(), Report()}),
                 {SetGuestDebugOp(kStep), RunOp(), RunOp(), RunOp(),
                  GetOneRegOp(DBGREF_ONE_REG_PC),
                  SetGuestDebugOp(facts::kEnable | facts::kUseSwBp), RunOp()}),
             {DebugExit(1, facts::kStepExitIsv, Line(1)),
              DebugExit(2, facts::kStepExitIsv, Line(2)),
              DebugExit(3, facts::kStepExitIsv, Line(3)), Reads(4, Line(3)),
              MmioExit(6, facts::kMmioReport)},
             {}};
  RunScenario(s);
}

TEST(Qemu, REQ_HW_BREAK_REQ_OFF_AGuestDebuggerKeepsItsOwnBreakpoint) {
  // A debugger in the guest programs its breakpoint 1 at line 6 and
  // enables it; QEMU's watchpoint stops the store, its hbreak the nop at
  // line 5; the guest's breakpoint does not fire while USE_HW holds the
  // hardware. QEMU detaches, and the guest's breakpoint fires into the
  // guest (EC 0x31 in ESR_EL1, ELR at line 6).
  // v2 and v2-review cannot run it: the guest's MSR MDSCR_EL1 under USE_HW
  // takes trap_debug_regs' "Bad register index" path and the guest gets
  // an UNDEF, and its MDSCR_EL1 never reaches the context
  // (spec/revisions.md, finding 1; the manifests' REQ-RESTORE line).
  const uint64_t d = facts::kDataBase;
  kvm_guest_debug_arch regs = tests::HwWatchpoint(0, d, kQemuWatch);
  regs.dbg_bcr[0] = kQemuBcr;
  regs.dbg_bvr[0] = Line(5);
  const uint32_t qemu = kHw | facts::kUseSwBp;
  Scenario s{
      ScenarioTrace(Program({Msr(DBGREF_REG_BCR, 1, facts::kBcrOn),
                             Msr(DBGREF_REG_BVR, 1, Line(6)),
                             Msr(DBGREF_REG_MDSCR, 0,
                                 facts::kMdscrKde | facts::kMdscrMde),
                             Store(8, d), Nop(), Nop(), Nop(), Report()}),
                    {SetGuestDebugOp(qemu, regs),                 // 0
                     RunOp(),                                     // 1 watch
                     GetOneRegOp(DBGREF_ONE_REG_PC),              // 2
                     SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(4)),  // 3 past it
                     RunOp(),                                     // 4 hbreak
                     SetGuestDebugOp(0),                          // 5 detach
                     SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(6)),  // 6
                     RunOp(),                                     // 7 its own
                     RunOp()}),                                   // 8 resumes
      {DebugExit(1, facts::kWatchStoreExit, Line(3), d), Reads(2, Line(3)),
       DebugExit(4, facts::kBreakpointExit, Line(5)),
       OwnException(7, facts::kOwnBreakpoint, Line(6)),
       MmioExit(8, facts::kMmioReport)},
      {{"v2",
        1,
        {"REQ-NOUNDEF", "REQ-RESTORE"},
        "PortRevisions.MdscrAccessUnderUseHwIsUndefinedInV2, "
        "PortRevisions.GdbstubShape"},
       {"v2-review",
        1,
        {"REQ-NOUNDEF", "REQ-RESTORE"},
        "PortRevisions.MdscrAccessUnderUseHwIsUndefinedInV2, "
        "PortRevisions.GdbstubShape"}}};
  RunScenario(s);
}

}  // namespace
}  // namespace dbgref::scenario
