// kvm_arch_clear_debug (model/clear_debug.h): after the world switch out,
// the guest gets back the whole MDSCR_EL1 and the PSTATE.SS that
// setup_debug put aside, whenever KVM lent them (guest debug on, or the
// guest's OS lock set: kc:"The design that was merged", kc:"Later
// kernels", spec/decisions.md "PSTATE.SS: the guest's own while KVM lends
// MDSCR_EL1"); and a step left active-pending without its exception is
// noted (DBG_SS_ACTIVE_PENDING).
#include "model/clear_debug.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;

// The context as the world switch out leaves it after a run with lent
// values (SS and MDE set, PSTATE.SS as the CPU left it), and what
// setup_debug preserved of the guest's own.
ConcreteVcpu AfterExit(uint32_t control, bool locked, bool cpu_ss) {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = control;
  s.ctx.os_locked = locked;
  s.ctx.mdscr_el1 = facts::kMdscrSs | facts::kMdscrMde | 0x40;
  s.ctx.pstate = facts::kStartPstate | (cpu_ss ? facts::kPstateSs : 0);
  s.preserved = model::Preserved<C>{facts::kMdscrKde | 0x1000, true};
  return s;
}

TEST(ClearDebug, REQ_RESTORE_PutsBackTheWholePreservedMdscrAndPstateSs) {
  for (const uint32_t control :
       {facts::kEnable, facts::kEnable | facts::kSingleStep,
        facts::kEnable | facts::kUseHw}) {
    ConcreteVcpu s = AfterExit(control, false, false);
    model::ClearDebug<C>(s, facts::kBreakpointExit);
    EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrKde | 0x1000u) << control;
    EXPECT_EQ(s.ctx.pstate, facts::kStartPstate | facts::kPstateSs) << control;
  }
}

TEST(ClearDebug, REQ_RESTORE_PutsBackWhatTheGuestsOsLockLent) {
  ConcreteVcpu s = AfterExit(0, true, false);
  model::ClearDebug<C>(s, 0);
  EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrKde | 0x1000u);
  EXPECT_NE(s.ctx.pstate & facts::kPstateSs, 0u);
}

TEST(ClearDebug, REQ_OFF_NothingLentNothingPutBack) {
  ConcreteVcpu s = AfterExit(0, false, true);
  const ConcreteVcpu before = s;
  model::ClearDebug<C>(s, facts::kOwnBreakpoint);
  EXPECT_TRUE(model::StateEq<C>(s, before));
}

TEST(ClearDebug, REQ_SS_AStepLeftPendingWithoutItsExitIsNoted) {
  // Single-stepping, PSTATE.SS clear at the exit: an instruction completed
  // and its step exception has not been taken (the exit was for something
  // else, here the interrupt at the bound or a trapped MRS).
  for (const uint64_t esr : {uint64_t{0}, facts::Sys64(2, 0, 0, 0, 4, true)}) {
    ConcreteVcpu s =
        AfterExit(facts::kEnable | facts::kSingleStep, false, false);
    model::ClearDebug<C>(s, esr);
    EXPECT_TRUE(s.pending_step) << esr;
  }
}

TEST(ClearDebug, REQ_SS_NoPendingStepAfterTheStepExitOrWithSsSet) {
  ConcreteVcpu taken =
      AfterExit(facts::kEnable | facts::kSingleStep, false, false);
  model::ClearDebug<C>(taken, facts::kStepExitIsv);
  EXPECT_FALSE(taken.pending_step);
  ConcreteVcpu active =
      AfterExit(facts::kEnable | facts::kSingleStep, false, true);
  model::ClearDebug<C>(active, facts::kBreakpointExit);
  EXPECT_FALSE(active.pending_step);
  ConcreteVcpu no_step = AfterExit(facts::kEnable, false, false);
  model::ClearDebug<C>(no_step, 0);
  EXPECT_FALSE(no_step.pending_step);
}

}  // namespace
}  // namespace dbgref::tests
