// handle_exit (model/handle_exit.h): a breakpoint, software step,
// watchpoint or BRK exception taken to EL2 goes to userspace as
// KVM_EXIT_DEBUG with hsr = ESR_EL2, and FAR for a watchpoint only
// (seed:handle_exit.c; REQ-EXIT); a trapped MRS or MSR is emulated and the
// guest resumes; an MMIO store goes to userspace as KVM_EXIT_MMIO with its
// address and completes at the next entry; the host interrupt at the
// bound returns -EINTR with KVM_EXIT_INTR; any other class gives the guest
// an UNDEF, as later kernels do (kc:"The design that was merged": 4.2
// calls BUG() instead).
#include "model/handle_exit.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "model/arch/cpu.h"
#include "model/concrete.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteVcpu;
using Cpu = model::Cpu<C>;

ConcreteVcpu Exited() {
  ConcreteVcpu s = model::ResetState<C>();
  s.control = facts::kEnable;
  s.phase = model::kPhaseExited;
  s.ctx.pc = facts::Line(2);
  s.ctx.pstate = facts::kStartPstate;
  return s;
}

Cpu ExitedCpu(uint64_t esr, uint64_t far = facts::kDataBase + 0x18) {
  Cpu cpu = model::ZeroCpu<C>();
  cpu.exited = true;
  cpu.esr_el2 = esr;
  cpu.far_el2 = far;
  cpu.pc = facts::Line(2);
  return cpu;
}

TEST(HandleExit, REQ_EXIT_EachDebugClassIsADebugExitWithItsSyndrome) {
  for (const uint64_t esr :
       {facts::kBreakpointExit, facts::kStepExit, facts::kStepExitIsv,
        facts::kWatchLoadExit, facts::kWatchStoreExit, facts::BrkExit(0x7),
        facts::BrkExit(0xffff)}) {
    ConcreteVcpu s = Exited();
    const model::ExitInfo<C> x = model::HandleExit<C>(s, ExitedCpu(esr), false);
    EXPECT_EQ(x.exit_reason, facts::kExitDebug) << std::hex << esr;
    EXPECT_EQ(x.hsr, esr);
    EXPECT_EQ(x.ret, 0u);
    EXPECT_FALSE(x.undef);
    EXPECT_EQ(s.phase, uint64_t{model::kPhaseUser});
    EXPECT_FALSE(s.increment_pc) << "a debug exception did not complete";
  }
}

TEST(HandleExit, REQ_EXIT_FarOnlyForAWatchpoint) {
  for (const uint64_t esr : {facts::kWatchLoadExit, facts::kWatchStoreExit}) {
    ConcreteVcpu s = Exited();
    EXPECT_EQ(model::HandleExit<C>(s, ExitedCpu(esr), false).far,
              facts::kDataBase + 0x18);
  }
  for (const uint64_t esr :
       {facts::kBreakpointExit, facts::kStepExitIsv, facts::BrkExit(1)}) {
    ConcreteVcpu s = Exited();
    EXPECT_EQ(model::HandleExit<C>(s, ExitedCpu(esr), false).far, 0u)
        << std::hex << esr;
  }
}

TEST(HandleExit, REQ_NOUNDEF_ATrappedAccessIsEmulatedAndTheGuestResumes) {
  ConcreteVcpu s = Exited();
  s.ctx.dbg.bvr[1] = facts::Line(6);
  Cpu cpu = ExitedCpu(facts::Sys64(2, 0, 0, 1, 4, true), 0);
  cpu.trapped = model::FromRecord(Mrs(DBGREF_REG_BVR, 1));
  const model::ExitInfo<C> x = model::HandleExit<C>(s, cpu, false);
  EXPECT_EQ(x.exit_reason, 0u);
  EXPECT_EQ(x.read_value, facts::Line(6));
  EXPECT_FALSE(x.undef);
  EXPECT_EQ(x.hsr, 0u);
  EXPECT_EQ(s.phase, uint64_t{model::kPhaseReenter});
  EXPECT_TRUE(s.increment_pc) << "skipped at the next entry";
}

TEST(HandleExit, AnMmioStoreGoesToUserspaceAndCompletesAtTheNextEntry) {
  ConcreteVcpu s = Exited();
  const model::ExitInfo<C> x = model::HandleExit<C>(
      s, ExitedCpu(facts::kMmioStoreAbort, facts::kMmioReport), false);
  EXPECT_EQ(x.exit_reason, facts::kExitMmio);
  EXPECT_EQ(x.mmio_addr, facts::kMmioReport);
  EXPECT_EQ(x.hsr, 0u);
  EXPECT_EQ(x.far, 0u);
  EXPECT_EQ(s.phase, uint64_t{model::kPhaseUser});
  EXPECT_TRUE(s.increment_pc);
}

TEST(HandleExit, TheInterruptAtTheBoundReturnsEintr) {
  ConcreteVcpu s = Exited();
  const model::ExitInfo<C> x =
      model::HandleExit<C>(s, ExitedCpu(model::kInterruptSyndrome, 0), true);
  EXPECT_EQ(x.exit_reason, facts::kExitIntr);
  EXPECT_EQ(static_cast<int64_t>(x.ret), facts::kEintr);
  EXPECT_EQ(s.phase, uint64_t{model::kPhaseUser});
  EXPECT_FALSE(s.increment_pc);
}

TEST(HandleExit, AnyOtherClassGivesTheGuestAnUndef) {
  // HVC (0x16), an instruction abort (0x20) and a class to EL1 that never
  // reaches KVM (0x31): the guest takes an Undefined Instruction exception
  // at its PC ([arm:exception-entry]).
  for (const uint64_t ec : {uint64_t{0x16}, uint64_t{0x20}, uint64_t{0x31}}) {
    ConcreteVcpu s = Exited();
    const model::ExitInfo<C> x =
        model::HandleExit<C>(s, ExitedCpu(facts::Esr(ec, 0)), false);
    EXPECT_EQ(x.exit_reason, 0u) << ec;
    EXPECT_TRUE(x.undef) << ec;
    EXPECT_EQ(s.ctx.elr_el1, facts::Line(2));
    EXPECT_EQ(s.ctx.spsr_el1, facts::kStartPstate);
    EXPECT_EQ(s.ctx.esr_el1, facts::kUndef);
    EXPECT_EQ(s.ctx.pstate, facts::kExceptionPstate);
    EXPECT_EQ(s.ctx.pc, facts::kVectorSync);
    EXPECT_EQ(s.phase, uint64_t{model::kPhaseReenter});
    EXPECT_FALSE(s.increment_pc);
  }
}

TEST(HandleExit, REQ_EXIT_EndToEndEachDebugExitReportsHsrFarAndPc) {
  // The breakpoint before the store, then (it moved on) the watchpoint on
  // the store, then the BRK: each a KVM_EXIT_DEBUG at its instruction.
  ModelVcpu v(Program({Nop(), Store(4, facts::kDataBase + 4), Brk(0x42)}));
  kvm_guest_debug_arch regs =
      HwWatchpoint(0, facts::kDataBase, facts::kWcrStores);
  regs.dbg_bcr[0] = facts::kBcrOn;
  regs.dbg_bvr[0] = facts::Line(0);
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kUseHw, regs), 0);
  dbgref_obs exit = v.RunToExit();
  EXPECT_EQ(exit.exit_reason, facts::kExitDebug);
  EXPECT_EQ(exit.hsr, facts::kBreakpointExit);
  EXPECT_EQ(exit.exit_far, 0u);
  EXPECT_EQ(exit.exit_pc, facts::Line(0));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, facts::Line(1)), 0);
  exit = v.RunToExit();
  EXPECT_EQ(exit.hsr, facts::kWatchStoreExit);
  EXPECT_EQ(exit.exit_far, facts::kDataBase + 4);
  EXPECT_EQ(exit.exit_pc, facts::Line(1));
  ASSERT_EQ(v.Set(DBGREF_ONE_REG_PC, 0, facts::Line(2)), 0);
  exit = v.RunToExit();
  EXPECT_EQ(exit.hsr, facts::BrkExit(0x42));
  EXPECT_EQ(exit.exit_far, 0u);
  EXPECT_EQ(exit.exit_pc, facts::Line(2));
}

}  // namespace
}  // namespace dbgref::tests
