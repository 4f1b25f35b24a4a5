// The kernel observation without a kernel: read from hand-made VMM
// results, compared field by field with its rules, and the model's
// projection of small traces.
#include "oracle/host/kernel_observation.h"

#include <string>

#include "gtest/gtest.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/uapi.h"
#include "oracle/host/model_projection.h"
#include "oracle/host/one_reg.h"
#include "oracle/host/trace_builder.h"

namespace dbgref::oracle {
namespace {

constexpr uint64_t kCode = DBGREF_CODE_BASE;
constexpr uint64_t kData = DBGREF_DATA_BASE;

dbgref_host Host() {
  dbgref_host h = ZeroHost();
  h.id_aa64dfr0_el1 = (5ull << 12) | (3ull << 20);
  return h;
}

// What the VMM answers to c's script when every op works: runs leave the
// given RunResults (watched registers filled from pc, pstate, ... in the
// order of c.watch), ioctls return 0.
ScriptResult Answer(const CompiledTrace& c, std::vector<RunResult> runs) {
  ScriptResult r;
  size_t next_run = 0;
  for (const Op& op : c.script.ops()) {
    OpResult o;
    o.opcode = op.opcode;
    if (op.opcode == DBGREF_WIRE_OP_RUN) o.run = runs.at(next_run++);
    r.results.push_back(o);
  }
  return r;
}

RunResult Ran(const CompiledTrace& c, uint32_t exit_reason,
              std::vector<uint64_t> watched) {
  RunResult run;
  run.exit_reason = exit_reason;
  watched.resize(c.watch.size());
  for (size_t i = 0; i < c.watch.size(); ++i) {
    run.regs.push_back(RegValue{c.watch[i], 0, watched[i]});
  }
  return run;
}

TEST(KernelObservation, ReadsEachFieldWhereItsRuleSaysSo) {
  KernelTrace t = TraceBuilder(Host())
                      .Store(kData, 8)
                      .Mrs(DBGREF_REG_BCR, 0)
                      .Mrs(DBGREF_REG_MDCCINT)
                      .Run(4)
                      .Get(DBGREF_ONE_REG_PSTATE)
                      .Build();
  absl::StatusOr<CompiledTrace> c = CompileTrace(t);
  ASSERT_TRUE(c.ok()) << c.status();
  // A watchpoint exit: far kept; a breakpoint exit: far dropped; the
  // guest's own watchpoint at its EXCEPTION report: ESR, ELR, FAR_EL1; an
  // END report: none of them.
  RunResult wp =
      Ran(*c, KVM_EXIT_DEBUG,
          {kCode, 0xf00003c5 | DBGREF_SPSR_SS, 0xa000, 1, 2, 3, 0x1e7, 0x55});
  wp.hsr = 0xd2000062;
  wp.far = kData + 4;
  wp.hsr_high = 0x7;
  wp.run_flags = 1;
  RunResult bp = Ran(*c, KVM_EXIT_DEBUG, {kCode + 4});
  bp.hsr = 0xc2000022;
  bp.far = kData;  // the union's leftover
  RunResult own =
      Ran(*c, KVM_EXIT_MMIO,
          {DBGREF_HANDLER_ADDR, 0x3c5, 0, 0xd6000062, kCode, kData + 2});
  own.mmio_phys_addr = DBGREF_MMIO_EXCEPTION;
  RunResult end = Ran(*c, KVM_EXIT_MMIO, {kCode + 12, 0x1c5, 0, 1, 2, 3});
  end.mmio_phys_addr = DBGREF_MMIO_END;
  end.exits_delta = 9;
  ScriptResult r = Answer(*c, {wp, bp, own, end});
  r.results.back().value = 0xf00003c5;
  absl::StatusOr<KernelObservation> o = ObservationFromResult(t, *c, r);
  ASSERT_TRUE(o.ok()) << o.status();
  ASSERT_EQ(o->steps.size(), 5u);
  const KernelStep& s0 = o->steps[0];
  EXPECT_EQ(s0.exit_reason, KVM_EXIT_DEBUG);
  EXPECT_EQ(s0.hsr, 0x7d2000062u);  // hsr_high valid
  EXPECT_EQ(s0.far, kData + 4);
  EXPECT_EQ(s0.pc, kCode);
  EXPECT_EQ(s0.pstate, DBGREF_SPSR_SS | DBGREF_PSTATE_D | 0x5);
  EXPECT_EQ(s0.mdscr_el1, 0xa000u);
  EXPECT_EQ(s0.esr_el1, 0u);  // not at an EXCEPTION report
  EXPECT_EQ(s0.read[1], 0x1e7u);
  EXPECT_EQ(s0.read[2], 0x55u);
  EXPECT_EQ(o->steps[1].far, 0u);
  EXPECT_EQ(o->steps[2].esr_el1, 0xd6000062u);
  EXPECT_EQ(o->steps[2].elr_el1, kCode);
  EXPECT_EQ(o->steps[2].far_el1, kData + 2);
  EXPECT_EQ(o->steps[3].esr_el1, 0u);
  EXPECT_EQ(o->steps[3].far_el1, 0u);
  EXPECT_EQ(o->steps[3].exits, 9u);
  EXPECT_EQ(o->steps[4].value, DBGREF_PSTATE_D | 0x5);  // NZCV, A, I, F off
}

TEST(KernelObservation, FailedResetOrSetUpIsAnErrorNotAnObservation) {
  KernelTrace t = TraceBuilder(Host()).Report().Run().Build();
  absl::StatusOr<CompiledTrace> c = CompileTrace(t);
  ASSERT_TRUE(c.ok());
  ScriptResult r = Answer(*c, {Ran(*c, KVM_EXIT_MMIO, {})});
  r.reset_errno = 5;
  EXPECT_EQ(ObservationFromResult(t, *c, r).status().code(),
            absl::StatusCode::kInternal);
  r.reset_errno = 0;
  r.results[1].ret = -1;  // the operand register
  r.results[1].err = 22;
  EXPECT_EQ(ObservationFromResult(t, *c, r).status().code(),
            absl::StatusCode::kInternal);
  r.results[1].ret = 0;
  r.results.back().run.regs[0].err = 2;
  EXPECT_EQ(ObservationFromResult(t, *c, r).status().code(),
            absl::StatusCode::kInternal);
  r.results.back().run.regs[0].err = 0;
  EXPECT_TRUE(ObservationFromResult(t, *c, r).ok());
  // An ioctl's failure is the trace's, not the runner's.
  KernelTrace u = TraceBuilder(Host()).Debug(1u << 20).Build();
  c = CompileTrace(u);
  ScriptResult v = Answer(*c, {});
  v.results.back().ret = -1;
  v.results.back().err = 22;
  absl::StatusOr<KernelObservation> o = ObservationFromResult(u, *c, v);
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->steps[0].ret, -22);
}

KernelObservation OneRun(const KernelStep& s) {
  KernelObservation o;
  o.steps.push_back(s);
  return o;
}

TEST(KernelObservation, ComparisonNamesEachDifferingField) {
  KernelTrace t = TraceBuilder(Host())
                      .Store(kData + 8, 8)
                      .Mrs(DBGREF_REG_BCR, 0)
                      .Mrs(DBGREF_REG_MDCCINT)
                      .Run()
                      .Build();
  KernelStep a;
  a.op_kind = DBGREF_OP_RUN;
  a.exit_reason = KVM_EXIT_DEBUG;
  a.hsr = 0xd2000062;
  a.pc = kCode;
  a.far = kData + 12;  // inside the 8-byte store at kData + 8
  KernelStep b = a;
  b.far = kData + 8;
  EXPECT_TRUE(CompareKernelObservations(t, OneRun(a), OneRun(b)).empty());
  a.far = kData + 16;  // outside it
  a.hsr = 0xd2000022;
  a.read[1] = 0x1e7;
  a.read[2] = 0x1234;  // MDCCINT_EL1: never compared
  a.exits = 7;         // reported only
  std::vector<KernelDifference> d =
      CompareKernelObservations(t, OneRun(a), OneRun(b));
  ASSERT_EQ(d.size(), 3u) << DescribeDifferences(t, d);
  EXPECT_EQ(d[0].field, "hsr");
  EXPECT_EQ(d[0].kernel, "0xd2000022");
  EXPECT_EQ(d[0].model, "0xd2000062");
  EXPECT_EQ(d[1].field, "far");
  EXPECT_EQ(d[2].field, "read[1]");
  EXPECT_EQ(DescribeDifferences(t, {d[0]}),
            "op 0 RUN: hsr: kernel 0xd2000022, model 0xd2000062\n");
  // FAR_EL1 by the access at ELR_EL1.
  KernelStep e;
  e.op_kind = DBGREF_OP_RUN;
  e.elr_el1 = kCode;
  e.far_el1 = kData + 15;
  KernelStep f = e;
  f.far_el1 = kData + 8;
  EXPECT_TRUE(CompareKernelObservations(t, OneRun(e), OneRun(f)).empty());
  // The ret in decimal; a missing op.
  e.ret = -22;
  d = CompareKernelObservations(t, OneRun(e), KernelObservation{});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].field, "steps");
  d = CompareKernelObservations(t, OneRun(e), OneRun(f));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kernel, "-22");
}

TEST(ModelProjection, SingleStepThreeNops) {
  KernelTrace t = TraceBuilder(Host())
                      .Nop()
                      .Nop()
                      .Nop()
                      .Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP)
                      .Run(4)
                      .Build();
  KernelObservation o = ProjectModel(Host(), t);
  ASSERT_EQ(o.steps.size(), 5u);
  EXPECT_EQ(o.steps[0].ret, 0);
  for (int k = 1; k <= 3; ++k) {
    EXPECT_EQ(o.steps[k].exit_reason, KVM_EXIT_DEBUG);
    EXPECT_EQ(o.steps[k].hsr, 0xcb000022u);
    EXPECT_EQ(o.steps[k].pc, kCode + 4 * k);
    EXPECT_EQ(o.steps[k].pstate, 0x5u);
    EXPECT_EQ(o.steps[k].far, 0u);
  }
  EXPECT_EQ(o.steps[4].exit_reason, KVM_EXIT_MMIO);
  EXPECT_EQ(o.steps[4].mmio_addr, DBGREF_MMIO_END);
}

TEST(ModelProjection, ReadsOfDirectAndTrappedMrsAndTheirResetByVcpuInit) {
  KernelTrace t = TraceBuilder(Host())
                      .Mrs(DBGREF_REG_BVR, 0)         // traps (DIRTY clear)
                      .Msr(DBGREF_REG_BVR, 0, kCode)  // traps, sets DIRTY
                      .Mrs(DBGREF_REG_BVR, 0)         // direct
                      .Mrs(DBGREF_REG_OSLSR)
                      .Report()
                      .Set(DBGREF_ONE_REG_BVR, 0, 0x44)
                      .Run()
                      .Init()
                      .Run()
                      .Get(DBGREF_ONE_REG_PSTATE)
                      .Build();
  KernelObservation o = ProjectModel(Host(), t);
  ASSERT_EQ(o.steps.size(), 5u);
  EXPECT_EQ(o.steps[1].mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(o.steps[1].read[0], 0x44u);
  EXPECT_EQ(o.steps[1].read[2], kCode);
  EXPECT_EQ(o.steps[1].read[3], DBGREF_OSLSR_OSLM);
  // VCPU_INIT zeroes the registers; the next run reads again.
  EXPECT_EQ(o.steps[3].read[0], 0u);
  EXPECT_EQ(o.steps[3].read[2], kCode);
  EXPECT_EQ(o.steps[4].value, 0x5u);
}

TEST(ModelProjection, ExceptionReportAndWatchpointFar) {
  KernelTrace t =
      TraceBuilder(Host())
          .Msr(DBGREF_REG_WCR, 0, 0x1ff7)
          .Msr(DBGREF_REG_WVR, 0, kData)
          .Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE)
          .Store(kData + 4, 4)
          .Run()
          .Build();
  KernelObservation o = ProjectModel(Host(), t);
  ASSERT_EQ(o.steps.size(), 1u);
  EXPECT_EQ(o.steps[0].mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(o.steps[0].pc, DBGREF_HANDLER_ADDR);
  EXPECT_EQ(o.steps[0].pstate, DBGREF_PSTATE_D | 0x5);
  EXPECT_EQ(o.steps[0].esr_el1, 0xd6000062u);
  EXPECT_EQ(o.steps[0].elr_el1, kCode + 12);
  EXPECT_EQ(o.steps[0].far_el1, kData + 4);
}

TEST(ModelProjection, ClearingDInsideTheHandlerLeavesTheConvention) {
  const uint64_t ss_kde = DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE;
  KernelTrace inside = TraceBuilder(Host())
                           .Brk(1)
                           .Run()  // the handler's EXCEPTION report
                           .Set(DBGREF_ONE_REG_MDSCR, ss_kde)
                           .Set(DBGREF_ONE_REG_PSTATE, 0x1c5)
                           .Run()
                           .Build();
  EXPECT_NE(ProjectModel(Host(), inside).outside_convention.find("op 2"),
            std::string::npos);
  EXPECT_EQ(ProjectModel(Host(), inside).outside_convention_op, 2u);
  // D kept set, or the guest outside its handler: within the convention.
  KernelTrace masked = inside;
  masked.ops[2].value = 0x3c5;
  EXPECT_EQ(ProjectModel(Host(), masked).outside_convention, "");
  KernelTrace outside = TraceBuilder(Host())
                            .Nop()
                            .Set(DBGREF_ONE_REG_PSTATE, 0x1c5 | DBGREF_SPSR_SS)
                            .Run()
                            .Build();
  EXPECT_EQ(ProjectModel(Host(), outside).outside_convention, "");
}

}  // namespace
}  // namespace dbgref::oracle
