// The CPU (model/arch/): one step of the guest at EL1 on a CPU record, by
// the rules of spec/execution.md, "The CPU", each cited in spec/sources.md
// ([arm:breakpoint-match], [arm:watchpoint-match], [arm:debug-enable],
// [arm:debug-routing], [arm:os-lock], [arm:step-pending], [arm:brk],
// [arm:unimplemented-undef], [arm:mdcr-tda], [arm:mdcr-tdosa],
// [arm:translate-first], [arm:exception-entry], [arm:esr]).
// tests/exec/architecture_test.cc pins [arm:eret-ss] and [arm:step-retire]
// on the façade.
#include "model/arch/cpu.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/debug_events.h"
#include "model/arch/execute.h"
#include "model/arch/id_regs.h"
#include "model/arch/syndrome.h"
#include "model/concrete.h"
#include "model/record_convert.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using Cpu = model::Cpu<C>;

const uint64_t kDfr0 = facts::Dfr0(5, 3);  // 6 breakpoints, 4 watchpoints

// A CPU running the guest at line 0 with guest debug on (TDE) and MDE.
Cpu Running(uint64_t mdcr = facts::kMdcrAlways | facts::kTde,
            uint64_t mdscr = facts::kMdscrMde) {
  Cpu cpu = model::ZeroCpu<C>();
  cpu.pc = facts::Line(0);
  cpu.pstate = facts::kStartPstate;
  cpu.mdcr_el2 = mdcr;
  cpu.mdscr_el1 = mdscr;
  return cpu;
}

model::GuestStepEvent<C> StepOn(Cpu& cpu, const dbgref_program& p,
                                uint64_t dfr0 = kDfr0) {
  return model::GuestStep<C>(dfr0, model::FromRecord(p), cpu);
}

TEST(BreakpointMatch, EveryFieldTheModelMatchesOn) {
  const uint64_t pc = facts::Line(2);
  EXPECT_TRUE(model::BreakpointMatches<C>(facts::kBcrOn, pc, pc));
  EXPECT_TRUE(model::BreakpointMatches<C>(facts::kBcrEl1, pc, pc));
  // DBGBVR bits [1:0] and above bit 48 are not compared.
  EXPECT_TRUE(model::BreakpointMatches<C>(facts::kBcrOn, pc | 3, pc));
  EXPECT_TRUE(
      model::BreakpointMatches<C>(facts::kBcrOn, pc | (1ull << 52), pc));
  const uint64_t misses[] = {
      facts::kBcrOn & ~1ull,           // E clear
      (facts::kBcrOn & ~6ull) | 0x4,   // PMC 0b10: EL0 only
      facts::kBcrOn & ~6ull,           // PMC 0b00
      facts::kBcrOn & ~(0xfull << 5),  // BAS 0: no instruction
      (facts::kBcrOn & ~(0xfull << 5)) | (0x3ull << 5),  // BAS 0b0011
      facts::kBcrOn | (1ull << 13),                      // HMC
      facts::kBcrOn | (2ull << 14),                      // SSC 0b10
      facts::kBcrOn | (1ull << 20),                      // BT linked
      facts::kBcrOn | (4ull << 20),                      // BT mismatch
  };
  for (const uint64_t bcr : misses) {
    EXPECT_FALSE(model::BreakpointMatches<C>(bcr, pc, pc)) << std::hex << bcr;
  }
  EXPECT_FALSE(model::BreakpointMatches<C>(facts::kBcrOn, pc + 4, pc));
}

TEST(BreakpointMatch, OnlyTheImplementedBreakpointsCount) {
  model::DebugRegs<C> r = model::ZeroRegs<C>();
  r.bcr[6] = facts::kBcrOn;  // the seventh: not on a CPU with 6
  r.bvr[6] = facts::Line(0);
  EXPECT_FALSE(model::AnyBreakpointMatches<C>(kDfr0, r, facts::Line(0)));
  EXPECT_TRUE(
      model::AnyBreakpointMatches<C>(facts::Dfr0(6, 3), r, facts::Line(0)));
}

TEST(WatchpointMatch, BytesOfTheDoublewordAndTheKindOfAccess) {
  const uint64_t d = facts::kDataBase + 0x10;
  // BAS 0x0f: bytes 0..3 of the doubleword.
  const uint64_t low = (facts::kWcrAll & ~(0xffull << 5)) | (0x0full << 5);
  EXPECT_TRUE(model::WatchpointMatches<C>(low, d, d + 2, 1, false));
  EXPECT_TRUE(model::WatchpointMatches<C>(low, d, d, 8, true));
  EXPECT_FALSE(model::WatchpointMatches<C>(low, d, d + 4, 4, false));
  EXPECT_FALSE(model::WatchpointMatches<C>(low, d, d + 8, 1, false));
  // DBGWVR bit 2 set: BAS[3:0] select the upper word's bytes.
  EXPECT_TRUE(model::WatchpointMatches<C>(low, d + 4, d + 4, 4, false));
  EXPECT_FALSE(model::WatchpointMatches<C>(low, d + 4, d, 4, false));
  // LSC: loads only, stores only.
  EXPECT_TRUE(model::WatchpointMatches<C>(facts::kWcrLoads, d, d, 8, false));
  EXPECT_FALSE(model::WatchpointMatches<C>(facts::kWcrLoads, d, d, 8, true));
  EXPECT_TRUE(model::WatchpointMatches<C>(facts::kWcrStores, d, d, 8, true));
  EXPECT_FALSE(model::WatchpointMatches<C>(facts::kWcrStores, d, d, 8, false));
  const uint64_t misses[] = {
      facts::kWcrAll & ~1ull,            // E clear
      (facts::kWcrAll & ~6ull) | 0x4,    // PAC 0b10: EL0 only
      facts::kWcrAll | (1ull << 20),     // WT linked
      facts::kWcrAll | (3ull << 24),     // MASK
      facts::kWcrAll | (1ull << 13),     // HMC
      facts::kWcrAll & ~(0xffull << 5),  // BAS 0
  };
  for (const uint64_t wcr : misses) {
    EXPECT_FALSE(model::WatchpointMatches<C>(wcr, d, d, 8, false))
        << std::hex << wcr;
  }
}

TEST(DebugEnable, TdeEnablesEverythingOtherwiseKdeAndPstateD) {
  const uint64_t d = facts::kPstateD;
  using model::DebugExceptionsEnabled;
  EXPECT_TRUE(DebugExceptionsEnabled<C>(facts::kTde, 0, d, false));
  EXPECT_TRUE(DebugExceptionsEnabled<C>(0, facts::kMdscrKde, 0, false));
  EXPECT_FALSE(DebugExceptionsEnabled<C>(0, facts::kMdscrKde, d, false));
  EXPECT_FALSE(DebugExceptionsEnabled<C>(0, facts::kMdscrMde, 0, false));
  // The OS lock stops them all ([arm:os-lock]).
  EXPECT_FALSE(DebugExceptionsEnabled<C>(facts::kTde, 0, 0, true));
  EXPECT_FALSE(DebugExceptionsEnabled<C>(0, facts::kMdscrKde, 0, true));
}

TEST(GuestStep, APendingStepComesBeforeABreakpointAndTheInstruction) {
  Cpu cpu = Running(facts::kMdcrAlways | facts::kTde,
                    facts::kMdscrMde | facts::kMdscrSs);  // PSTATE.SS 0
  cpu.dbg.bcr[0] = facts::kBcrOn;
  cpu.dbg.bvr[0] = facts::Line(0);
  const model::GuestStepEvent<C> e = StepOn(cpu, Program({Brk(1)}));
  EXPECT_EQ(e.event, uint64_t{DBGREF_EVENT_TO_EL2});
  EXPECT_EQ(e.esr, facts::kStepExit);
  EXPECT_EQ(cpu.pc, facts::Line(0));
  EXPECT_FALSE(e.completed);
}

TEST(GuestStep, ABreakpointComesBeforeTheInstructionsOwnException) {
  Cpu cpu = Running();
  cpu.dbg.bcr[1] = facts::kBcrOn;
  cpu.dbg.bvr[1] = facts::Line(0);
  cpu.dbg.wcr[0] = facts::kWcrAll;
  cpu.dbg.wvr[0] = facts::kDataBase;
  const model::GuestStepEvent<C> e =
      StepOn(cpu, Program({Store(8, facts::kDataBase)}));
  EXPECT_EQ(e.esr, facts::kBreakpointExit);
  EXPECT_EQ(cpu.esr_el2, facts::kBreakpointExit);
  EXPECT_EQ(cpu.far_el2, 0u);
}

TEST(GuestStep, AWatchpointComesBeforeTheAccessWithWnrAndFar) {
  Cpu cpu = Running();
  cpu.dbg.wcr[3] = facts::kWcrAll;
  cpu.dbg.wvr[3] = facts::kDataBase + 8;
  const model::GuestStepEvent<C> e =
      StepOn(cpu, Program({Store(2, facts::kDataBase + 0xe)}));
  EXPECT_EQ(e.esr, facts::kWatchStoreExit);
  EXPECT_EQ(cpu.far_el2, facts::kDataBase + 0xe);
  EXPECT_EQ(cpu.pc, facts::Line(0));
  Cpu load = Running();
  load.dbg.wcr[3] = facts::kWcrAll;
  load.dbg.wvr[3] = facts::kDataBase + 8;
  EXPECT_EQ(StepOn(load, Program({Load(1, facts::kDataBase + 8)})).esr,
            facts::kWatchLoadExit);
}

TEST(GuestStep, MdeGatesBreakpointsAndWatchpointsButNotBrk) {
  Cpu cpu = Running(facts::kMdcrAlways | facts::kTde, 0);
  cpu.dbg.bcr[0] = facts::kBcrOn;
  cpu.dbg.bvr[0] = facts::Line(0);
  const model::GuestStepEvent<C> e = StepOn(cpu, Program({Brk(0x1234)}));
  EXPECT_EQ(e.esr, facts::BrkExit(0x1234));
}

TEST(GuestStep, WithoutTdeDebugExceptionsGoToTheGuestsVector) {
  // [arm:debug-routing] and [arm:exception-entry]: EC ..._CUR in ESR_EL1,
  // ELR_EL1 the instruction, SPSR_EL1 the PSTATE, FAR_EL1 for a watchpoint,
  // the vector at VBAR_EL1 + 0x200, PSTATE.D set and SS clear.
  Cpu cpu = Running(facts::kMdcrAlways, facts::kMdscrKde | facts::kMdscrMde);
  cpu.dbg.wcr[0] = facts::kWcrLoads;
  cpu.dbg.wvr[0] = facts::kDataBase;
  const model::GuestStepEvent<C> e =
      StepOn(cpu, Program({Load(4, facts::kDataBase + 4)}));
  EXPECT_EQ(e.event, uint64_t{DBGREF_EVENT_EXCEPTION_EL1});
  EXPECT_EQ(cpu.esr_el1, facts::kOwnWatchLoad);
  EXPECT_EQ(cpu.elr_el1, facts::Line(0));
  EXPECT_EQ(cpu.spsr_el1, facts::kStartPstate);
  EXPECT_EQ(cpu.far_el1, facts::kDataBase + 4);
  EXPECT_EQ(cpu.pc, facts::kVectorSync);
  EXPECT_EQ(cpu.pstate, facts::kExceptionPstate);
  EXPECT_FALSE(cpu.exited);
  // Not enabled for EL1 with PSTATE.D set: the load just runs.
  Cpu masked = Running(facts::kMdcrAlways, facts::kMdscrKde | facts::kMdscrMde);
  masked.pstate |= facts::kPstateD;
  masked.dbg = cpu.dbg;
  EXPECT_EQ(StepOn(masked, Program({Load(4, facts::kDataBase + 4)})).event,
            uint64_t{DBGREF_EVENT_RETIRED});
}

TEST(GuestStep, BrkGoesToTheGuestWithoutTde) {
  Cpu cpu = Running(facts::kMdcrAlways, 0);
  cpu.pstate |= facts::kPstateD;  // not gated by anything
  StepOn(cpu, Program({Brk(9)}));
  EXPECT_EQ(cpu.esr_el1, facts::BrkExit(9));
  EXPECT_EQ(cpu.elr_el1, facts::Line(0));
}

TEST(GuestStep, AnUnimplementedRegisterIsUndefinedWhateverMdcrSays) {
  for (const uint64_t mdcr : {facts::kMdcrAlways | facts::kTda,
                              facts::kMdcrAlways | facts::kTde, uint64_t{0}}) {
    for (const dbgref_insn& i :
         {Mrs(DBGREF_REG_BCR, 6), Msr(DBGREF_REG_BVR, 15, 1),
          Mrs(DBGREF_REG_WCR, 4), Msr(DBGREF_REG_WVR, 9, 1)}) {
      Cpu cpu = Running(mdcr);
      const model::GuestStepEvent<C> e = StepOn(cpu, Program({i}));
      EXPECT_EQ(e.event, uint64_t{DBGREF_EVENT_EXCEPTION_EL1}) << mdcr;
      EXPECT_EQ(cpu.esr_el1, facts::kUndef);
      EXPECT_EQ(cpu.elr_el1, facts::Line(0));
    }
  }
}

TEST(GuestStep, TdaOrTdeTrapsTheDebugRegistersTdosaTheOsLock) {
  struct Case {
    uint64_t mdcr;
    dbgref_insn insn;
    bool traps;
  };
  const Case cases[] = {
      {facts::kTda, Mrs(DBGREF_REG_BVR, 5), true},
      {facts::kTde, Msr(DBGREF_REG_MDSCR, 0, 1), true},
      {facts::kTdosa, Mrs(DBGREF_REG_MDCCINT), false},
      {0, Mrs(DBGREF_REG_WVR, 3), false},
      {facts::kTdosa, Msr(DBGREF_REG_OSLAR, 0, 1), true},
      {facts::kTde, Mrs(DBGREF_REG_OSLSR), true},
      {facts::kTda, Mrs(DBGREF_REG_OSLSR), false},
  };
  for (const Case& c : cases) {
    Cpu cpu = Running(c.mdcr, 0);
    const model::GuestStepEvent<C> e = StepOn(cpu, Program({c.insn}));
    EXPECT_EQ(e.event == DBGREF_EVENT_TO_EL2, c.traps)
        << "mdcr " << c.mdcr << " reg " << c.insn.reg;
    if (c.traps) {
      EXPECT_EQ(cpu.trapped.reg, c.insn.reg);
      EXPECT_EQ(cpu.pc, facts::Line(0));
    } else {
      EXPECT_EQ(cpu.pc, facts::Line(1));
    }
  }
}

TEST(Syndrome, TheIssOfEachTrappedRegister) {
  const struct {
    dbgref_insn insn;
    uint64_t esr;
  } cases[] = {
      {Mrs(DBGREF_REG_BVR, 5), facts::Sys64(2, 0, 0, 5, 4, true)},
      {Msr(DBGREF_REG_BCR, 15, 0), facts::Sys64(2, 0, 0, 15, 5, false)},
      {Mrs(DBGREF_REG_WVR, 0), facts::Sys64(2, 0, 0, 0, 6, true)},
      {Msr(DBGREF_REG_WCR, 3, 0), facts::Sys64(2, 0, 0, 3, 7, false)},
      {Mrs(DBGREF_REG_MDSCR), facts::Sys64(2, 0, 0, 2, 2, true)},
      {Msr(DBGREF_REG_MDCCINT, 0, 0), facts::Sys64(2, 0, 0, 2, 0, false)},
      {Msr(DBGREF_REG_OSLAR, 0, 1), facts::Sys64(2, 0, 1, 0, 4, false)},
      {Mrs(DBGREF_REG_OSLSR), facts::Sys64(2, 0, 1, 1, 4, true)},
  };
  for (const auto& c : cases) {
    Cpu cpu = Running(facts::kMdcrAlways | facts::kTde, 0);
    EXPECT_EQ(StepOn(cpu, Program({c.insn}), facts::Dfr0(15, 15)).esr, c.esr)
        << "reg " << c.insn.reg << " n " << c.insn.reg_index;
  }
  // An MSR MDSCR_EL1, X2 in full: EC 0x18, IL, Op0 2, Op2 2, CRm 2, Rt 2.
  EXPECT_EQ(facts::Sys64(2, 0, 0, 2, 2, false), 0x62240044u);
}

TEST(GuestStep, AnMmioStoreIsADataAbortNeverAWatchpoint) {
  Cpu cpu = Running();
  cpu.dbg.wcr[0] = facts::kWcrAll;
  cpu.dbg.wvr[0] = facts::kMmioReport;
  const model::GuestStepEvent<C> e = StepOn(cpu, Program({Report()}));
  EXPECT_EQ(e.esr, facts::kMmioStoreAbort);
  EXPECT_EQ(cpu.far_el2, facts::kMmioReport);
}

TEST(GuestStep, AnOrdinaryInstructionRetiresAndThePcMovesOn) {
  Cpu cpu = Running();
  const model::GuestStepEvent<C> e = StepOn(cpu, Program({Nop()}));
  EXPECT_EQ(e.event, uint64_t{DBGREF_EVENT_RETIRED});
  EXPECT_TRUE(e.completed);
  EXPECT_EQ(cpu.pc, facts::Line(1));
  // Where the program has no line the END report store is.
  EXPECT_EQ(StepOn(cpu, Program({Nop()})).esr, facts::kMmioStoreAbort);
  EXPECT_EQ(cpu.far_el2, facts::kMmioEnd);
}

TEST(IdRegisters, CountsAndImplementedRegisters) {
  for (unsigned f = 0; f < 16; ++f) {
    EXPECT_EQ(model::NumBrps<C>(facts::Dfr0(f, 0)), f + 1);
    EXPECT_EQ(model::NumWrps<C>(facts::Dfr0(0, f)), f + 1);
  }
  EXPECT_TRUE(model::RegisterImplemented<C>(kDfr0, DBGREF_REG_BCR, 5));
  EXPECT_FALSE(model::RegisterImplemented<C>(kDfr0, DBGREF_REG_BVR, 6));
  EXPECT_TRUE(model::RegisterImplemented<C>(kDfr0, DBGREF_REG_WVR, 3));
  EXPECT_FALSE(model::RegisterImplemented<C>(kDfr0, DBGREF_REG_WCR, 4));
  EXPECT_TRUE(model::RegisterImplemented<C>(kDfr0, DBGREF_REG_MDSCR, 9));
  const model::DebugRegs<C> all = model::FromRecord(UserRegs());
  const model::DebugRegs<C> seen = model::ImplementedOnly<C>(kDfr0, all);
  EXPECT_EQ(seen.bcr[5], UserReg(0, 5));
  EXPECT_EQ(seen.bcr[6], 0u);
  EXPECT_EQ(seen.wvr[3], UserReg(3, 3));
  EXPECT_EQ(seen.wvr[4], 0u);
}

}  // namespace
}  // namespace dbgref::tests
