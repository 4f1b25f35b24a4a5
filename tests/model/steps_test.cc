// Each step of a KVM_RUN iteration called alone, and the iteration as their
// composition.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/clear_debug.h"
#include "model/concrete.h"
#include "model/arch/execute.h"
#include "model/handle_exit.h"
#include "model/run.h"
#include "model/setup_debug.h"
#include "model/world_switch.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

ConcreteVcpu WithControl(uint32_t control) {
  ConcreteVcpu s = ResetState<C>();
  SetGuestDebug<C>(s, control, FromRecord(UserRegs()));
  return s;
}

// The state after setup_debug, on a copy.
ConcreteVcpu AfterSetupDebug(ConcreteVcpu s) {
  SetupDebug<C>(s);
  return s;
}

TEST(SetupDebug, PreservesMdscrAndPstateSsAndLendsThem) {
  ConcreteVcpu s = WithControl(KVM_GUESTDBG_VALID_MASK);
  s.ctx.mdscr_el1 = s.ghost.mdscr_el1 = DBGREF_MDSCR_KDE;
  const ConcreteVcpu after = AfterSetupDebug(s);
  EXPECT_EQ(after.preserved.mdscr_el1, DBGREF_MDSCR_KDE);
  EXPECT_FALSE(after.preserved.pstate_ss);
  EXPECT_EQ(after.ctx.mdscr_el1,
            DBGREF_MDSCR_KDE | DBGREF_MDSCR_SS | DBGREF_MDSCR_MDE);
  EXPECT_TRUE(after.ctx.pstate_ss);
  EXPECT_TRUE(after.dirty);
  EXPECT_EQ(after.mdcr_el2,
            DBGREF_MDCR_ALWAYS_BITS | DBGREF_MDCR_TDE | DBGREF_MDCR_TDA);
}

TEST(SetupDebug, OffLeavesGuestContextAlone) {
  ConcreteVcpu s = ResetState<C>();
  s.ctx.mdscr_el1 = DBGREF_MDSCR_SS;
  s.dirty = true;
  const ConcreteVcpu after = AfterSetupDebug(s);
  EXPECT_EQ(after.ctx.mdscr_el1, DBGREF_MDSCR_SS);
  EXPECT_EQ(after.mdcr_el2, DBGREF_MDCR_ALWAYS_BITS);
}

TEST(WorldSwitch, InLoadsTheSelectedSetOutSavesItBack) {
  const ConcreteHost host = FromRecord(MakeHost());
  ConcreteVcpu s =
      AfterSetupDebug(WithControl(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW));
  Cpu<C> cpu = WorldSwitchIn<C>(host, s);
  EXPECT_TRUE(RegsEq<C>(cpu.regs.regs, FromRecord(UserRegs())));
  EXPECT_EQ(cpu.mdcr_el2, s.mdcr_el2);
  cpu.regs.mdccint_el1 = 0x77;
  ConcreteVcpu out = s;
  WorldSwitchOut<C>(out, cpu);
  EXPECT_FALSE(out.dirty);
  EXPECT_EQ(out.ctx.mdccint_el1, 0x77u);
  EXPECT_TRUE(RegsEq<C>(out.external, FromRecord(UserRegs())));
  EXPECT_TRUE(RegsEq<C>(out.ctx.regs, ZeroRegs<C>()));
}

TEST(WorldSwitch, NotDirtyKeepsHostRegisters) {
  const ConcreteHost host = FromRecord(MakeHost());
  ConcreteVcpu s = AfterSetupDebug(ResetState<C>());
  const Cpu<C> cpu = WorldSwitchIn<C>(host, s);
  EXPECT_TRUE(RegsEq<C>(cpu.regs.regs, host.host_regs));
  EXPECT_FALSE(s.dirty);
}

// The guest's action on a copy of cpu.
GuestEvent<C> Execute(Cpu<C> cpu, const Action<C>& a) {
  return ExecuteGuestAction<C>(cpu, a);
}

TEST(ExecuteGuestAction, TrapsIffTdaInEffectAndRoutesDebugIffTde) {
  Cpu<C> cpu = ZeroCpu<C>();
  const ConcreteOp read = FromRecord(ReadOp(DBGREF_REG_BCR, 1));
  const ConcreteOp brk = FromRecord(ExceptionOp(DBGREF_EC_BRK64));
  cpu.regs.regs.bcr[1] = 0x11;
  // Neither: the access reaches the CPU register, BRK stays in the guest.
  cpu.mdcr_el2 = 0;
  const GuestEvent<C> e = Execute(cpu, read.action);
  EXPECT_FALSE(e.trapped);
  EXPECT_TRUE(e.direct_read);
  EXPECT_EQ(e.direct_value, 0x11u);
  EXPECT_FALSE(Execute(cpu, brk.action).debug_exit);
  // TDA: the access traps, BRK stays in the guest.
  cpu.mdcr_el2 = DBGREF_MDCR_TDA;
  EXPECT_TRUE(Execute(cpu, read.action).trapped);
  EXPECT_FALSE(Execute(cpu, brk.action).debug_exit);
  // TDE: BRK goes to EL2, and the CPU treats TDA as set (Arm ARM,
  // MDCR_EL2.TDA), so the access traps too.
  cpu.mdcr_el2 = DBGREF_MDCR_TDE;
  EXPECT_TRUE(Execute(cpu, read.action).trapped);
  EXPECT_FALSE(Execute(cpu, read.action).direct_read);
  EXPECT_TRUE(Execute(cpu, brk.action).debug_exit);
}

TEST(ClearDebug, PutsBackPreservedValuesWhenActive) {
  ConcreteVcpu s =
      AfterSetupDebug(WithControl(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  ClearDebug<C>(s);
  EXPECT_EQ(s.ctx.mdscr_el1, 0u);
  EXPECT_FALSE(s.ctx.pstate_ss);
}

TEST(HandleExit, EmulatesTrappedWriteIntoGuestContextAndSetsDirty) {
  const ConcreteOp w = FromRecord(WriteOp(DBGREF_REG_WVR, 6, 0x66));
  const GuestEvent<C> e{true, false, false, 0};
  ConcreteVcpu s = ResetState<C>();
  const ExitInfo<C> x = HandleExit<C>(s, w.action, e);
  EXPECT_EQ(s.ctx.regs.wvr[6], 0x66u);
  EXPECT_TRUE(s.dirty);
  EXPECT_EQ(x.exit_reason, 0u);
  EXPECT_FALSE(x.undef);
}

TEST(RunIteration, IsTheCompositionOfItsSteps) {
  const ConcreteHost host = FromRecord(MakeHost());
  const ConcreteVcpu s0 = WithControl(KVM_GUESTDBG_VALID_MASK);
  const ConcreteOp op = FromRecord(WriteOp(DBGREF_REG_MDSCR, 0, 0x1234));
  const ConcreteTransition t = RunTransition<C>(host, s0, op);
  ConcreteVcpu s = AfterSetupDebug(s0);
  Cpu<C> cpu = WorldSwitchIn<C>(host, s);
  const GuestEvent<C> e = ExecuteGuestAction<C>(cpu, op.action);
  RecordGuestIntent<C>(s.ghost, op.action);
  WorldSwitchOut<C>(s, cpu);
  ClearDebug<C>(s);
  HandleExit<C>(s, op.action, e);
  EXPECT_TRUE(StateEq<C>(t.post, s));
  EXPECT_EQ(t.post.ctx.mdscr_el1, 0x1234u);
}

}  // namespace
}  // namespace dbgref::model::testing
