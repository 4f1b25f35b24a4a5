// KVM_ARM_VCPU_INIT (model/ioctl.h, VcpuInit), then the runtime's set-up of
// the guest (spec/decisions.md, "What a reset does"): the guest's debug
// registers, MDSCR_EL1, MDCCINT_EL1 and OS lock get KVM's reset values (0,
// unlocked), the guest starts again at the start of its code (PC 0x10000,
// PSTATE 0x1c5, the EL1 exception registers 0); userspace's guest debug
// (control word and registers) stays; KVM's flags start afresh (REQ-INIT).
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/ioctl.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

// A vCPU whose guest has used everything a reset resets.
model::ConcreteVcpu Used() {
  model::ConcreteVcpu s = model::ResetState<C>();
  s.control = facts::kEnable | facts::kSingleStep | facts::kUseHw;
  s.external = model::FromRecord(UserRegs());
  for (int n = 0; n < 16; ++n) {
    s.ctx.dbg.bcr[n] = s.ctx.dbg.bvr[n] = s.ctx.dbg.wcr[n] = s.ctx.dbg.wvr[n] =
        0x100 + n;
  }
  s.ctx.mdscr_el1 = facts::kMdscrKde | facts::kMdscrMde | facts::kMdscrSs;
  s.ctx.mdccint_el1 = 0x1000;
  s.ctx.pc = facts::Line(5);
  s.ctx.pstate = facts::kExceptionPstate | facts::kPstateSs;
  s.ctx.elr_el1 = facts::Line(2);
  s.ctx.spsr_el1 = facts::kStartPstate;
  s.ctx.esr_el1 = facts::kOwnBreakpoint;
  s.ctx.far_el1 = facts::kDataBase;
  s.ctx.os_locked = true;
  s.ghost = model::GhostOf<C>(s.ctx);
  s.dirty = true;
  s.pending_step = true;
  s.increment_pc = true;
  return s;
}

TEST(VcpuInit, REQ_INIT_ResetsTheGuestsDebugStateAndStartsItAgain) {
  model::ConcreteVcpu s = Used();
  model::VcpuInit<C>(s);
  for (int n = 0; n < 16; ++n) {
    EXPECT_EQ(s.ctx.dbg.bcr[n], 0u);
    EXPECT_EQ(s.ctx.dbg.bvr[n], 0u);
    EXPECT_EQ(s.ctx.dbg.wcr[n], 0u);
    EXPECT_EQ(s.ctx.dbg.wvr[n], 0u);
  }
  EXPECT_EQ(s.ctx.mdscr_el1, 0u);
  EXPECT_EQ(s.ctx.mdccint_el1, 0u);
  EXPECT_FALSE(s.ctx.os_locked);
  EXPECT_EQ(s.ctx.pc, facts::kCodeBase);
  EXPECT_EQ(s.ctx.pstate, facts::kStartPstate);
  EXPECT_EQ(s.ctx.elr_el1, 0u);
  EXPECT_EQ(s.ctx.spsr_el1, 0u);
  EXPECT_EQ(s.ctx.esr_el1, 0u);
  EXPECT_EQ(s.ctx.far_el1, 0u);
}

TEST(VcpuInit, REQ_INIT_KeepsUserspacesGuestDebug) {
  model::ConcreteVcpu s = Used();
  model::VcpuInit<C>(s);
  EXPECT_EQ(s.control, facts::kEnable | facts::kSingleStep | facts::kUseHw);
  EXPECT_TRUE(model::RegsEq<C>(s.external, model::FromRecord(UserRegs())));
}

TEST(VcpuInit, REQ_INIT_KvmsFlagsStartAfresh) {
  model::ConcreteVcpu s = Used();
  model::VcpuInit<C>(s);
  EXPECT_FALSE(s.dirty);
  EXPECT_FALSE(s.pending_step);
  EXPECT_FALSE(s.increment_pc);
  // The guest's intended view is its reset state too.
  EXPECT_TRUE(model::RegsEq<C>(s.ghost.dbg, model::ZeroRegs<C>()));
  EXPECT_EQ(s.ghost.mdscr_el1, 0u);
  EXPECT_FALSE(s.ghost.os_locked);
  EXPECT_FALSE(s.ghost.pstate_ss);
}

TEST(VcpuInit, REQ_INIT_AfterARunTheGuestRunsFromItsStartWithGuestDebugOn) {
  // The guest writes its breakpoint registers and reports; after the reset
  // userspace reads the reset values, and the next run starts at line 0
  // under the same single-step: the MSR traps and is emulated, and the
  // step exception comes at once after KVM skips it (ISV 0: nothing ran
  // since the entry, KERNEL-CONTEXT "Step and exceptions"), at line 1.
  ModelVcpu v(
      Program({Msr(DBGREF_REG_BCR, 0, facts::kBcrOn), Report(), Nop()}));
  ASSERT_EQ(v.RunToExit().mmio_addr, facts::kMmioReport);
  ASSERT_EQ(v.Get(DBGREF_ONE_REG_BCR, 0), facts::kBcrOn);
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kSingleStep), 0);
  const dbgref_obs init = v.Ioctl(VcpuInitOp());
  EXPECT_EQ(init.ret, 0);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_BCR, 0), 0u);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), facts::kCodeBase);
  const std::vector<dbgref_obs> run = v.Run();
  EXPECT_EQ(run.front().entry_pc, facts::kCodeBase);
  EXPECT_EQ(run.back().exit_reason, facts::kExitDebug);
  EXPECT_EQ(run.back().hsr, facts::kStepExit);
  EXPECT_EQ(run.back().exit_pc, facts::Line(1));
}

}  // namespace
}  // namespace dbgref::tests
