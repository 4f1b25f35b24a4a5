// The world switch (model/world_switch.h): into the guest, the EL1 state
// always and the debug registers lazily (kc:"Lazy switching of debug
// registers": DIRTY, or KDE/MDE in the guest's MDSCR_EL1, loads a vCPU
// set; the merged design's debug_ptr picks userspace's set under USE_HW);
// an instruction KVM emulated completes on the way in (the PC moves on,
// PSTATE.SS clears: kc:"Later kernels"); the entry is an exception return
// from EL2, which keeps PSTATE.SS only when the guest steps at EL1
// ([arm:eret-ss], [kvm:entry-eret]). Out of the guest, the hardware goes
// back into the set it came from and DIRTY clears.
#include "model/world_switch.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/cpu.h"
#include "model/concrete.h"
#include "model/field_name.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;
using Cpu = model::Cpu<C>;

const model::ConcreteHost kHost = model::FromRecord(Host());

// The guest's own registers: 0x6000 + bank * 0x100 + n.
model::DebugRegs<C> GuestRegs() {
  model::DebugRegs<C> r = model::ZeroRegs<C>();
  for (int n = 0; n < 16; ++n) {
    r.bcr[n] = 0x6000 + n;
    r.bvr[n] = 0x6100 + n;
    r.wcr[n] = 0x6200 + n;
    r.wvr[n] = 0x6300 + n;
  }
  return r;
}

ConcreteVcpu Before(uint32_t control, bool dirty, uint64_t mdscr) {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = control;
  s.dirty = dirty;
  s.external = model::FromRecord(UserRegs());
  s.ctx.dbg = GuestRegs();
  s.ctx.mdscr_el1 = mdscr;
  s.ghost = model::GhostOf<C>(s.ctx);
  s.mdcr_el2 = facts::kMdcrAlways | (control != 0 ? facts::kTde : 0);
  return s;
}

// The CPU the world switch in gives s.
Cpu SwitchIn(ConcreteVcpu& s) {
  model::WorldSwitchIn<C>(kHost, s);
  return s.cpu;
}

TEST(WorldSwitchIn, REQ_OFF_WithoutDirtyTheHardwareKeepsTheHostsValues) {
  ConcreteVcpu s = Before(0, false, 0);
  const Cpu cpu = SwitchIn(s);
  EXPECT_TRUE(model::RegsEq<C>(cpu.dbg, kHost.host_regs));
  EXPECT_FALSE(s.dirty);
}

TEST(WorldSwitchIn, REQ_OFF_KdeOrMdeOfTheGuestLoadsItsOwnSet) {
  for (const uint64_t mdscr : {facts::kMdscrKde, facts::kMdscrMde}) {
    ConcreteVcpu s = Before(0, false, mdscr);
    const Cpu cpu = SwitchIn(s);
    EXPECT_TRUE(model::RegsEq<C>(cpu.dbg, GuestRegs())) << mdscr;
    EXPECT_TRUE(s.dirty) << mdscr;
  }
  // SS alone is no reason to load the registers.
  ConcreteVcpu s = Before(0, false, facts::kMdscrSs);
  EXPECT_TRUE(model::RegsEq<C>(SwitchIn(s).dbg, kHost.host_regs));
}

TEST(WorldSwitchIn, REQ_OFF_DirtyLoadsTheGuestsOwnSet) {
  ConcreteVcpu s = Before(facts::kEnable | facts::kSingleStep, true, 0);
  EXPECT_TRUE(model::RegsEq<C>(SwitchIn(s).dbg, GuestRegs()));
}

TEST(WorldSwitchIn, REQ_HW_PROGRAM_UseHwLoadsUserspacesSet) {
  ConcreteVcpu s =
      Before(facts::kEnable | facts::kUseHw, true, facts::kMdscrMde);
  const Cpu cpu = SwitchIn(s);
  EXPECT_TRUE(model::RegsEq<C>(cpu.dbg, model::FromRecord(UserRegs())));
  // The guest's own stay in the context for the trap handlers.
  EXPECT_TRUE(model::RegsEq<C>(s.ctx.dbg, GuestRegs()));
}

TEST(WorldSwitchIn, TheCpuGetsTheGuestsEl1StateAndAnOpenOsLock) {
  ConcreteVcpu s = Before(0, true, facts::kMdscrKde);
  s.ctx.mdccint_el1 = 0x77;
  s.ctx.pc = facts::Line(3);
  s.ctx.elr_el1 = facts::Line(1);
  s.ctx.spsr_el1 = facts::kStartPstate;
  s.ctx.esr_el1 = facts::kOwnBreakpoint;
  s.ctx.far_el1 = facts::kDataBase;
  s.ctx.os_locked = true;
  const Cpu cpu = SwitchIn(s);
  EXPECT_EQ(cpu.mdscr_el1, facts::kMdscrKde);
  EXPECT_EQ(cpu.mdccint_el1, 0x77u);
  EXPECT_EQ(cpu.mdcr_el2, facts::kMdcrAlways);
  EXPECT_EQ(cpu.pc, facts::Line(3));
  EXPECT_EQ(cpu.pstate, facts::kStartPstate);
  EXPECT_EQ(cpu.elr_el1, facts::Line(1));
  EXPECT_EQ(cpu.spsr_el1, facts::kStartPstate);
  EXPECT_EQ(cpu.esr_el1, facts::kOwnBreakpoint);
  EXPECT_EQ(cpu.far_el1, facts::kDataBase);
  // KVM emulates the guest's lock; the hardware's stays open, or the
  // host's own debugging would stop too (spec/decisions.md).
  EXPECT_FALSE(cpu.os_locked);
  EXPECT_FALSE(cpu.exited);
}

// Gives every field it walks a value of its own that no world switch
// writes: each word 0xa500 plus its place in the walk, each flag true.
struct Scribble {
  uint64_t next = 0xa500;
  void Word(const model::FieldName&, uint64_t& w) { w = next++; }
  void Bool(const model::FieldName&, bool& b) { b = true; }
};

TEST(WorldSwitchIn, NothingOfTheCpuBeforeSurvives) {
  // The world switch writes s.cpu in place: whatever it held before, the
  // CPU it gives is the one the rest of s makes. Every field of Cpu, as
  // WalkCpu lists them, is scribbled on first.
  ConcreteVcpu clean = Before(facts::kEnable | facts::kUseHw, true, 0);
  ConcreteVcpu dirty = clean;
  Scribble scribble;
  model::WalkCpu(scribble, model::FieldName(""), dirty.cpu);
  ASSERT_FALSE(model::CpuEq<C>(clean.cpu, dirty.cpu));
  EXPECT_TRUE(model::CpuEq<C>(SwitchIn(clean), SwitchIn(dirty)));
  EXPECT_TRUE(model::StateEq<C>(clean, dirty));
}

TEST(WorldSwitchIn, REQ_SS_AnEmulatedInstructionCompletesOnTheWayIn) {
  ConcreteVcpu s =
      Before(facts::kEnable | facts::kSingleStep, false, facts::kMdscrSs);
  s.ctx.pc = facts::Line(2);
  s.ctx.pstate = facts::kStartPstate | facts::kPstateSs;
  s.increment_pc = true;
  const Cpu cpu = SwitchIn(s);
  EXPECT_EQ(cpu.pc, facts::Line(3));
  EXPECT_EQ(cpu.pstate & facts::kPstateSs, 0u);
  EXPECT_FALSE(s.increment_pc);
}

TEST(WorldSwitchIn, EntryKeepsPstateSsOnlyWhenTheGuestStepsAtEl1) {
  // [arm:eret-ss] from EL2, where debug exceptions are masked: SPSR.SS
  // survives when MDSCR_EL1.SS is set and debug exceptions are enabled at
  // EL1: TDE, or KDE with PSTATE.D clear.
  struct Case {
    uint64_t mdscr;
    uint64_t mdcr;
    uint64_t pstate;
    bool keeps;
  };
  const Case cases[] = {
      {0, facts::kMdcrAlways | facts::kTde, facts::kStartPstate, false},
      {facts::kMdscrSs, facts::kMdcrAlways | facts::kTde, facts::kStartPstate,
       true},
      {facts::kMdscrSs | facts::kMdscrKde, facts::kMdcrAlways,
       facts::kStartPstate, true},
      {facts::kMdscrSs, facts::kMdcrAlways, facts::kStartPstate, false},
      {facts::kMdscrSs | facts::kMdscrKde, facts::kMdcrAlways,
       facts::kStartPstate | facts::kPstateD, false},
  };
  for (const Case& c : cases) {
    ConcreteVcpu s = Before(0, true, c.mdscr);
    s.mdcr_el2 = c.mdcr;
    s.ctx.pstate = c.pstate | facts::kPstateSs;
    const Cpu cpu = SwitchIn(s);
    EXPECT_EQ((cpu.pstate & facts::kPstateSs) != 0, c.keeps)
        << "mdscr " << c.mdscr << " mdcr " << c.mdcr << " pstate " << c.pstate;
    // The rest of PSTATE is SPSR's.
    EXPECT_EQ(cpu.pstate & ~facts::kPstateSs, c.pstate);
  }
}

TEST(WorldSwitchOut, REQ_RESTORE_TheHardwareGoesBackIntoTheGuestsSet) {
  ConcreteVcpu s = Before(0, true, facts::kMdscrMde);
  Cpu cpu = SwitchIn(s);
  cpu.dbg.bcr[2] = facts::kBcrOn;  // a direct MSR of the guest
  cpu.pc = facts::Line(4);
  cpu.mdscr_el1 = facts::kMdscrKde;
  cpu.xt = 0x99;
  model::WorldSwitchOut<C>(s, cpu);
  EXPECT_EQ(s.ctx.dbg.bcr[2], facts::kBcrOn);
  EXPECT_EQ(s.ctx.dbg.bcr[3], 0x6003u);
  EXPECT_EQ(s.ctx.pc, facts::Line(4));
  EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrKde);
  EXPECT_EQ(s.ctx.xt, 0x99u);
  EXPECT_FALSE(s.dirty);
  EXPECT_TRUE(model::RegsEq<C>(s.external, model::FromRecord(UserRegs())));
}

TEST(WorldSwitchOut,
     REQ_ISOLATION_UnderUseHwTheHardwareGoesBackIntoUserspacesSet) {
  ConcreteVcpu s =
      Before(facts::kEnable | facts::kUseHw, true, facts::kMdscrMde);
  const Cpu cpu = SwitchIn(s);
  model::WorldSwitchOut<C>(s, cpu);
  EXPECT_TRUE(model::RegsEq<C>(s.external, model::FromRecord(UserRegs())));
  EXPECT_TRUE(model::RegsEq<C>(s.ctx.dbg, GuestRegs()));
  EXPECT_FALSE(s.dirty);
}

TEST(WorldSwitchOut,
     REQ_ISOLATION_WithoutDirtyTheHostsValuesNeverReachTheContext) {
  ConcreteVcpu s = Before(0, false, 0);
  const Cpu cpu = SwitchIn(s);
  ASSERT_TRUE(model::RegsEq<C>(cpu.dbg, kHost.host_regs));
  model::WorldSwitchOut<C>(s, cpu);
  EXPECT_TRUE(model::RegsEq<C>(s.ctx.dbg, GuestRegs()));
}

}  // namespace
}  // namespace dbgref::tests
