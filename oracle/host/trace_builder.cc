// The trace builder (see trace_builder.h).
#include "oracle/host/trace_builder.h"

#include <cstring>

#include "model/guest_layout.h"

namespace dbgref::oracle {
namespace {

dbgref_insn Insn(uint32_t kind) {
  dbgref_insn i;
  std::memset(&i, 0, sizeof(i));
  i.kind = kind;
  return i;
}

}  // namespace

TraceBuilder::TraceBuilder(const dbgref_host& host)
    : next_pc_(DBGREF_START_PC) {
  t_.host = host;
  t_.program = EmptyProgram();
}

TraceBuilder& TraceBuilder::At(uint64_t pc) {
  next_pc_ = pc;
  return *this;
}

TraceBuilder& TraceBuilder::Line(const dbgref_insn& insn) {
  if (t_.program.count < DBGREF_MAX_PROGRAM_LINES) {
    t_.program.line[t_.program.count].pc = next_pc_;
    t_.program.line[t_.program.count].insn = insn;
  }
  ++t_.program.count;  // CompileTrace refuses more lines than fit
  next_pc_ += 4;
  return *this;
}

TraceBuilder& TraceBuilder::Nop() { return Line(Insn(DBGREF_INSN_NOP)); }

TraceBuilder& TraceBuilder::Load(uint64_t addr, uint32_t size) {
  dbgref_insn i = Insn(DBGREF_INSN_LOAD);
  i.addr = addr;
  i.size = size;
  return Line(i);
}

TraceBuilder& TraceBuilder::Store(uint64_t addr, uint32_t size) {
  dbgref_insn i = Insn(DBGREF_INSN_STORE);
  i.addr = addr;
  i.size = size;
  return Line(i);
}

TraceBuilder& TraceBuilder::Brk(uint32_t imm) {
  dbgref_insn i = Insn(DBGREF_INSN_BRK);
  i.imm = imm;
  return Line(i);
}

TraceBuilder& TraceBuilder::Mrs(uint32_t reg, uint32_t index) {
  dbgref_insn i = Insn(DBGREF_INSN_MRS);
  i.reg = reg;
  i.reg_index = index;
  return Line(i);
}

TraceBuilder& TraceBuilder::Msr(uint32_t reg, uint32_t index, uint64_t value) {
  dbgref_insn i = Insn(DBGREF_INSN_MSR);
  i.reg = reg;
  i.reg_index = index;
  i.value = value;
  return Line(i);
}

TraceBuilder& TraceBuilder::Report() { return Line(Insn(DBGREF_INSN_REPORT)); }

TraceBuilder& TraceBuilder::Debug(uint32_t control) {
  return Debug(control, NoRegs());
}

TraceBuilder& TraceBuilder::Debug(uint32_t control,
                                  const kvm_guest_debug_arch& arch) {
  dbgref_op op = ZeroOp(DBGREF_OP_SET_GUEST_DEBUG);
  op.dbg.control = control;
  op.dbg.arch = arch;
  t_.ops.push_back(op);
  return *this;
}

TraceBuilder& TraceBuilder::Cap(uint32_t cap) {
  dbgref_op op = ZeroOp(DBGREF_OP_CHECK_EXTENSION);
  op.cap = cap;
  t_.ops.push_back(op);
  return *this;
}

TraceBuilder& TraceBuilder::Run(int times) {
  for (int k = 0; k < times; ++k) t_.ops.push_back(ZeroOp(DBGREF_OP_RUN));
  return *this;
}

TraceBuilder& TraceBuilder::Get(uint32_t reg, uint32_t index) {
  dbgref_op op = ZeroOp(DBGREF_OP_GET_ONE_REG);
  op.reg = reg;
  op.reg_index = index;
  t_.ops.push_back(op);
  return *this;
}

TraceBuilder& TraceBuilder::Set(uint32_t reg, uint32_t index, uint64_t value) {
  dbgref_op op = ZeroOp(DBGREF_OP_SET_ONE_REG);
  op.reg = reg;
  op.reg_index = index;
  op.value = value;
  t_.ops.push_back(op);
  return *this;
}

TraceBuilder& TraceBuilder::Init() {
  t_.ops.push_back(ZeroOp(DBGREF_OP_VCPU_INIT));
  return *this;
}

kvm_guest_debug_arch NoRegs() {
  kvm_guest_debug_arch a;
  std::memset(&a, 0, sizeof(a));
  return a;
}

kvm_guest_debug_arch Breakpoint(int n, uint64_t bcr, uint64_t bvr) {
  kvm_guest_debug_arch a = NoRegs();
  a.dbg_bcr[n] = bcr;
  a.dbg_bvr[n] = bvr;
  return a;
}

kvm_guest_debug_arch Watchpoint(int n, uint64_t wcr, uint64_t wvr) {
  kvm_guest_debug_arch a = NoRegs();
  a.dbg_wcr[n] = wcr;
  a.dbg_wvr[n] = wvr;
  return a;
}

}  // namespace dbgref::oracle
