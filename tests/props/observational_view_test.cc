// The observational view, row by row (props/README.md): a step of the
// model with one field of its observation changed as a revision might
// change it breaks the requirement that reads the field; the known design
// differences break none and are recognised; any other field is an
// unexplained difference.
#include "props/observational_view.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "props/requirement_set.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr uint64_t kDfr0 = (5ull << DBGREF_DFR0_BRPS_SHIFT) |
                           (3ull << DBGREF_DFR0_WRPS_SHIFT) | 6;
constexpr uint32_t kUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kStep = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;

trace::Trace Trace(std::vector<dbgref_insn> lines, std::vector<dbgref_op> ops) {
  trace::Trace t;
  t.host.id_aa64dfr0_el1 = kDfr0;
  t.host.host_regs.dbg_bcr[0] = 0x4057000000;
  t.host.host_regs.dbg_bvr[0] = 0x4057000100;
  for (const dbgref_insn& i : lines) trace::AddLine(t.program, i);
  t.ops = std::move(ops);
  return t;
}

kvm_guest_debug_arch Breakpoint(uint64_t pc) {
  kvm_guest_debug_arch a{};
  a.dbg_bcr[0] = 0x1e7;
  a.dbg_bvr[0] = pc;
  return a;
}

kvm_guest_debug_arch Watchpoint(uint64_t addr) {
  kvm_guest_debug_arch a{};
  a.dbg_wcr[0] = 0x1ff7;  // E, EL1, stores and loads, all eight bytes
  a.dbg_wvr[0] = addr;
  return a;
}

// The verdict on the first step of the last operation whose model
// observation satisfies `at`, changed by `change`.
StepVerdict Judge(const trace::Trace& t,
                  const std::function<bool(const dbgref_obs&)>& at,
                  const std::function<void(dbgref_obs&)>& change) {
  const model::ConcreteHost host = model::FromRecord(t.host);
  const model::ConcreteProgram program = model::FromRecord(t.program);
  model::ConcreteVcpu state = model::Reset(t.host);
  std::optional<StepVerdict> verdict;
  for (std::size_t i = 0; i < t.ops.size(); ++i) {
    model::ForEachTransition(
        host, program, state, t.ops[i], [&](const model::ConcreteTransition& tr) {
          const dbgref_obs m = model::ToRecord(tr.obs);
          if (i + 1 != t.ops.size() || verdict || !at(m)) return;
          dbgref_obs r = m;
          change(r);
          verdict = ClassifyStep({tr, r, t, i});
        });
  }
  EXPECT_TRUE(verdict.has_value()) << "no such step";
  return verdict.value_or(StepVerdict{});
}

bool Kind(const dbgref_obs& o, uint32_t step) { return o.step == step; }
std::function<bool(const dbgref_obs&)> StepOf(uint32_t step) {
  return [step](const dbgref_obs& o) { return Kind(o, step); };
}

void ExpectBreaks(const StepVerdict& v, RequirementSet expected) {
  EXPECT_TRUE(v.differs);
  EXPECT_EQ(v.violated, expected) << v.violated.ToString() << " instead of "
                                  << expected.ToString();
}

TEST(ObservationalView, IoctlValidReadsRet) {
  ExpectBreaks(Judge(Trace({}, {trace::SetGuestDebugOp(1u << 2)}),
                     StepOf(DBGREF_STEP_IOCTL), [](dbgref_obs& o) { o.ret = 0; }),
               RequirementSet::Of({kReqIoctlValid}));
}

TEST(ObservationalView, IoctlDisableReadsRet) {
  ExpectBreaks(Judge(Trace({}, {trace::SetGuestDebugOp(0)}),
                     StepOf(DBGREF_STEP_IOCTL),
                     [](dbgref_obs& o) { o.ret = -DBGREF_EINVAL; }),
               RequirementSet::Of({kReqIoctlValid, kReqIoctlDisable}));
}

TEST(ObservationalView, CapReadsRet) {
  ExpectBreaks(Judge(Trace({}, {trace::CheckExtensionOp(DBGREF_CAP_HW_BPS)}),
                     StepOf(DBGREF_STEP_IOCTL), [](dbgref_obs& o) { o.ret = 5; }),
               RequirementSet::Of({kReqCap}));
}

TEST(ObservationalView, OneRegReadsValue) {
  ExpectBreaks(
      Judge(Trace({}, {trace::SetOneRegOp(DBGREF_ONE_REG_BCR, 1, 0x1e7),
                       trace::GetOneRegOp(DBGREF_ONE_REG_BCR, 1)}),
            StepOf(DBGREF_STEP_IOCTL), [](dbgref_obs& o) { o.value = 0; }),
      RequirementSet::Of({kReqOneReg}));
}

TEST(ObservationalView, TrapTdaReadsTheTdaBitWithUseHw) {
  ExpectBreaks(Judge(Trace({}, {trace::SetGuestDebugOp(kUseHw), trace::RunOp()}),
                     StepOf(DBGREF_STEP_ENTER),
                     [](dbgref_obs& o) { o.entry_mdcr_el2 &= ~DBGREF_MDCR_TDA; }),
               RequirementSet::Of({kReqTrapTda}));
}

TEST(ObservationalView, TrapTdeReadsTde) {
  ExpectBreaks(Judge(Trace({}, {trace::SetGuestDebugOp(kStep), trace::RunOp()}),
                     StepOf(DBGREF_STEP_ENTER),
                     [](dbgref_obs& o) { o.entry_mdcr_el2 &= ~DBGREF_MDCR_TDE; }),
               RequirementSet::Of({kReqTrapTde}));
}

TEST(ObservationalView, HwProgramReadsEntryHw) {
  ExpectBreaks(
      Judge(Trace({}, {trace::SetGuestDebugOp(kUseHw, Breakpoint(0x18000)),
                       trace::RunOp()}),
            StepOf(DBGREF_STEP_ENTER),
            [](dbgref_obs& o) { o.entry_hw.dbg_bcr[0] = 0; }),
      RequirementSet::Of({kReqHwProgram}));
}

TEST(ObservationalView, HwBreakReadsTheGuestStep) {
  ExpectBreaks(
      Judge(Trace({trace::Nop(), trace::Nop()},
                  {trace::SetGuestDebugOp(kUseHw, Breakpoint(DBGREF_CODE_BASE + 4)),
                   trace::RunOp()}),
            [](const dbgref_obs& o) {
              return o.step == DBGREF_STEP_GUEST && o.event == DBGREF_EVENT_TO_EL2;
            },
            [](dbgref_obs& o) {
              o.event = DBGREF_EVENT_RETIRED;
              o.esr = 0;
            }),
      RequirementSet::Of({kReqHwBreak}));
}

TEST(ObservationalView, HwWatchReadsFar) {
  ExpectBreaks(
      Judge(Trace({trace::Store(4, DBGREF_DATA_BASE)},
                  {trace::SetGuestDebugOp(kUseHw, Watchpoint(DBGREF_DATA_BASE)),
                   trace::RunOp()}),
            [](const dbgref_obs& o) {
              return o.step == DBGREF_STEP_GUEST && o.event == DBGREF_EVENT_TO_EL2;
            },
            [](dbgref_obs& o) { o.far += 8; }),
      RequirementSet::Of({kReqHwWatch}));
}

TEST(ObservationalView, ExitReadsExitFar) {
  ExpectBreaks(
      Judge(Trace({trace::Store(4, DBGREF_DATA_BASE)},
                  {trace::SetGuestDebugOp(kUseHw, Watchpoint(DBGREF_DATA_BASE)),
                   trace::RunOp()}),
            StepOf(DBGREF_STEP_EXIT), [](dbgref_obs& o) { o.exit_far = 0; }),
      RequirementSet::Of({kReqExit}));
}

TEST(ObservationalView, BrkReadsTheSyndrome) {
  ExpectBreaks(Judge(Trace({trace::Brk(0x3e8)},
                           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE),
                            trace::RunOp()}),
                     [](const dbgref_obs& o) { return o.step == DBGREF_STEP_GUEST; },
                     [](dbgref_obs& o) { o.esr &= ~DBGREF_ESR_BRK_IMM_MASK; }),
               RequirementSet::Of({kReqBrk}));
}

TEST(ObservationalView, SsReadsEntryPstateAfterAnEmulatedInstruction) {
  // An emulated MRS under SINGLESTEP: the entry after it must leave the
  // step pending (PSTATE.SS clear), or a second instruction runs (4.2).
  ExpectBreaks(
      Judge(Trace({trace::Mrs(DBGREF_REG_MDSCR), trace::Nop()},
                  {trace::SetGuestDebugOp(kStep), trace::RunOp()}),
            [](const dbgref_obs& o) {
              return o.step == DBGREF_STEP_ENTER &&
                     o.entry_pc == DBGREF_CODE_BASE + 4;
            },
            [](dbgref_obs& o) { o.entry_pstate |= DBGREF_SPSR_SS; }),
      RequirementSet::Of({kReqSs}));
}

TEST(ObservationalView, RestoreReadsTheOsLock) {
  ExpectBreaks(Judge(Trace({trace::Msr(DBGREF_REG_OSLAR, 0, 1)}, {trace::RunOp()}),
                     StepOf(DBGREF_STEP_EXIT), [](dbgref_obs& o) { o.ctx_oslk = 0; }),
               RequirementSet::Of({kReqRestore}));
}

TEST(ObservationalView, RestoreAndSsReadThePstateSsAfterARun) {
  ExpectBreaks(Judge(Trace({trace::Report()},
                           {trace::SetGuestDebugOp(kStep), trace::RunOp()}),
                     StepOf(DBGREF_STEP_EXIT),
                     [](dbgref_obs& o) { o.ctx_pstate_ss = 1; }),
               RequirementSet::Of({kReqSs, kReqRestore}));
}

TEST(ObservationalView, ShadowReadsTheReadValue) {
  ExpectBreaks(
      Judge(Trace({trace::Msr(DBGREF_REG_BCR, 0, 0x1e3), trace::Mrs(DBGREF_REG_BCR)},
                  {trace::RunOp()}),
            [](const dbgref_obs& o) {  // direct: the write set DIRTY
              return o.step == DBGREF_STEP_GUEST && o.read_value == 0x1e3;
            },
            [](dbgref_obs& o) { o.read_value = 0x1e6; }),
      RequirementSet::Of({kReqShadow}));
  ExpectBreaks(
      Judge(Trace({trace::Mrs(DBGREF_REG_BCR)},
                  {trace::SetOneRegOp(DBGREF_ONE_REG_BCR, 0, 0x1e3), trace::RunOp()}),
            [](const dbgref_obs& o) {  // emulated: DIRTY is clear
              return o.step == DBGREF_STEP_EXIT && o.read_value == 0x1e3;
            },
            [](dbgref_obs& o) { o.read_value = 0x1e6; }),
      RequirementSet::Of({kReqShadow}));
}

TEST(ObservationalView, IsolationReadsAForeignValue) {
  ExpectBreaks(
      Judge(Trace({trace::Mrs(DBGREF_REG_BCR)}, {trace::RunOp()}),
            [](const dbgref_obs& o) { return o.step == DBGREF_STEP_EXIT; },
            [](dbgref_obs& o) { o.read_value = 0x4057000000; }),
      RequirementSet::Of({kReqShadow, kReqIsolation}));
}

TEST(ObservationalView, NoundefReadsTheUndefOfAnEmulatedAccess) {
  ExpectBreaks(Judge(Trace({trace::Mrs(DBGREF_REG_MDSCR)},
                           {trace::SetGuestDebugOp(kUseHw), trace::RunOp()}),
                     StepOf(DBGREF_STEP_EXIT),
                     [](dbgref_obs& o) { o.undef = 1; }),
               RequirementSet::Of({kReqNoundef}));
}

TEST(ObservationalView, OffReadsTheLazilyLoadedRegisters) {
  ExpectBreaks(
      Judge(Trace({}, {trace::SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0,
                                          DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE),
                       trace::RunOp()}),
            StepOf(DBGREF_STEP_ENTER),
            [](dbgref_obs& o) { o.entry_hw.dbg_bcr[0] = 0x4057000000; }),
      RequirementSet::Of({kReqOff}));
}

TEST(ObservationalView, OsLockReadsTheGuestsOwnEventsWhileLocked) {
  ExpectBreaks(
      Judge(Trace({trace::Msr(DBGREF_REG_OSLAR, 0, 1), trace::Nop(), trace::Nop()},
                  {trace::SetOneRegOp(DBGREF_ONE_REG_BCR, 0, 0x1e7),
                   trace::SetOneRegOp(DBGREF_ONE_REG_BVR, 0, DBGREF_CODE_BASE + 8),
                   trace::SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0,
                                      DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE),
                   trace::RunOp()}),
            [](const dbgref_obs& o) {
              return o.step == DBGREF_STEP_GUEST && o.pc == DBGREF_CODE_BASE + 8;
            },
            [](dbgref_obs& o) {
              o.event = DBGREF_EVENT_EXCEPTION_EL1;
              o.esr = (uint64_t{DBGREF_EC_BREAKPT_CUR} << DBGREF_ESR_EC_SHIFT) |
                      DBGREF_ESR_IL | DBGREF_ESR_DEBUG_FSC;
            }),
      RequirementSet::Of({kReqOsLock}));
}

TEST(ObservationalView, KdeUnderTdeIsADesignDifference) {
  const StepVerdict v = Judge(
      Trace({}, {trace::SetGuestDebugOp(kUseHw), trace::RunOp()}),
      StepOf(DBGREF_STEP_ENTER),
      [](dbgref_obs& o) { o.entry_mdscr_el1 |= DBGREF_MDSCR_KDE; });
  EXPECT_TRUE(v.differs && v.violated.empty() && v.design_difference);
}

TEST(ObservationalView, UnimplementedRegistersAreADesignDifference) {
  // 6 breakpoints: entry 15 does not exist, and no requirement judges it.
  const StepVerdict v =
      Judge(Trace({}, {trace::SetGuestDebugOp(kUseHw), trace::RunOp()}),
            StepOf(DBGREF_STEP_ENTER),
            [](dbgref_obs& o) { o.entry_hw.dbg_bcr[15] = 0x1e7; });
  EXPECT_TRUE(v.differs && v.violated.empty() && v.design_difference);
}

TEST(ObservationalView, TheSkipAtTheExitIsADesignDifference) {
  // 4.2 moves the PC past an emulated MRS in handle_exit, the model at the
  // next entry.
  const StepVerdict v = Judge(
      Trace({trace::Mrs(DBGREF_REG_MDSCR)}, {trace::RunOp()}),
      [](const dbgref_obs& o) {
        return o.step == DBGREF_STEP_EXIT && o.exit_reason == 0;
      },
      [](dbgref_obs& o) { o.exit_pc += 4; });
  EXPECT_TRUE(v.differs && v.violated.empty() && v.design_difference);
  const StepVerdict mmio = Judge(
      Trace({trace::Report()}, {trace::RunOp(), trace::GetOneRegOp(DBGREF_ONE_REG_PC)}),
      StepOf(DBGREF_STEP_IOCTL), [](dbgref_obs& o) { o.value += 4; });
  EXPECT_TRUE(mmio.differs && mmio.violated.empty() && mmio.design_difference);
}

TEST(ObservationalView, AnyOtherDifferenceIsUnexplained) {
  const StepVerdict v =
      Judge(Trace({}, {trace::RunOp()}), StepOf(DBGREF_STEP_ENTER),
            [](dbgref_obs& o) { o.entry_pc += 4; });
  EXPECT_TRUE(v.Unexplained());
  const StepVerdict pc8 = Judge(
      Trace({trace::Mrs(DBGREF_REG_MDSCR)}, {trace::RunOp()}),
      [](const dbgref_obs& o) {
        return o.step == DBGREF_STEP_EXIT && o.exit_reason == 0;
      },
      [](dbgref_obs& o) { o.exit_pc += 8; });
  EXPECT_TRUE(pc8.Unexplained());
}

TEST(ObservationalView, NoDifferenceNoVerdict) {
  const StepVerdict v = Judge(Trace({}, {trace::RunOp()}),
                              StepOf(DBGREF_STEP_ENTER), [](dbgref_obs&) {});
  EXPECT_FALSE(v.differs);
  EXPECT_TRUE(v.violated.empty());
}

}  // namespace
}  // namespace dbgref::props
