// Reducing a trace: deleting a line moves the lines after it, and the pcs
// that name them, up by 4; the reduction is 1-minimal.
#include "props/reduce.h"

#include <gtest/gtest.h>

#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

trace::Trace Example() {
  trace::Trace t;
  trace::AddLine(t.program, trace::Nop());                           // 0x10000
  trace::AddLine(t.program, trace::Msr(DBGREF_REG_BVR, 0, 0x1000c));  // 0x10004
  trace::AddLine(t.program, trace::Nop());                           // 0x10008
  trace::AddLine(t.program, trace::Brk(1));                          // 0x1000c
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x1000c;
  arch.dbg_bvr[1] = 0x10000;
  t.ops = {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch),
           trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10008), trace::RunOp()};
  return t;
}

TEST(Reduce, DeletingALineMovesThePcsThatNameTheLinesAfterIt) {
  const trace::Trace t = DeleteLine(Example(), 2);
  ASSERT_EQ(t.program.count, 3u);
  EXPECT_EQ(t.program.line[2].pc, DBGREF_CODE_BASE + 8);
  EXPECT_EQ(t.program.line[2].insn.kind, DBGREF_INSN_BRK);
  EXPECT_EQ(t.program.line[1].insn.value, 0x10008u);      // the guest's BVR
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bvr[0], 0x10008u);      // userspace's
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bvr[1], 0x10000u);      // before: stays
  EXPECT_EQ(t.ops[1].value, 0x10008u);                    // the deleted line's
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bcr[0], 0x1e7u);        // not a pc
}

TEST(Reduce, DeletingAnOperation) {
  const trace::Trace t = DeleteOp(Example(), 1);
  ASSERT_EQ(t.ops.size(), 2u);
  EXPECT_EQ(t.ops[1].kind, DBGREF_OP_RUN);
}

TEST(Reduce, TheResultIsOneMinimal) {
  // Fails while the program has a BRK and the trace runs it with USE_HW on.
  const auto fails = [](const trace::Trace& t) {
    bool brk = false, run = false, hw = false;
    for (uint32_t k = 0; k < t.program.count; ++k) {
      brk |= t.program.line[k].insn.kind == DBGREF_INSN_BRK;
    }
    for (const dbgref_op& op : t.ops) {
      hw |= op.kind == DBGREF_OP_SET_GUEST_DEBUG &&
            (op.dbg.control & KVM_GUESTDBG_USE_HW) != 0;
      run |= hw && op.kind == DBGREF_OP_RUN;
    }
    return brk && run;
  };
  const trace::Trace r = Reduce(Example(), fails);
  EXPECT_TRUE(fails(r));
  EXPECT_TRUE(IsOneMinimal(r, fails));
  EXPECT_EQ(r.ops.size(), 2u);
  EXPECT_EQ(r.program.count, 1u);
  EXPECT_EQ(r.ops[0].dbg.arch.dbg_bcr[0], 0u);  // made plain
  EXPECT_FALSE(IsOneMinimal(Example(), fails));
}

TEST(Reduce, ATraceThatDoesNotFailIsLeftAsItIs) {
  const trace::Trace r =
      Reduce(Example(), [](const trace::Trace&) { return false; });
  EXPECT_EQ(r.ops.size(), 3u);
  EXPECT_EQ(r.program.count, 4u);
}

}  // namespace
}  // namespace dbgref::props
