// The emulation of a trapped MRS or MSR (model/sys_regs.h: trap_debug_regs
// and the OS lock handlers, kc:"Debug-register traps"): against the
// guest's own set and context whatever the host does (kc:"The design that
// was merged": the handlers always use the guest's set), a write sets
// DIRTY (kc:"Lazy switching"), nothing is ever an UNDEF (REQ-NOUNDEF), and
// the OS lock is emulated (Linux 5.19 and later; spec/decisions.md).
#include "model/sys_regs.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/instruction.h"
#include "model/concrete.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;

// The guest's own values: 0x6000 + kind * 0x100 + n; MDSCR_EL1 KDE,
// MDCCINT_EL1 0x4; userspace's set and USE_HW in force.
ConcreteVcpu Trapping(uint32_t control) {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = control;
  s.external = model::FromRecord(UserRegs());
  for (int n = 0; n < 16; ++n) {
    s.ctx.dbg.bcr[n] = 0x6000 + n;
    s.ctx.dbg.bvr[n] = 0x6100 + n;
    s.ctx.dbg.wcr[n] = 0x6200 + n;
    s.ctx.dbg.wvr[n] = 0x6300 + n;
  }
  s.ctx.mdscr_el1 = facts::kMdscrKde;
  s.ctx.mdccint_el1 = 0x4;
  return s;
}

model::EmulationResult<C> Emulate(ConcreteVcpu& s, const dbgref_insn& i,
                                  bool trapped = true) {
  return model::EmulateTrappedAccess<C>(s, model::FromRecord(i), trapped);
}

constexpr uint32_t kEveryControl[] = {
    0, facts::kEnable, facts::kEnable | facts::kSingleStep,
    facts::kEnable | facts::kUseHw,
    facts::kEnable | facts::kSingleStep | facts::kUseHw};

TEST(TrappedAccess,
     REQ_SHADOW_AReadReturnsTheGuestsOwnValueWhateverTheHostDoes) {
  for (const uint32_t control : kEveryControl) {
    for (uint32_t n = 0; n < 16; ++n) {
      ConcreteVcpu s = Trapping(control);
      EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_BCR, n)).read_value, 0x6000u + n);
      EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_BVR, n)).read_value, 0x6100u + n);
      EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_WCR, n)).read_value, 0x6200u + n);
      EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_WVR, n)).read_value, 0x6300u + n);
      EXPECT_EQ(s.ctx.xt, 0x6300u + n);  // the MRS's destination
    }
    ConcreteVcpu s = Trapping(control);
    EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_MDSCR)).read_value, facts::kMdscrKde);
    EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_MDCCINT)).read_value, 0x4u);
    EXPECT_FALSE(s.dirty) << "a read does not make the registers dirty";
  }
}

TEST(TrappedAccess, REQ_SHADOW_AWriteLandsInTheGuestsOwnSetAndSetsDirty) {
  for (const uint32_t control : kEveryControl) {
    ConcreteVcpu s = Trapping(control);
    Emulate(s, Msr(DBGREF_REG_WVR, 3, facts::kDataBase + 8));
    EXPECT_EQ(s.ctx.dbg.wvr[3], facts::kDataBase + 8) << control;
    EXPECT_EQ(s.external.wvr[3], UserReg(3, 3)) << control;
    EXPECT_TRUE(s.dirty) << control;
    EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_WVR, 3)).read_value,
              facts::kDataBase + 8);
    ConcreteVcpu m = Trapping(control);
    Emulate(m, Msr(DBGREF_REG_MDSCR, 0, facts::kMdscrMde));
    EXPECT_EQ(m.ctx.mdscr_el1, facts::kMdscrMde);
    EXPECT_TRUE(m.dirty);
  }
}

TEST(TrappedAccess,
     REQ_NOUNDEF_EveryTrappedRegisterIsEmulatedUnderEveryControl) {
  for (const uint32_t control : kEveryControl) {
    for (uint32_t kind = 0; kind < DBGREF_REG_KIND_COUNT; ++kind) {
      const uint32_t count = kind <= DBGREF_REG_WVR ? 16 : 1;
      for (uint32_t n = 0; n < count; ++n) {
        if (kind != DBGREF_REG_OSLAR) {
          ConcreteVcpu s = Trapping(control);
          EXPECT_FALSE(Emulate(s, Mrs(kind, n)).undef)
              << "mrs kind " << kind << " n " << n << " control " << control;
        }
        if (kind != DBGREF_REG_OSLSR) {
          ConcreteVcpu s = Trapping(control);
          EXPECT_FALSE(Emulate(s, Msr(kind, n, 1)).undef)
              << "msr kind " << kind << " n " << n << " control " << control;
        }
      }
    }
  }
}

TEST(TrappedAccess, REQ_OSLOCK_OslarSetsAndClearsTheEmulatedLock) {
  ConcreteVcpu s = Trapping(0);
  EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_OSLSR)).read_value,
            facts::kOslsrUnlocked);
  Emulate(s, Msr(DBGREF_REG_OSLAR, 0, 1));
  EXPECT_TRUE(s.ctx.os_locked);
  EXPECT_EQ(Emulate(s, Mrs(DBGREF_REG_OSLSR)).read_value, facts::kOslsrLocked);
  // OSLAR_EL1 is not a debug register: no reason to load them.
  EXPECT_FALSE(s.dirty);
  Emulate(s, Msr(DBGREF_REG_OSLAR, 0, 0));
  EXPECT_FALSE(s.ctx.os_locked);
  // Only OSLAR_EL1.OSLK (bit 0) counts.
  Emulate(s, Msr(DBGREF_REG_OSLAR, 0, 2));
  EXPECT_FALSE(s.ctx.os_locked);
}

TEST(TrappedAccess, NothingHappensWhenTheAccessDidNotTrap) {
  ConcreteVcpu s = Trapping(facts::kEnable);
  const ConcreteVcpu before = s;
  const model::EmulationResult<C> r =
      Emulate(s, Msr(DBGREF_REG_BCR, 0, 0x1), false);
  EXPECT_EQ(r.read_value, 0u);
  EXPECT_FALSE(r.undef);
  EXPECT_TRUE(model::StateEq<C>(s, before));
}

TEST(TrappedAccess, REQ_NOUNDEF_EndToEndTheGuestResumesAfterEachEmulation) {
  // Under USE_HW every access traps; each is emulated and the guest goes
  // on to the next line (the END report at last), with no UNDEF.
  ModelVcpu v(Program({Mrs(DBGREF_REG_MDSCR), Msr(DBGREF_REG_MDCCINT, 0, 1),
                       Msr(DBGREF_REG_BCR, 5, facts::kBcrOn),
                       Mrs(DBGREF_REG_WVR, 3), Mrs(DBGREF_REG_OSLSR)}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kUseHw, UserRegs()), 0);
  const std::vector<dbgref_obs> run = v.Run();
  int emulated = 0;
  for (const dbgref_obs& o : run) {
    EXPECT_EQ(o.undef, 0u);
    if (o.step == DBGREF_STEP_EXIT && o.exit_reason == 0) ++emulated;
  }
  EXPECT_EQ(emulated, 5);
  EXPECT_EQ(run.back().mmio_addr, facts::kMmioEnd);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_BCR, 5), facts::kBcrOn);
}

}  // namespace
}  // namespace dbgref::tests
