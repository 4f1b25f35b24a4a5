// The trace compiler without a kernel: register allocation, encodings, the
// script it builds, and every refusal.
#include "oracle/host/kernel_trace.h"

#include <cstring>
#include <string>

#include "gtest/gtest.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/uapi.h"
#include "oracle/host/a64.h"
#include "oracle/host/one_reg.h"
#include "oracle/host/trace_builder.h"
#include "oracle/layout.h"

namespace dbgref::oracle {
namespace {

constexpr uint64_t kCode = DBGREF_CODE_BASE;
constexpr uint64_t kData = DBGREF_DATA_BASE;

dbgref_host Host() {
  dbgref_host h = ZeroHost();
  h.id_aa64dfr0_el1 = (5ull << 12) | (3ull << 20);
  return h;
}

// The words the script's write_mem ops put at the code region.
std::vector<uint32_t> ProgramWords(const CompiledTrace& c) {
  std::vector<uint32_t> words;
  for (const Op& op : c.script.ops()) {
    if (op.opcode != DBGREF_WIRE_OP_WRITE_MEM) continue;
    for (size_t i = 8; i + 4 <= op.args.size(); i += 4) {
      uint32_t w;
      std::memcpy(&w, op.args.data() + i, 4);
      words.push_back(w);
    }
  }
  return words;
}

TEST(KernelTrace, AllocatesOneRegisterPerOperandAndEncodesEachLine) {
  KernelTrace t = TraceBuilder(Host())
                      .Load(kData + 8, 8)             // x0 = address
                      .Store(kData + 8, 4)            // x0 again
                      .Msr(DBGREF_REG_BCR, 2, 0x1e7)  // x1 = value
                      .Msr(DBGREF_REG_MDSCR, 0, 0)    // XZR
                      .Mrs(DBGREF_REG_BVR, 3)         // x2, its own
                      .Mrs(DBGREF_REG_BVR, 3)         // x3, its own
                      .Report()                       // x4
                      .Brk(0x42)
                      .Nop()
                      .Msr(DBGREF_REG_WVR, 1, kData + 8)  // x0 again
                      .Build();
  absl::StatusOr<CompiledTrace> c = CompileTrace(t);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(ProgramWords(*c), (std::vector<uint32_t>{
                                  a64::Ldr(a64::Size::kDouble, kLoadSinkReg, 0),
                                  a64::Str(a64::Size::kWord, 31, 0),
                                  a64::Msr(a64::Dbgbcr(2), 1),
                                  a64::Msr(a64::Mdscr(), 31),
                                  a64::Mrs(2, a64::Dbgbvr(3)),
                                  a64::Mrs(3, a64::Dbgbvr(3)),
                                  a64::ReportStore(31, 4),
                                  a64::Brk(0x42),
                                  a64::Nop(),
                                  a64::Msr(a64::Dbgwvr(1), 0),
                              }));
  EXPECT_EQ(c->operand_regs,
            (std::vector<std::pair<int, uint64_t>>{
                {0, kData + 8}, {1, 0x1e7}, {4, DBGREF_MMIO_REPORT}}));
  EXPECT_EQ(c->mrs_reg[4], 2);
  EXPECT_EQ(c->mrs_reg[5], 3);
  EXPECT_EQ(c->mrs_reg[0], -1);
  EXPECT_EQ(c->watch, (std::vector<uint64_t>{
                          one_reg::kPc, one_reg::kPstate, one_reg::kMdscrEl1,
                          one_reg::kEsrEl1, one_reg::kElrEl1, one_reg::kFarEl1,
                          one_reg::X(2), one_reg::X(3)}));
  // The set-up: one write_mem (the lines are consecutive) and the three
  // operand registers.
  EXPECT_EQ(c->setup_results, 4);
}

TEST(KernelTrace, ConsecutiveLinesShareAWriteAndGapsSplitIt) {
  KernelTrace t =
      TraceBuilder(Host()).Nop().Nop().At(kCode + 0x40).Nop().Build();
  absl::StatusOr<CompiledTrace> c = CompileTrace(t);
  ASSERT_TRUE(c.ok()) << c.status();
  int writes = 0;
  for (const Op& op : c->script.ops()) {
    writes += op.opcode == DBGREF_WIRE_OP_WRITE_MEM;
  }
  EXPECT_EQ(writes, 2);
}

TEST(KernelTrace, OpsMapToScriptOpsAndVcpuInitCarriesTheRuntimeSetUp) {
  KernelTrace t = TraceBuilder(Host())
                      .Msr(DBGREF_REG_BVR, 0, 0x1234)
                      .Debug(KVM_GUESTDBG_ENABLE)
                      .Cap(DBGREF_CAP_HW_BPS)
                      .Cap(DBGREF_CAP_HW_WPS)
                      .Cap(DBGREF_CAP_OTHER)
                      .Run()
                      .Get(DBGREF_ONE_REG_BCR, 15)
                      .Set(DBGREF_ONE_REG_PC, kCode + 4)
                      .Init()
                      .Build();
  CompileOptions o;
  o.run_timeout_ms = 777;
  absl::StatusOr<CompiledTrace> c = CompileTrace(t, o);
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->ops.size(), t.ops.size());
  const std::vector<Op>& ops = c->script.ops();
  auto opcode = [&](size_t k) { return ops[c->ops[k].first].opcode; };
  EXPECT_EQ(opcode(0), DBGREF_WIRE_OP_SET_GUEST_DEBUG);
  for (size_t k = 1; k <= 3; ++k) {
    EXPECT_EQ(opcode(k), DBGREF_WIRE_OP_CHECK_EXTENSION);
    uint32_t fd, cap;
    std::memcpy(&fd, ops[c->ops[k].first].args.data(), 4);
    std::memcpy(&cap, ops[c->ops[k].first].args.data() + 4, 4);
    EXPECT_EQ(fd, DBGREF_FD_VM);
    EXPECT_EQ(cap, (std::vector<uint32_t>{KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL,
                                          KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL,
                                          kOtherCapability})[k - 1]);
  }
  EXPECT_EQ(opcode(4), DBGREF_WIRE_OP_RUN);
  EXPECT_EQ(c->script.RunTimeoutTotalMs(), 777u);
  EXPECT_EQ(opcode(5), DBGREF_WIRE_OP_GET_ONE_REG);
  uint64_t id;
  std::memcpy(&id, ops[c->ops[5].first].args.data(), 8);
  EXPECT_EQ(id, one_reg::Dbgbcr(15));
  EXPECT_EQ(opcode(6), DBGREF_WIRE_OP_SET_ONE_REG);
  EXPECT_EQ(opcode(7), DBGREF_WIRE_OP_INIT);
  // x28, x29, VBAR, ELR, SPSR, ESR, FAR, PSTATE, PC and the one operand.
  EXPECT_EQ(c->ops[7].count, 1 + 9 + 1);
  std::vector<uint64_t> set;
  for (int i = c->ops[7].first + 1; i < c->ops[7].first + c->ops[7].count;
       ++i) {
    std::memcpy(&id, ops[i].args.data(), 8);
    set.push_back(id);
  }
  EXPECT_EQ(set,
            (std::vector<uint64_t>{
                one_reg::X(DBGREF_REG_EXCEPTION), one_reg::X(DBGREF_REG_END),
                one_reg::kVbarEl1, one_reg::kElrEl1, one_reg::kSpsrEl1,
                one_reg::kEsrEl1, one_reg::kFarEl1, one_reg::kPstate,
                one_reg::kPc, one_reg::X(0)}));
}

TEST(KernelTrace, RefusesAProgramThatNeedsMoreRegistersThanThereAre) {
  // 24 lines of one operand each always fit in x0..x23.
  TraceBuilder full(Host());
  for (int n = 0; n < 12; ++n) {
    full.Load(kData + 8 * n, 8).Mrs(DBGREF_REG_MDSCR);
  }
  EXPECT_TRUE(CompileTrace(full.Build()).ok());
  // With fewer registers the 25th operand is refused, naming its line.
  CompileOptions o;
  o.registers = 4;
  KernelTrace t = TraceBuilder(Host())
                      .Load(kData, 8)
                      .Load(kData, 4)  // the same address: no new register
                      .Mrs(DBGREF_REG_BCR, 0)
                      .Msr(DBGREF_REG_BCR, 0, 0)  // XZR
                      .Msr(DBGREF_REG_BCR, 0, 5)
                      .Report()
                      .Mrs(DBGREF_REG_BCR, 0)
                      .Build();
  absl::Status s = CompileTrace(t, o).status();
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  EXPECT_NE(s.message().find("line 6"), std::string::npos) << s;
  EXPECT_NE(s.message().find("x0..x3"), std::string::npos) << s;
  // 25 lines are refused as lines.
  TraceBuilder many(Host());
  for (int n = 0; n < 25; ++n) many.Nop();
  s = CompileTrace(many.Build()).status();
  EXPECT_NE(s.message().find("25 lines"), std::string::npos) << s;
}

// Each refusal names what it refuses.
struct Refusal {
  const char* what;
  KernelTrace trace;
  const char* says;
};

TEST(KernelTrace, RefusesWhatTheRealGuestCannotRunAsTheModelDoes) {
  const dbgref_host h = Host();
  KernelTrace dup = TraceBuilder(h).Nop().At(kCode).Nop().Build();
  KernelTrace end_kind = TraceBuilder(h).Nop().Build();
  end_kind.program.line[0].insn.kind = DBGREF_INSN_END;
  KernelTrace bad_op = TraceBuilder(h).Run().Build();
  bad_op.ops[0].kind = DBGREF_OP_KIND_COUNT;
  const std::vector<Refusal> refusals = {
      {"a line below the code region", TraceBuilder(h).At(0x800).Nop().Build(),
       "code region"},
      {"a line at the last word",
       TraceBuilder(h).At(kCode + DBGREF_CODE_SIZE - 4).Nop().Build(),
       "last word"},
      {"an unaligned line", TraceBuilder(h).At(kCode + 2).Nop().Build(),
       "code region"},
      {"two lines at one pc", dup, "a second instruction"},
      {"a runtime instruction", end_kind, "runtime's"},
      {"a load outside the data region", TraceBuilder(h).Load(kCode, 8).Build(),
       "data region"},
      {"a store past the data region",
       TraceBuilder(h).Store(kData + DBGREF_DATA_SIZE - 4, 8).Build(),
       "data region"},
      {"an unaligned load", TraceBuilder(h).Load(kData + 2, 4).Build(),
       "size-aligned"},
      {"a load of 3 bytes", TraceBuilder(h).Load(kData, 3).Build(),
       "not 1, 2, 4 or 8"},
      {"register 16", TraceBuilder(h).Mrs(DBGREF_REG_WCR, 16).Build(),
       "above 15"},
      {"a register kind", TraceBuilder(h).Mrs(DBGREF_REG_KIND_COUNT).Build(),
       "no register kind"},
      {"a wide BRK immediate", TraceBuilder(h).Brk(0x10000).Build(),
       "above 0xffff"},
      {"PC in the handler",
       TraceBuilder(h).Set(DBGREF_ONE_REG_PC, DBGREF_HANDLER_ADDR).Build(),
       "code region"},
      {"PC at the data region",
       TraceBuilder(h).Set(DBGREF_ONE_REG_PC, kData).Build(), "code region"},
      {"PSTATE at EL0",
       TraceBuilder(h).Set(DBGREF_ONE_REG_PSTATE, 0x3c0).Build(), "EL1h"},
      {"PSTATE with IL",
       TraceBuilder(h).Set(DBGREF_ONE_REG_PSTATE, 0x1c5 | (1 << 20)).Build(),
       "EL1h"},
      {"an unknown op", bad_op, "no op kind"},
  };
  for (const Refusal& r : refusals) {
    absl::Status s = CompileTrace(r.trace).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument)
        << r.what << ": " << s;
    EXPECT_NE(s.message().find(r.says), std::string::npos)
        << r.what << ": " << s;
  }
  // A ONE_REG KVM has no id for asks an id KVM does not know either.
  for (const KernelTrace& t :
       {TraceBuilder(h).Get(DBGREF_ONE_REG_WVR, 16).Build(),
        TraceBuilder(h).Set(DBGREF_ONE_REG_BCR, 31, 0x1e7).Build(),
        TraceBuilder(h).Get(DBGREF_ONE_REG_COUNT).Build()}) {
    absl::StatusOr<CompiledTrace> c = CompileTrace(t);
    ASSERT_TRUE(c.ok()) << c.status();
    const Op& op = c->script.ops()[c->ops[0].first];
    uint64_t id = 0;
    ASSERT_GE(op.args.size(), sizeof(id));
    std::memcpy(&id, op.args.data(), sizeof(id));
    EXPECT_EQ(id, one_reg::kUnknownSysReg);
  }
  // Accepted: PSTATE with NZCV, SS and DAIF; a PC anywhere in the code region.
  EXPECT_TRUE(CompileTrace(TraceBuilder(h)
                               .Set(DBGREF_ONE_REG_PSTATE, 0xf02003c5)
                               .Set(DBGREF_ONE_REG_PC, kCode + 0xfff8)
                               .Build())
                  .ok());
}

TEST(KernelTrace, DescribesLinesAndOps) {
  dbgref_insn i{};
  i.kind = DBGREF_INSN_MSR;
  i.reg = DBGREF_REG_BCR;
  i.reg_index = 3;
  i.value = 0x1e7;
  EXPECT_EQ(DescribeInsn(i), "msr dbgbcr3_el1, 0x1e7");
  i.kind = DBGREF_INSN_LOAD;
  i.addr = kData;
  i.size = 4;
  EXPECT_EQ(DescribeInsn(i), "ldr [0x20000] (4 bytes)");
  dbgref_op op = ZeroOp(DBGREF_OP_GET_ONE_REG);
  op.reg = DBGREF_ONE_REG_WVR;
  op.reg_index = 2;
  EXPECT_EQ(DescribeOp(op), "GET_ONE_REG DBGWVR2");
  op = ZeroOp(DBGREF_OP_SET_GUEST_DEBUG);
  op.dbg.control = 0x20001;
  op.dbg.arch.dbg_bcr[1] = 0x1e7;
  op.dbg.arch.dbg_bvr[1] = kCode;
  EXPECT_EQ(DescribeOp(op), "SET_GUEST_DEBUG 0x20001 bcr1=0x1e7 bvr1=0x10000");
}

}  // namespace
}  // namespace dbgref::oracle
