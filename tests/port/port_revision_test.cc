// Unit tests of what sets the revisions apart from the model and from each
// other. Each known difference is pinned with the smallest trace that shows
// it, what the revision observes, what the model observes, and the
// requirement it breaks (model/requirements.h); the revisions that do not
// have it are checked to agree with the model on the same trace.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "port/driver.h"
#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

using namespace ::dbgref::trace;

const dbgref_revision* const kV2s[] = {&dbgref_port_v2,
                                       &dbgref_port_v2_review};

// The model's observations of a trace, op by op.
std::vector<Obs> ModelRun(const dbgref_program& program,
                          const std::vector<dbgref_op>& ops,
                          const dbgref_host& host = MakeHost()) {
  ModelVcpu m(host, program);
  std::vector<Obs> out;
  for (const dbgref_op& op : ops) out.push_back(m.Do(op));
  return out;
}

std::vector<Obs> PortRun(const dbgref_revision* port,
                         const dbgref_program& program,
                         const std::vector<dbgref_op>& ops,
                         const dbgref_host& host = MakeHost()) {
  Vcpu v(port, host, program);
  std::vector<Obs> out;
  for (const dbgref_op& op : ops) out.push_back(v.Do(op));
  return out;
}

std::string Agreement(const dbgref_revision* port,
                      const dbgref_program& program,
                      const std::vector<dbgref_op>& ops) {
  Twin t(port, MakeHost(), program);
  return Join(t.DoAll(ops));
}

// REQ-IOCTL-VALID, v2 and v2-review: they check the valid mask only with
// ENABLE (KERNEL-CONTEXT.md "Guest debug before patch 08"), so a word with
// an unknown bit and no ENABLE is accepted and turns guest debug off. The
// merged design checks the mask first for every word: -EINVAL, nothing
// changes.
//   SET_GUEST_DEBUG(ENABLE|SINGLESTEP); SET_GUEST_DEBUG(1 << 4) -> v2: 0
//   and single-step is gone; model and final: -EINVAL, still stepping.
TEST(PortRevisions, UnknownBitWithoutEnableIsCheckedOnlyByFinal) {
  const dbgref_program p = Program({Nop(), Nop()});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kSingleStep),
                                      SetGuestDebugOp(1u << 4), RunOp()};
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[1][0].ret, -DBGREF_EINVAL);
  EXPECT_EQ(m[2].back().hsr, StepEsr(true));
  for (const dbgref_revision* r : kV2s) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    EXPECT_EQ(o[1][0].ret, 0) << r->name;
    EXPECT_EQ(o[2][0].entry_mdcr_el2 & DBGREF_MDCR_TDE, 0u) << r->name;
    EXPECT_EQ(o[2].back().exit_reason, uint32_t(KVM_EXIT_MMIO)) << r->name;
    // Every bit but ENABLE's: accepted without ENABLE.
    Vcpu v(r, MakeHost());
    for (int bit = 1; bit < 32; bit++)
      EXPECT_EQ(v.SetGuestDebug(1u << bit), 0) << r->name << " bit " << bit;
  }
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops), "");
  Vcpu f(&dbgref_port_final, MakeHost());
  for (int bit = 0; bit < 32; bit++) {
    if ((1u << bit) & KVM_GUESTDBG_VALID_MASK) continue;
    EXPECT_EQ(f.SetGuestDebug(1u << bit), -DBGREF_EINVAL) << "bit " << bit;
  }
}

// REQ-NOUNDEF, v2 and v2-review: with USE_HW, trap_debug_regs goes down
// the saved-copy path, which has no slot for MDSCR_EL1 or MDCCINT_EL1: it
// logs "Bad register index" and returns false, and the guest gets an
// UNDEF for an ordinary MRS.
//   program: mrs MDSCR_EL1; SET_GUEST_DEBUG(ENABLE|USE_HW); RUN -> v2:
//   UNDEF, the guest reports its exception (ESR_EL1 EC 0, ELR at the MRS);
//   model and final: emulated, the guest goes on to the END report.
TEST(PortRevisions, MdscrAccessUnderUseHwIsUndefinedInV2) {
  const dbgref_program p = Program({Mrs(DBGREF_REG_MDSCR)});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kUseHw), RunOp()};
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[1].back().mmio_addr, DBGREF_MMIO_END);
  for (const dbgref_revision* r : kV2s) {
    const unsigned long errs = dbgref_port_kvm_err_count();
    const std::vector<Obs> o = PortRun(r, p, ops);
    ASSERT_GE(o[1].size(), 3u) << r->name;
    EXPECT_EQ(o[1][2].undef, 1u) << r->name;
    EXPECT_EQ(o[1][2].read_value, 0u) << r->name;
    EXPECT_EQ(o[1].back().mmio_addr, DBGREF_MMIO_EXCEPTION) << r->name;
    EXPECT_EQ(o[1].back().ctx_esr_el1, Esr(DBGREF_EC_UNKNOWN, 0)) << r->name;
    EXPECT_EQ(o[1].back().ctx_elr_el1, Line(0)) << r->name;
    EXPECT_EQ(dbgref_port_kvm_err_count(), errs + 1) << r->name;
    // MDCCINT_EL1 too, read or written.
    const std::vector<Obs> w = PortRun(
        r, Program({Msr(DBGREF_REG_MDCCINT, 0, 1)}), ops);
    EXPECT_EQ(w[1][2].undef, 1u) << r->name;
  }
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops), "");
}

// REQ-SHADOW (and REQ-RESTORE, REQ-ONE-REG), v2 and v2-review: with USE_HW
// a trapped write lands in the saved copy; the next setup_debug saves the
// guest context (the old value) into it again, so the write is lost.
//   program: msr DBGBCR0_EL1, 0x1e4; mrs DBGBCR0_EL1;
//   SET_GUEST_DEBUG(ENABLE|USE_HW); RUN; GET_ONE_REG(DBGBCR0_EL1) -> v2:
//   the MRS reads 0 and so does userspace; model and final: 0x1e4.
TEST(PortRevisions, GuestWriteUnderUseHwIsLostInV2) {
  const dbgref_program p =
      Program({Msr(DBGREF_REG_BCR, 0, 0x1e4), Mrs(DBGREF_REG_BCR, 0)});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kUseHw), RunOp(),
                                      GetOneRegOp(DBGREF_ONE_REG_BCR, 0)};
  const std::vector<Obs> m = ModelRun(p, ops);
  ASSERT_GE(m[1].size(), 6u);
  EXPECT_EQ(m[1][5].read_value, 0x1e4u);
  EXPECT_EQ(m[2][0].value, 0x1e4u);
  for (const dbgref_revision* r : kV2s) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    ASSERT_GE(o[1].size(), 6u) << r->name;
    EXPECT_EQ(o[1][5].read_value, 0u) << r->name;
    EXPECT_EQ(o[2][0].value, 0u) << r->name;
  }
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops), "");
}

// REQ-SS, every revision: 4.2's skip after an emulated MRS or MSR advances
// the PC and leaves PSTATE.SS as the trap left it (1), and setup_debug
// sets it again anyway: the instruction after the emulated one runs too,
// and the step exit comes after two instructions. The model skips at the
// entry and clears SS (later kernels): the step exception is taken at
// once, ISV 0, pc at the next instruction.
//   program: mrs DBGBVR0_EL1; nop; SET_GUEST_DEBUG(ENABLE|SINGLESTEP); RUN
//   -> revisions: step exit at 0x10008 (ISV 1); model: at 0x10004 (ISV 0).
TEST(PortRevisions, StepOverAnEmulatedMrsStepsTwoInstructions) {
  const dbgref_program p = Program({Mrs(DBGREF_REG_BVR, 0), Nop(), Nop()});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kSingleStep), RunOp()};
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[1].back().hsr, StepEsr(false));
  EXPECT_EQ(m[1].back().exit_pc, Line(1));
  EXPECT_EQ(m[1][3].entry_pstate & DBGREF_SPSR_SS, 0u);
  for (const dbgref_revision* r : kRevisions) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    ASSERT_EQ(o[1].size(), 7u) << r->name;
    EXPECT_EQ(o[1][3].entry_pc, Line(1)) << r->name;
    EXPECT_EQ(o[1][3].entry_pstate & DBGREF_SPSR_SS, DBGREF_SPSR_SS);
    EXPECT_EQ(o[1][4].event, uint32_t(DBGREF_EVENT_RETIRED)) << r->name;
    EXPECT_EQ(o[1].back().exit_reason, uint32_t(KVM_EXIT_DEBUG));
    EXPECT_EQ(o[1].back().hsr, StepEsr(true)) << r->name;
    EXPECT_EQ(o[1].back().exit_pc, Line(2)) << r->name;
  }
}

// REQ-SS, every revision, the same through MMIO: the next KVM_RUN
// completes the guest's report store with the same skip, and the step
// exit comes after the instruction after it.
//   program: report; nop; nop; SET_GUEST_DEBUG(ENABLE|SINGLESTEP); RUN;
//   RUN -> revisions: step exit at 0x10008 (ISV 1); model: 0x10004 (ISV 0).
TEST(PortRevisions, StepOverAnMmioStoreStepsTwoInstructions) {
  const dbgref_program p = Program({Report(), Nop(), Nop()});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kSingleStep), RunOp(),
                                      RunOp()};
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[1].back().mmio_addr, DBGREF_MMIO_REPORT);
  EXPECT_EQ(m[2].back().hsr, StepEsr(false));
  EXPECT_EQ(m[2].back().exit_pc, Line(1));
  for (const dbgref_revision* r : kRevisions) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    EXPECT_EQ(o[1].back().mmio_addr, DBGREF_MMIO_REPORT) << r->name;
    EXPECT_EQ(o[2].back().hsr, StepEsr(true)) << r->name;
    EXPECT_EQ(o[2].back().exit_pc, Line(2)) << r->name;
  }
}

// REQ-OFF, every revision: the same skip with guest debug off breaks the
// guest's own single-step: after its step handler returns with SPSR.SS
// set, an emulated instruction (the OS lock registers always trap) is
// skipped with PSTATE.SS still 1, so the guest's next instruction runs
// before the step exception it expects.
//   program: msr MDSCR_EL1, KDE|SS; mrs OSLSR_EL1; nop; nop; RUN; RUN ->
//   revisions: the guest's second step exception at 0x1000c (ESR_EL1
//   0xcf000022, ISV 1); model: at 0x10008 (0xce000022).
TEST(PortRevisions, GuestOwnStepOverAnEmulatedInstructionStepsTwo) {
  const dbgref_program p =
      Program({Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_SS),
               Mrs(DBGREF_REG_OSLSR), Nop(), Nop()});
  const std::vector<dbgref_op> ops = {RunOp(), RunOp()};
  const uint64_t own_step = Esr(DBGREF_EC_SOFTSTP_CUR, DBGREF_ESR_DEBUG_FSC);
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[0].back().ctx_elr_el1, Line(1));
  EXPECT_EQ(m[1].back().ctx_elr_el1, Line(2));
  EXPECT_EQ(m[1].back().ctx_esr_el1, own_step);
  for (const dbgref_revision* r : kRevisions) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    EXPECT_EQ(o[0].back().ctx_elr_el1, Line(1)) << r->name;
    EXPECT_EQ(o[1].back().mmio_addr, DBGREF_MMIO_EXCEPTION) << r->name;
    EXPECT_EQ(o[1].back().ctx_elr_el1, Line(3)) << r->name;
    EXPECT_EQ(o[1].back().ctx_esr_el1, own_step | DBGREF_ESR_STEP_ISV);
  }
}

// REQ-SS (its last clause), REQ-RESTORE and REQ-ONE-REG, final: 4.2
// neither saves nor restores PSTATE.SS, so after a step exit taken before
// the instruction completed (a BRK, a breakpoint, a trap) the guest
// context keeps the SS that setup_debug set. v2 and v2-review restore it.
//   program: brk #1; SET_GUEST_DEBUG(ENABLE|SINGLESTEP); RUN;
//   GET_ONE_REG(PSTATE) -> final: ctx PSTATE.SS 1, PSTATE 0x2001c5;
//   model, v2, v2-review: 0, 0x1c5.
TEST(PortRevisions, FinalLeavesPstateSsSetAfterASingleStepExit) {
  const dbgref_program p = Program({Brk(1)});
  const std::vector<dbgref_op> ops = {SetGuestDebugOp(kSingleStep), RunOp(),
                                      GetOneRegOp(DBGREF_ONE_REG_PSTATE)};
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops),
            "op 1 step 2 EXIT ctx_pstate_ss: 0x1 != 0x0\n"
            "op 2 step 0 IOCTL value: 0x2001c5 != 0x1c5\n");
  for (const dbgref_revision* r : kV2s)
    EXPECT_EQ(Agreement(r, p, ops), "") << r->name;
}

// REQ-RESTORE, final: with guest debug on but no SINGLESTEP the lent
// MDSCR_EL1.SS is 0, so KVM's entry into the guest clears PSTATE.SS
// ([arm:eret-ss], [kvm:entry-eret]); the model, v2 and v2-review put back
// the bit setup_debug saved whenever they lend MDSCR_EL1 (as Linux 6.1 and
// 6.12 do); 4.2 saves nothing, so the guest's own PSTATE.SS is lost.
//   program: mrs DBGBCR15_EL1 (not implemented); SET_ONE_REG(PSTATE,
//   0x2001c5); SET_GUEST_DEBUG(ENABLE); RUN -> final: the guest context has
//   PSTATE.SS 0 at the exit; model, v2 and v2-review: 1.
TEST(PortRevisions, FinalLosesPstateSsUnderEnableAlone) {
  const dbgref_program p = Program({Mrs(DBGREF_REG_BCR, 15)});
  const std::vector<dbgref_op> ops = {
      SetOneRegOp(DBGREF_ONE_REG_PSTATE, 0,
                  DBGREF_START_PSTATE | DBGREF_SPSR_SS),
      SetGuestDebugOp(KVM_GUESTDBG_ENABLE), RunOp()};
  for (const dbgref_revision* r : kV2s)
    EXPECT_EQ(Agreement(r, p, ops), "") << r->name;
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops),
            "op 2 step 3 EXIT ctx_pstate_ss: 0x0 != 0x1\n");
}

// REQ-OSLOCK, REQ-SHADOW, REQ-RESTORE and REQ-OFF, every revision: 4.2
// treats the OS lock as RAZ/WI: a write to OSLAR_EL1 is ignored and
// OSLSR_EL1 reads 0x8 (OSLM 0b10, OSLK 0: unlocked) whatever the guest
// wrote; the guest's own breakpoint still fires while it thinks it is
// locked. The model emulates the lock (Linux 5.19 and later).
//   program: msr OSLAR_EL1, 1; mrs OSLSR_EL1; msr DBGBCR0_EL1, 0x1e7;
//   msr DBGBVR0_EL1, 0x10014; msr MDSCR_EL1, KDE|MDE; nop; RUN ->
//   revisions: OSLSR_EL1 reads 0x8, the context's lock is clear, the
//   breakpoint at 0x10014 fires into the guest (ESR_EL1 EC 0x31); model:
//   0xa, locked, no breakpoint (the END report).
TEST(PortRevisions, OsLockIsReadAsZeroWriteIgnored) {
  const dbgref_program p = Program(
      {Msr(DBGREF_REG_OSLAR, 0, 1), Mrs(DBGREF_REG_OSLSR),
       Msr(DBGREF_REG_BCR, 0, kBcrOn), Msr(DBGREF_REG_BVR, 0, Line(5)),
       Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE), Nop()});
  const std::vector<dbgref_op> ops = {RunOp()};
  const std::vector<Obs> m = ModelRun(p, ops);
  ASSERT_GE(m[0].size(), 6u);
  EXPECT_EQ(m[0][2].ctx_oslk, 1u);
  EXPECT_EQ(m[0][5].read_value, DBGREF_OSLSR_OSLM | DBGREF_OSLSR_OSLK);
  EXPECT_EQ(m[0].back().mmio_addr, DBGREF_MMIO_END);
  for (const dbgref_revision* r : kRevisions) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    ASSERT_GE(o[0].size(), 6u) << r->name;
    EXPECT_EQ(o[0][2].ctx_oslk, 0u) << r->name;
    EXPECT_EQ(o[0][5].read_value, DBGREF_OSLSR_OSLM) << r->name;
    EXPECT_EQ(o[0].back().mmio_addr, DBGREF_MMIO_EXCEPTION) << r->name;
    EXPECT_EQ(o[0].back().ctx_esr_el1,
              Esr(DBGREF_EC_BREAKPT_CUR, DBGREF_ESR_DEBUG_FSC));
    EXPECT_EQ(o[0].back().ctx_elr_el1, Line(5)) << r->name;
  }
}

// No requirement: 4.2 skips an emulated instruction in handle_exit, the
// model at the next entry, so the EXIT that sends the guest back shows
// the PC past it in every revision. The guest cannot see the difference:
// the next ENTER has the same PC (the Twin comparison takes this out).
//   program: msr DBGBCR0_EL1, 1; RUN -> EXIT exit_pc 0x10004 / 0x10000.
TEST(PortRevisions, EmulatedInstructionIsSkippedInHandleExit) {
  const dbgref_program p = Program({Msr(DBGREF_REG_BCR, 0, 1)});
  const std::vector<Obs> m = ModelRun(p, {RunOp()});
  for (const dbgref_revision* r : kRevisions) {
    const std::vector<Obs> o = PortRun(r, p, {RunOp()});
    EXPECT_EQ(Join(Differences(o[0], m[0])),
              "step 2 EXIT exit_pc: 0x10004 != 0x10000\n")
        << r->name;
  }
}

// QEMU's gdbstub shape: userspace sets a hardware breakpoint and a
// watchpoint while a debugger in the guest programs its own breakpoint;
// then userspace detaches and the guest's breakpoint must work. final
// observes what the model observes. v2 and v2-review cannot run it: the
// guest's MDSCR_EL1 write under USE_HW is an UNDEF (REQ-NOUNDEF), and its
// breakpoint writes are lost (REQ-SHADOW).
TEST(PortRevisions, GdbstubShape) {
  const uint64_t d = DBGREF_DATA_BASE;
  const dbgref_program p = Program(
      {Msr(DBGREF_REG_BCR, 1, kBcrOn), Msr(DBGREF_REG_BVR, 1, Line(6)),
       Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE),
       Store(8, d), Nop(), Nop(), Nop(), Report()});
  kvm_guest_debug_arch regs = HwWatchpoint(0, d, kWcrStores);
  regs.dbg_bcr[0] = kBcrOn;
  regs.dbg_bvr[0] = Line(5);
  const std::vector<dbgref_op> ops = {
      SetGuestDebugOp(kUseHw | KVM_GUESTDBG_USE_SW_BP, regs),
      RunOp(),  // the watchpoint
      GetOneRegOp(DBGREF_ONE_REG_PC),
      SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(4)),
      RunOp(),  // the hardware breakpoint
      SetGuestDebugOp(0),
      SetOneRegOp(DBGREF_ONE_REG_PC, 0, Line(6)),
      RunOp(),  // the guest's own breakpoint
      RunOp(),  // its report
  };
  const std::vector<Obs> m = ModelRun(p, ops);
  EXPECT_EQ(m[1].back().hsr, WatchpointEsr(true));
  EXPECT_EQ(m[4].back().hsr, BreakpointEsr());
  EXPECT_EQ(m[7].back().mmio_addr, DBGREF_MMIO_EXCEPTION);
  EXPECT_EQ(m[7].back().ctx_elr_el1, Line(6));
  EXPECT_EQ(Agreement(&dbgref_port_final, p, ops), "");
  for (const dbgref_revision* r : kV2s) {
    const std::vector<Obs> o = PortRun(r, p, ops);
    EXPECT_EQ(o[1].back().mmio_addr, DBGREF_MMIO_EXCEPTION) << r->name;
    EXPECT_EQ(o[1].back().ctx_elr_el1, Line(2)) << r->name;
  }
}

// Not a finding: v2 and v2-review set KDE as well as MDE for USE_HW, final
// only MDE; with TDE set KDE has no effect on the guest and the record
// leaves it out (model/arch/cpu.h, ObservedMdscr), so all agree.
TEST(PortRevisions, KdeIsNotObservedWhileTdeIsSet) {
  for (const dbgref_revision* r : kRevisions) {
    Vcpu v(r, MakeHost());
    ASSERT_EQ(v.SetGuestDebug(kUseHw), 0);
    EXPECT_EQ(v.Run().front().entry_mdscr_el1, DBGREF_MDSCR_MDE) << r->name;
  }
}

// Not a finding: v2 copies only the first BRPs/WRPs entries (the ioctl,
// setup and clear), v2-review and final all sixteen; the world switch
// loads sixteen. The observation holds only the implemented registers,
// and the guest cannot reach the others (an access is UNDEFINED), so the
// partial copy is invisible.
TEST(PortRevisions, PartialCopyIsNotObservable) {
  const dbgref_program p = Program({Mrs(DBGREF_REG_BCR, 1),
                                    Mrs(DBGREF_REG_BCR, 5), Report()});
  const std::vector<dbgref_op> ops = {
      SetOneRegOp(DBGREF_ONE_REG_BCR, 5, 0x605),
      SetGuestDebugOp(kUseHw, UserRegs()), RunOp(), RunOp(),
      SetGuestDebugOp(0), GetOneRegOp(DBGREF_ONE_REG_BCR, 5), RunOp()};
  for (const dbgref_revision* r : kRevisions) {
    Twin t(r, MakeHost(2, 1), p);
    EXPECT_EQ(Join(t.DoAll(ops)), "") << r->name;
  }
}

// Not a finding: v2's `!vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY`
// parses as `(!debug_flags) & DIRTY`; with DIRTY the only flag it equals
// the reviewer's `!(debug_flags & DIRTY)`: trap while DIRTY is clear, stop
// trapping once a trapped write set it, trap again after the next exit.
TEST(PortRevisions, TrapPrecedenceIsHarmlessWhileDirtyIsTheOnlyFlag) {
  const dbgref_program p = Program({Msr(DBGREF_REG_WCR, 0, 1),
                                    Mrs(DBGREF_REG_WCR, 0), Report(),
                                    Mrs(DBGREF_REG_WCR, 0)});
  for (const dbgref_revision* r : kV2s) {
    Vcpu v(r, MakeHost(), p);
    const Obs o = v.Run();
    EXPECT_EQ(o[0].entry_mdcr_el2 & DBGREF_MDCR_TDA, DBGREF_MDCR_TDA);
    EXPECT_EQ(o[3].entry_mdcr_el2 & DBGREF_MDCR_TDA, 0u) << r->name;
    EXPECT_EQ(v.Run()[0].entry_mdcr_el2 & DBGREF_MDCR_TDA, DBGREF_MDCR_TDA);
    EXPECT_EQ(Agreement(r, p, {RunOp(), RunOp()}), "") << r->name;
  }
}

}  // namespace
}  // namespace dbgref_port_test
