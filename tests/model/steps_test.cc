// Each step of a KVM_RUN iteration called alone, and the iteration as their
// composition.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/clear_debug.h"
#include "model/concrete.h"
#include "model/guest.h"
#include "model/handle_exit.h"
#include "model/run.h"
#include "model/setup_debug.h"
#include "model/world_switch.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

ConcreteVcpu WithControl(uint32_t control) {
  ConcreteVcpu s = ResetState<C>();
  return SetGuestDebug<C>(s, control, FromRecord(UserRegs())).state;
}

TEST(SetupDebug, PreservesMdscrAndPstateSsAndLendsThem) {
  ConcreteVcpu s = WithControl(KVM_GUESTDBG_VALID_MASK);
  s.ctx.mdscr_el1 = s.ghost.mdscr_el1 = DBGREF_MDSCR_KDE;
  const ConcreteVcpu after = SetupDebug<C>(s);
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
  const ConcreteVcpu after = SetupDebug<C>(s);
  EXPECT_EQ(after.ctx.mdscr_el1, DBGREF_MDSCR_SS);
  EXPECT_EQ(after.mdcr_el2, DBGREF_MDCR_ALWAYS_BITS);
}

TEST(WorldSwitch, InLoadsTheSelectedSetOutSavesItBack) {
  const ConcreteHost host = FromRecord(MakeHost());
  ConcreteVcpu s =
      SetupDebug<C>(WithControl(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW));
  Entered<C> in = WorldSwitchIn<C>(host, s);
  EXPECT_TRUE(RegsEq<C>(in.cpu.regs.regs, FromRecord(UserRegs())));
  EXPECT_EQ(in.cpu.mdcr_el2, s.mdcr_el2);
  Cpu<C> cpu = in.cpu;
  cpu.regs.mdccint_el1 = 0x77;
  const ConcreteVcpu out = WorldSwitchOut<C>(in.state, cpu);
  EXPECT_FALSE(out.dirty);
  EXPECT_EQ(out.ctx.mdccint_el1, 0x77u);
  EXPECT_TRUE(RegsEq<C>(out.external, FromRecord(UserRegs())));
  EXPECT_TRUE(RegsEq<C>(out.ctx.regs, ZeroRegs<C>()));
}

TEST(WorldSwitch, NotDirtyKeepsHostRegisters) {
  const ConcreteHost host = FromRecord(MakeHost());
  const Entered<C> in = WorldSwitchIn<C>(host, SetupDebug<C>(ResetState<C>()));
  EXPECT_TRUE(RegsEq<C>(in.cpu.regs.regs, host.host_regs));
  EXPECT_FALSE(in.state.dirty);
}

TEST(GuestAct, TrapsIffTdaInEffectAndRoutesDebugIffTde) {
  const ConcreteVcpu s = ResetState<C>();
  Cpu<C> cpu = ZeroCpu<C>();
  const ConcreteOp read = FromRecord(ReadOp(DBGREF_REG_BCR, 1));
  const ConcreteOp brk = FromRecord(ExceptionOp(DBGREF_EC_BRK64));
  cpu.regs.regs.bcr[1] = 0x11;
  // Neither: the access reaches the CPU register, BRK stays in the guest.
  cpu.mdcr_el2 = 0;
  const AfterGuest<C> g = GuestAct<C>(s, cpu, read.action);
  EXPECT_FALSE(g.event.trapped);
  EXPECT_TRUE(g.event.direct_read);
  EXPECT_EQ(g.event.direct_value, 0x11u);
  EXPECT_FALSE(GuestAct<C>(s, cpu, brk.action).event.debug_exit);
  // TDA: the access traps, BRK stays in the guest.
  cpu.mdcr_el2 = DBGREF_MDCR_TDA;
  EXPECT_TRUE(GuestAct<C>(s, cpu, read.action).event.trapped);
  EXPECT_FALSE(GuestAct<C>(s, cpu, brk.action).event.debug_exit);
  // TDE: BRK goes to EL2, and the CPU treats TDA as set (Arm ARM,
  // MDCR_EL2.TDA), so the access traps too.
  cpu.mdcr_el2 = DBGREF_MDCR_TDE;
  EXPECT_TRUE(GuestAct<C>(s, cpu, read.action).event.trapped);
  EXPECT_FALSE(GuestAct<C>(s, cpu, read.action).event.direct_read);
  EXPECT_TRUE(GuestAct<C>(s, cpu, brk.action).event.debug_exit);
}

TEST(ClearDebug, PutsBackPreservedValuesWhenActive) {
  ConcreteVcpu s =
      SetupDebug<C>(WithControl(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP));
  s = ClearDebug<C>(s);
  EXPECT_EQ(s.ctx.mdscr_el1, 0u);
  EXPECT_FALSE(s.ctx.pstate_ss);
}

TEST(HandleExit, EmulatesTrappedWriteIntoGuestContextAndSetsDirty) {
  const ConcreteOp w = FromRecord(WriteOp(DBGREF_REG_WVR, 6, 0x66));
  const GuestEvent<C> e{true, false, false, 0};
  const Handled<C> h = HandleExit<C>(ResetState<C>(), w.action, e);
  EXPECT_EQ(h.state.ctx.regs.wvr[6], 0x66u);
  EXPECT_TRUE(h.state.dirty);
  EXPECT_EQ(h.exit.exit_reason, 0u);
  EXPECT_FALSE(h.exit.undef);
}

TEST(RunIteration, IsTheCompositionOfItsSteps) {
  const ConcreteHost host = FromRecord(MakeHost());
  const ConcreteVcpu s0 = WithControl(KVM_GUESTDBG_VALID_MASK);
  const ConcreteOp op = FromRecord(WriteOp(DBGREF_REG_MDSCR, 0, 0x1234));
  const RunResult<C> r = RunIteration<C>(host, s0, op.action);
  ConcreteVcpu s = SetupDebug<C>(s0);
  Entered<C> in = WorldSwitchIn<C>(host, s);
  AfterGuest<C> g = GuestAct<C>(in.state, in.cpu, op.action);
  s = WorldSwitchOut<C>(g.state, g.cpu);
  s = ClearDebug<C>(s);
  const Handled<C> h = HandleExit<C>(s, op.action, g.event);
  EXPECT_TRUE(StateEq<C>(r.state, h.state));
  EXPECT_EQ(r.state.ctx.mdscr_el1, 0x1234u);
}

}  // namespace
}  // namespace dbgref::model::testing
