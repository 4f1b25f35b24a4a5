// What a trace may hold (trace/valid.h): ValidateTrace on traces built in
// code, which the parser never sees, and the messages that name the
// program line or the operation.

#include "trace/valid.h"

#include <gtest/gtest.h>

#include <string>

#include "model/guest_layout.h"
#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

std::string Problem(const Trace& t) {
  const absl::Status s = ValidateTrace(t);
  return s.ok() ? "ok" : std::string(s.message());
}

Trace WithLines(std::initializer_list<dbgref_insn> insns) {
  Trace t;
  for (const dbgref_insn& i : insns) AddLine(t.program, i);
  return t;
}

TEST(ValidateTrace, AcceptsEveryKindOfLineAndOperation) {
  Trace t = WithLines({Nop(), Load(8, DBGREF_DATA_BASE + DBGREF_DATA_SIZE - 8),
                       Store(1, DBGREF_DATA_BASE), Brk(0xffff),
                       Mrs(DBGREF_REG_OSLSR), Msr(DBGREF_REG_OSLAR, 0, 1),
                       Mrs(DBGREF_REG_WVR, 15), Report()});
  t.ops = {SetGuestDebugOp(0xffffffff),
           CheckExtensionOp(DBGREF_CAP_OTHER),
           GetOneRegOp(DBGREF_ONE_REG_WCR, 15),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, DBGREF_CODE_BASE + 0xfffc),
           SetOneRegOp(DBGREF_ONE_REG_PSTATE, 0, 0xf02003c5),
           VcpuInitOp(),
           RunOp()};
  EXPECT_EQ(Problem(t), "ok");
}

TEST(ValidateTrace, NamesTheLine) {
  Trace t = WithLines({Nop(), Nop()});
  t.program.line[1].pc = t.program.line[0].pc;
  EXPECT_EQ(Problem(t),
            "program line 2 (0x10000): program line 1 has the same address");
  t = WithLines({Nop(), Load(4, DBGREF_DATA_BASE + 2)});
  EXPECT_EQ(Problem(t),
            "program line 2 (0x10004): a 4-byte access at 0x20002 is not "
            "4-aligned");
  t = WithLines({Load(3, DBGREF_DATA_BASE)});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): an access of 3 bytes (1, 2, 4 or 8)");
  t = WithLines({Mrs(DBGREF_REG_BCR, 16)});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): register index 16 of DBGBCR0_EL1 is "
            "out of range");
  t = WithLines({Mrs(DBGREF_REG_MDSCR, 1)});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): register index 1 of MDSCR_EL1 is out "
            "of range");
  t = WithLines({Msr(DBGREF_REG_OSLSR, 0, 1)});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): OSLSR_EL1 is read-only: only mrs "
            "reads it");
  t = WithLines({Mrs(8)});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): register kind 8 names no register");
  dbgref_insn nop = Nop();
  nop.addr = 4;
  t = WithLines({nop});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): the instruction has a field it does "
            "not use set");
  dbgref_insn end{};
  end.kind = DBGREF_INSN_END;
  t = WithLines({end});
  EXPECT_EQ(Problem(t),
            "program line 1 (0x10000): instruction kind 7 is not one a "
            "program may hold");
  t = WithLines({Nop()});
  t.program.line[0].pc = 1;
  EXPECT_EQ(Problem(t), "program line 1 (0x1): address 0x1 is not 4-aligned");
  t.program.count = DBGREF_MAX_PROGRAM_LINES + 1;
  EXPECT_EQ(Problem(t), "the program has 25 lines (at most 24)");
}

TEST(ValidateTrace, NamesTheOperation) {
  Trace t;
  t.ops = {RunOp(), SetOneRegOp(DBGREF_ONE_REG_PC, 0, DBGREF_CODE_BASE + 2)};
  EXPECT_EQ(Problem(t),
            "operation 2: PC 0x10002 is not a 4-aligned address of the code "
            "region 0x10000..0x1ffff");
  t.ops = {GetOneRegOp(DBGREF_ONE_REG_PC, 3)};
  EXPECT_EQ(Problem(t), "operation 1: register index 3 of PC is out of range");
  t.ops = {GetOneRegOp(DBGREF_ONE_REG_COUNT)};
  EXPECT_EQ(Problem(t),
            "operation 1: ONE_REG register 7 is not one a trace names");
  t.ops = {CheckExtensionOp(3)};
  EXPECT_EQ(Problem(t),
            "operation 1: capability 3 is not one of hw_bps, hw_wps, other");
  dbgref_op run = RunOp();
  run.dbg.control = 1;
  t.ops = {run};
  EXPECT_EQ(Problem(t), "operation 1: run has a field it does not use set");
  dbgref_op op = RunOp();
  op.kind = DBGREF_OP_KIND_COUNT;
  t.ops = {op};
  EXPECT_EQ(Problem(t), "operation 1: operation kind 6 is unknown");
}

}  // namespace
}  // namespace dbgref::trace
