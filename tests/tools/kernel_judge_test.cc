// The judgement of a real kernel's differences (tools/kernel_judge.h),
// without a kernel: the "kernel" observation is the model's projection
// (oracle/host/model_projection.h) with one field changed as a faulty
// kernel would show it, and each case names the requirement that change
// breaks.
#include "tools/kernel_judge.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/requirement_list.h"
#include "model/uapi.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/model_projection.h"
#include "props/generators.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

// The shape of the kernels' CPU: 6 breakpoints, 4 watchpoints.
dbgref_host KernelHost() {
  dbgref_host h{};
  h.id_aa64dfr0_el1 = props::Dfr0(5, 3);
  return h;
}

trace::Trace Make(std::initializer_list<dbgref_insn> program,
                  std::initializer_list<dbgref_op> ops) {
  trace::Trace t;
  t.host = KernelHost();
  for (const dbgref_insn& insn : program) trace::AddLine(t.program, insn);
  t.ops = ops;
  return t;
}

// The judgement of t when the kernel shows the model's projection with
// `change` applied.
KernelJudgement JudgeWith(
    const trace::Trace& t,
    const std::function<void(oracle::KernelObservation&)>& change) {
  oracle::CheckedTrace c;
  c.model = oracle::ProjectModel(t.host, KernelTraceOf(t));
  c.kernel = c.model;
  change(c.kernel);
  c.differences =
      oracle::CompareKernelObservations(KernelTraceOf(t), c.kernel, c.model);
  return JudgeKernel(t, c);
}

bool Breaks(const KernelJudgement& j, Requirement r) {
  return j.first && j.first->verdict.violated.Has(r);
}

std::string Broken(const KernelJudgement& j) {
  if (!j.first) return j.unexplained ? "(unexplained)" : "(nothing)";
  return j.first->verdict.violated.ToString();
}

kvm_guest_debug_arch Breakpoint(uint64_t pc) {
  kvm_guest_debug_arch a{};
  a.dbg_bcr[0] = props::BreakpointControl(true, 1);
  a.dbg_bvr[0] = pc;
  return a;
}

TEST(KernelJudge, TheModelsOwnProjectionBreaksNothing) {
  const trace::Trace t =
      Make({trace::Nop(), trace::Nop(), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                                   Breakpoint(DBGREF_CODE_BASE + 4)),
            trace::RunOp(), trace::GetOneRegOp(DBGREF_ONE_REG_PC)});
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation&) {});
  EXPECT_TRUE(j.differences.empty());
  EXPECT_FALSE(j.first);
  EXPECT_FALSE(j.unexplained);
  EXPECT_EQ(j.steps.kernel.size(), t.ops.size());
}

TEST(KernelJudge, AnInvalidControlWordAcceptedBreaksIoctlValid) {
  const trace::Trace t =
      Make({trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | (1u << 20))});
  const KernelJudgement j = JudgeWith(
      t, [](oracle::KernelObservation& k) { k.steps[0].ret = 0; });
  EXPECT_TRUE(Breaks(j, kReqIoctlValid)) << Broken(j);
}

TEST(KernelJudge, AWrongBreakpointCountBreaksCap) {
  const trace::Trace t =
      Make({trace::Report()}, {trace::CheckExtensionOp(DBGREF_CAP_HW_BPS)});
  const KernelJudgement j = JudgeWith(
      t, [](oracle::KernelObservation& k) { k.steps[0].ret = 16; });
  EXPECT_TRUE(Breaks(j, kReqCap)) << Broken(j);
}

TEST(KernelJudge, GetOneRegOfAnotherValueBreaksOneReg) {
  const trace::Trace t = Make(
      {trace::Report()},
      {trace::SetOneRegOp(DBGREF_ONE_REG_BCR, 0, 0x1e1),
       trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                              Breakpoint(DBGREF_CODE_BASE)),
       trace::GetOneRegOp(DBGREF_ONE_REG_BCR, 0)});
  const KernelJudgement j = JudgeWith(
      t, [](oracle::KernelObservation& k) { k.steps[2].value = 0x1e7; });
  EXPECT_TRUE(Breaks(j, kReqOneReg)) << Broken(j);
}

TEST(KernelJudge, ABreakpointThatDoesNotFireBreaksHwBreak) {
  const trace::Trace t =
      Make({trace::Nop(), trace::Nop(), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                                   Breakpoint(DBGREF_CODE_BASE + 4)),
            trace::RunOp()});
  // The kernel runs through to the report store.
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    oracle::KernelStep& run = k.steps[1];
    run.exit_reason = KVM_EXIT_MMIO;
    run.hsr = 0;
    run.mmio_addr = DBGREF_MMIO_REPORT;
    run.pc = DBGREF_CODE_BASE + 8;
  });
  EXPECT_TRUE(Breaks(j, kReqHwBreak)) << Broken(j);
}

TEST(KernelJudge, AWatchpointThatDoesNotFireBreaksHwWatch) {
  kvm_guest_debug_arch w{};
  w.dbg_wcr[0] = props::WatchpointControl(true, 1, 3, 0xff);
  w.dbg_wvr[0] = DBGREF_DATA_BASE;
  const trace::Trace t =
      Make({trace::Store(8, DBGREF_DATA_BASE), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                                   w),
            trace::RunOp()});
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    oracle::KernelStep& run = k.steps[1];
    run.exit_reason = KVM_EXIT_MMIO;
    run.hsr = 0;
    run.far = 0;
    run.mmio_addr = DBGREF_MMIO_REPORT;
    run.pc = DBGREF_CODE_BASE + 4;
  });
  EXPECT_TRUE(Breaks(j, kReqHwWatch)) << Broken(j);
}

TEST(KernelJudge, ABrkTheGuestTakesUnderGuestDebugBreaksBrk) {
  const trace::Trace t =
      Make({trace::Brk(7), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE |
                                   KVM_GUESTDBG_USE_SW_BP),
            trace::RunOp()});
  // The guest's own handler reports the BRK instead of a debug exit.
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    oracle::KernelStep& run = k.steps[1];
    run.exit_reason = KVM_EXIT_MMIO;
    run.hsr = 0;
    run.mmio_addr = DBGREF_MMIO_EXCEPTION;
    run.pc = DBGREF_HANDLER_ADDR;
    run.esr_el1 = (uint64_t{DBGREF_EC_BRK64} << DBGREF_ESR_EC_SHIFT) |
                  (1u << 25) | 7;
    run.elr_el1 = DBGREF_CODE_BASE;
  });
  EXPECT_TRUE(Breaks(j, kReqBrk)) << Broken(j);
}

TEST(KernelJudge, AStepOverTwoInstructionsBreaksSs) {
  const trace::Trace t =
      Make({trace::Nop(), trace::Nop(), trace::Nop(), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE |
                                   KVM_GUESTDBG_SINGLESTEP),
            trace::RunOp()});
  // The step exit comes one instruction late.
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    k.steps[1].pc += 4;
  });
  EXPECT_TRUE(Breaks(j, kReqSs)) << Broken(j);
}

TEST(KernelJudge, AGuestReadOfUserspacesBreakpointBreaksShadow) {
  const trace::Trace t =
      Make({trace::Mrs(DBGREF_REG_BVR, 0), trace::Report()},
           {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                                   Breakpoint(DBGREF_CODE_BASE + 0x40)),
            trace::RunOp()});
  // The guest's MRS reads userspace's value instead of its own 0.
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    k.steps[1].read[0] = DBGREF_CODE_BASE + 0x40;
  });
  EXPECT_TRUE(Breaks(j, kReqShadow)) << Broken(j);
}

TEST(KernelJudge, PstateDAloneIsCarriedByNoStepAndUnexplained) {
  const trace::Trace t = Make({trace::Nop(), trace::Report()},
                              {trace::RunOp()});
  const KernelJudgement j = JudgeWith(t, [](oracle::KernelObservation& k) {
    k.steps[0].pstate ^= DBGREF_PSTATE_D;
  });
  EXPECT_FALSE(j.first) << Broken(j);
  EXPECT_TRUE(j.unexplained);
  ASSERT_EQ(j.steps.uncarried.size(), 1u);
  EXPECT_EQ(j.steps.uncarried[0].field, "pstate");
}

TEST(KernelJudge, OnlyTheEntrysRequirementsAreNotObserved) {
  int unobserved = 0;
  for (int r = 0; r < kRequirementCount; ++r) {
    unobserved += !ObservableOnKernel(static_cast<Requirement>(r));
  }
  EXPECT_EQ(unobserved, 4);
  EXPECT_FALSE(ObservableOnKernel(kReqTrapTda));
  EXPECT_FALSE(ObservableOnKernel(kReqTrapTde));
  EXPECT_FALSE(ObservableOnKernel(kReqHwProgram));
  EXPECT_FALSE(ObservableOnKernel(kReqOff));
  EXPECT_TRUE(ObservableOnKernel(kReqHwBreak));
}

}  // namespace
}  // namespace dbgref::tools
