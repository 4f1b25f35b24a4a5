// kvm_arch_setup_debug (model/setup_debug.h): MDCR_EL2 computed afresh
// before every entry (TPM, TPMCR, TDRA, TDOSA always; TDE exactly with guest
// debug; TDA while DIRTY is clear, with USE_HW, or while the guest's OS
// lock is set), and the guest's MDSCR_EL1 and PSTATE.SS lent to userspace's
// debugger (SINGLESTEP sets both SS bits, any other guest debug clears
// MDSCR_EL1.SS, USE_HW sets MDE and DIRTY) or masked by the guest's own OS
// lock. Sources: kc:"Guest debug before patch 08", kc:"The design that was
// merged", kc:"Later kernels"; spec/decisions.md on TDA, TDE and the lock.
#include "model/setup_debug.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;

constexpr uint32_t kControls[] = {
    0,
    facts::kEnable,
    facts::kEnable | facts::kSingleStep,
    facts::kEnable | facts::kUseSwBp,
    facts::kEnable | facts::kUseHw,
    facts::kEnable | facts::kSingleStep | facts::kUseSwBp | facts::kUseHw};

// The guest's own debug state, with every MDSCR_EL1 debug bit and
// PSTATE.SS set so that what is lent can be told from what is the guest's.
ConcreteVcpu Guest(uint32_t control, bool dirty, bool locked) {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = control;
  s.dirty = dirty;
  s.ctx.os_locked = locked;
  s.ctx.mdscr_el1 =
      facts::kMdscrSs | facts::kMdscrKde | facts::kMdscrMde | 0x1000;
  s.ctx.pstate = facts::kStartPstate | facts::kPstateSs;
  s.ghost = model::GhostOf<C>(s.ctx);
  return s;
}

TEST(EntryMdcrEl2,
     REQ_TRAP_TDE_TdeExactlyWhenGuestDebugIsOnAndTheOthersAlways) {
  for (const uint32_t control : kControls) {
    for (const bool dirty : {false, true}) {
      for (const bool locked : {false, true}) {
        const uint64_t mdcr =
            model::EntryMdcrEl2<C>(Guest(control, dirty, locked));
        EXPECT_EQ(mdcr & facts::kMdcrAlways, facts::kMdcrAlways) << control;
        EXPECT_EQ((mdcr & facts::kTde) != 0, control != 0) << control;
        // Nothing but the trap bits: HPMN and HPME are the PMU's.
        EXPECT_EQ(mdcr & ~facts::kMdcrObserved, 0u) << control;
      }
    }
  }
}

TEST(EntryMdcrEl2, REQ_TRAP_TDA_TheBitIsDirtyClearOrUseHwOrTheOsLock) {
  for (const uint32_t control : kControls) {
    for (const bool dirty : {false, true}) {
      for (const bool locked : {false, true}) {
        const uint64_t mdcr =
            model::EntryMdcrEl2<C>(Guest(control, dirty, locked));
        const bool use_hw = (control & facts::kUseHw) != 0;
        EXPECT_EQ((mdcr & facts::kTda) != 0, !dirty || use_hw || locked)
            << "control " << control << " dirty " << dirty << " locked "
            << locked;
        // REQ-TRAP-TDA: in effect (the bit, or TDE) whenever debug is on.
        if (control != 0) {
          EXPECT_NE(mdcr & (facts::kTda | facts::kTde), 0u) << control;
        }
      }
    }
  }
}

TEST(SetupDebug, REQ_TRAP_TDA_UseHwSetsTheBitEvenWhenDirty) {
  ConcreteVcpu s = Guest(facts::kEnable | facts::kUseHw, true, false);
  model::SetupDebug<C>(s);
  EXPECT_EQ(s.mdcr_el2, facts::kMdcrAlways | facts::kTde | facts::kTda);
}

TEST(SetupDebug, REQ_SS_SingleStepLendsBothSsBitsAndPreservesTheGuestsOwn) {
  ConcreteVcpu s = Guest(facts::kEnable | facts::kSingleStep, true, false);
  s.ctx.mdscr_el1 = facts::kMdscrKde | 0x1000;  // the guest's SS clear
  s.ctx.pstate = facts::kStartPstate;           // and its PSTATE.SS
  model::SetupDebug<C>(s);
  EXPECT_EQ(s.preserved.mdscr_el1, facts::kMdscrKde | 0x1000u);
  EXPECT_FALSE(s.preserved.pstate_ss);
  EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrKde | 0x1000u | facts::kMdscrSs);
  EXPECT_EQ(s.ctx.pstate, facts::kStartPstate | facts::kPstateSs);
}

TEST(SetupDebug, REQ_SS_APendingStepIsNotSteppedAgain) {
  // DBG_SS_ACTIVE_PENDING (kc:"Later kernels"): the step was active-pending
  // at the last exit, so the entry leaves PSTATE.SS clear and the step
  // exception is taken before any instruction.
  ConcreteVcpu s = Guest(facts::kEnable | facts::kSingleStep, true, false);
  s.pending_step = true;
  model::SetupDebug<C>(s);
  EXPECT_EQ(s.ctx.pstate & facts::kPstateSs, 0u);
  EXPECT_NE(s.ctx.mdscr_el1 & facts::kMdscrSs, 0u);
}

TEST(SetupDebug, REQ_SS_AnyOtherGuestDebugSuspendsTheGuestsOwnStep) {
  for (const uint32_t control :
       {facts::kEnable, facts::kEnable | facts::kUseSwBp,
        facts::kEnable | facts::kUseHw}) {
    ConcreteVcpu s = Guest(control, true, false);
    model::SetupDebug<C>(s);
    EXPECT_EQ(s.ctx.mdscr_el1 & facts::kMdscrSs, 0u) << control;
    // The guest's whole MDSCR_EL1 and its PSTATE.SS are put aside.
    EXPECT_EQ(s.preserved.mdscr_el1,
              facts::kMdscrSs | facts::kMdscrKde | facts::kMdscrMde | 0x1000u);
    EXPECT_TRUE(s.preserved.pstate_ss);
    // The other bits are the guest's: only SS (and MDE) are lent.
    EXPECT_EQ(s.ctx.mdscr_el1 & 0x1000u, 0x1000u);
  }
}

TEST(SetupDebug, REQ_HW_PROGRAM_UseHwLendsMdeAndSetsDirty) {
  ConcreteVcpu s = Guest(facts::kEnable | facts::kUseHw, false, false);
  s.ctx.mdscr_el1 = 0;
  model::SetupDebug<C>(s);
  EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrMde);  // MDE, not KDE
  EXPECT_TRUE(s.dirty);
  EXPECT_EQ(s.preserved.mdscr_el1, 0u);
}

TEST(SetupDebug, REQ_OSLOCK_TheGuestsLockMasksMdeAndSsAndKeepsKde) {
  // Guest debug off, the guest's lock set: its breakpoints, watchpoints
  // and step must not fire (spec/decisions.md, "The OS lock": MDE and SS
  // cleared in what the guest runs with, TDA forced).
  ConcreteVcpu s = Guest(0, true, true);
  model::SetupDebug<C>(s);
  EXPECT_EQ(s.ctx.mdscr_el1, facts::kMdscrKde | 0x1000u);
  EXPECT_EQ(s.preserved.mdscr_el1,
            facts::kMdscrSs | facts::kMdscrKde | facts::kMdscrMde | 0x1000u);
  EXPECT_NE(s.mdcr_el2 & facts::kTda, 0u);
  EXPECT_EQ(s.mdcr_el2 & facts::kTde, 0u);
}

TEST(SetupDebug, REQ_OSLOCK_UseHwKeepsMdeForUserspaceUnderTheGuestsLock) {
  ConcreteVcpu s = Guest(facts::kEnable | facts::kUseHw, true, true);
  model::SetupDebug<C>(s);
  EXPECT_NE(s.ctx.mdscr_el1 & facts::kMdscrMde, 0u);
}

TEST(SetupDebug, REQ_OFF_OffAndUnlockedLendsNothing) {
  for (const bool dirty : {false, true}) {
    ConcreteVcpu s = Guest(0, dirty, false);
    s.preserved = model::Preserved<C>{0x4321, false};
    const ConcreteVcpu before = s;
    model::SetupDebug<C>(s);
    EXPECT_TRUE(model::RecordsEqual<C>(model::kWalkContext, s.ctx, before.ctx));
    EXPECT_EQ(s.preserved.mdscr_el1, 0x4321u);
    EXPECT_EQ(s.dirty, dirty);
    EXPECT_EQ(s.mdcr_el2, facts::kMdcrAlways | (dirty ? 0 : facts::kTda));
  }
}

TEST(SetupDebug, REQ_TRAP_TDA_TdeTrapsTheGuestsAccessWhileTheBitIsClear) {
  // Guest debug on: the guest's MSR traps and its emulation sets DIRTY, so
  // the re-entry has the TDA bit clear (lazy switching); and still the MRS
  // after it traps, because TDE makes the CPU treat TDA as 1
  // ([arm:mdcr-tda]; spec/revisions.md, "Not a finding: TDA clear").
  ModelVcpu v(Program({Msr(DBGREF_REG_BCR, 0, facts::kBcrOn),
                       Mrs(DBGREF_REG_BCR, 0), Report()}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable), 0);
  const std::vector<dbgref_obs> run = v.Run();
  ASSERT_GE(run.size(), 6u);
  EXPECT_EQ(run[0].entry_mdcr_el2,
            facts::kMdcrAlways | facts::kTde | facts::kTda);
  EXPECT_EQ(run[1].esr, facts::Sys64(2, 0, 0, 0, 5, false));
  EXPECT_EQ(run[3].step, uint32_t{DBGREF_STEP_ENTER});
  EXPECT_EQ(run[3].entry_mdcr_el2, facts::kMdcrAlways | facts::kTde);
  EXPECT_EQ(run[4].event, uint32_t{DBGREF_EVENT_TO_EL2});
  EXPECT_EQ(run[4].esr, facts::Sys64(2, 0, 0, 0, 5, true));
  EXPECT_EQ(run[5].read_value, facts::kBcrOn);
}

}  // namespace
}  // namespace dbgref::tests
