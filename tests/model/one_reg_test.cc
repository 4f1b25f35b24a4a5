// KVM_GET_ONE_REG and KVM_SET_ONE_REG (model/ioctl.h) of the PC, PSTATE,
// MDSCR_EL1 and the 16 entries of each debug register bank: userspace
// reads and writes the guest's own values, whatever its guest debug is
// doing to the registers while the guest runs (REQ-ONE-REG); an id KVM
// does not have is -ENOENT.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/ioctl.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

TEST(OneReg, REQ_ONE_REG_ResetValues) {
  ModelVcpu v;
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), facts::kCodeBase);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PSTATE), facts::kStartPstate);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_MDSCR), 0u);
  for (uint32_t reg = DBGREF_ONE_REG_BCR; reg <= DBGREF_ONE_REG_WVR; ++reg) {
    for (uint32_t n = 0; n < 16; ++n) EXPECT_EQ(v.Get(reg, n), 0u);
  }
}

TEST(OneReg, REQ_ONE_REG_SetThenGetEveryRegisterAndEntry) {
  ModelVcpu v;
  for (uint32_t reg = DBGREF_ONE_REG_BCR; reg <= DBGREF_ONE_REG_WVR; ++reg) {
    for (uint32_t n = 0; n < 16; ++n) {
      ASSERT_EQ(v.Set(reg, n, 0x1000 * reg + n), 0);
    }
  }
  for (uint32_t reg = DBGREF_ONE_REG_BCR; reg <= DBGREF_ONE_REG_WVR; ++reg) {
    for (uint32_t n = 0; n < 16; ++n) {
      EXPECT_EQ(v.Get(reg, n), 0x1000 * reg + n) << reg << " " << n;
    }
  }
  // Each bank is its own register: the guest context holds them apart.
  EXPECT_EQ(v.state().ctx.dbg.bcr[4], 0x1000u * DBGREF_ONE_REG_BCR + 4);
  EXPECT_EQ(v.state().ctx.dbg.wvr[15], 0x1000u * DBGREF_ONE_REG_WVR + 15);
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_MDSCR, 0, facts::kMdscrKde), 0);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_MDSCR), facts::kMdscrKde);
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, facts::Line(3)), 0);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), facts::Line(3));
}

TEST(OneReg, REQ_ONE_REG_UnknownIdsAreEnoentAndChangeNothing) {
  ModelVcpu v;
  const model::ConcreteVcpu before = v.state();
  const dbgref_obs unknown = v.Ioctl(GetOneRegOp(DBGREF_ONE_REG_COUNT));
  EXPECT_EQ(unknown.ret, facts::kEnoent);
  EXPECT_EQ(unknown.value, 0u);
  EXPECT_EQ(v.Ioctl(GetOneRegOp(DBGREF_ONE_REG_BVR, 16)).ret, facts::kEnoent);
  EXPECT_EQ(v.Set(DBGREF_ONE_REG_COUNT, 0, 1), facts::kEnoent);
  EXPECT_EQ(v.Set(DBGREF_ONE_REG_WCR, 16, 1), facts::kEnoent);
  EXPECT_TRUE(model::StateEq<C>(v.state(), before));
}

TEST(OneReg, REQ_ONE_REG_GetReadsTheGuestsOwnSetUnderUseHw) {
  // The guest programs its own breakpoint 0 and MDSCR_EL1.KDE; userspace's
  // breakpoint 0 is elsewhere, and USE_HW lends MDE. After the run the
  // context holds the guest's values, not userspace's nor the lent MDE.
  ModelVcpu v(Program({Msr(DBGREF_REG_BCR, 0, facts::kBcrEl1),
                       Msr(DBGREF_REG_BVR, 0, facts::Line(7)),
                       Msr(DBGREF_REG_MDSCR, 0, facts::kMdscrKde), Report()}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kUseHw,
                            HwBreakpoint(0, facts::Line(9))),
            0);
  ASSERT_EQ(v.RunToExit().exit_reason, facts::kExitMmio);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_BCR, 0), facts::kBcrEl1);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_BVR, 0), facts::Line(7));
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_MDSCR), facts::kMdscrKde);
}

TEST(OneReg, REQ_ONE_REG_PstateIsTheGuestsOwnAfterASingleStepExit) {
  // SINGLESTEP sets PSTATE.SS while the guest runs; after the step exit
  // userspace reads the guest's own PSTATE.SS (0), PC at the next line.
  ModelVcpu v(Program({Nop(), Nop()}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kSingleStep), 0);
  const dbgref_obs exit = v.RunToExit();
  ASSERT_EQ(exit.hsr, facts::kStepExitIsv);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PSTATE), facts::kStartPstate);
  EXPECT_EQ(v.Get(DBGREF_ONE_REG_PC), facts::Line(1));
}

TEST(OneReg, REQ_ONE_REG_WhatUserspaceSetsTheGuestReads) {
  // Trapped (DIRTY clear at the first entry) and then direct: both read
  // the value KVM_SET_ONE_REG wrote.
  ModelVcpu v(Program({Mrs(DBGREF_REG_WVR, 2), Msr(DBGREF_REG_BCR, 1, 0),
                       Mrs(DBGREF_REG_WVR, 2)}));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_WVR, 2, facts::kDataBase + 0x40), 0);
  const std::vector<dbgref_obs> run = v.Run();
  std::vector<uint64_t> reads;
  for (const dbgref_obs& o : run) {
    if (o.read_value != 0) reads.push_back(o.read_value);
  }
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0], facts::kDataBase + 0x40);
  EXPECT_EQ(reads[1], facts::kDataBase + 0x40);
}

TEST(OneReg, REQ_ONE_REG_SetPstateSsIsTheGuestsOwn) {
  // The ghost (the guest's intended view) follows KVM_SET_ONE_REG of
  // PSTATE: the guest's own SS bit is what userspace wrote.
  model::ConcreteVcpu s = model::ResetState<C>();
  EXPECT_EQ(model::SetOneReg<C>(s, DBGREF_ONE_REG_PSTATE, 0,
                                facts::kStartPstate | facts::kPstateSs),
            0u);
  EXPECT_EQ(s.ctx.pstate, facts::kStartPstate | facts::kPstateSs);
  EXPECT_TRUE(s.ghost.pstate_ss);
  uint64_t value = 0;
  EXPECT_EQ(model::GetOneReg<C>(s, DBGREF_ONE_REG_PSTATE, 0, value), 0u);
  EXPECT_EQ(value, facts::kStartPstate | facts::kPstateSs);
}

}  // namespace
}  // namespace dbgref::tests
