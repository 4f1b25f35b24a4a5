// The builders of programs and operations (see trace.h).
#include "trace/trace.h"

#include <cstdint>

#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::trace {
namespace {

dbgref_insn Insn(uint32_t kind) {
  dbgref_insn i{};
  i.kind = kind;
  return i;
}

dbgref_insn Access(uint32_t kind, uint32_t size, uint64_t addr) {
  dbgref_insn i = Insn(kind);
  i.size = size;
  i.addr = addr;
  return i;
}

dbgref_op Op(uint32_t kind) {
  dbgref_op op{};
  op.kind = kind;
  return op;
}

}  // namespace

dbgref_insn Nop() { return Insn(DBGREF_INSN_NOP); }
dbgref_insn Load(uint32_t size, uint64_t addr) {
  return Access(DBGREF_INSN_LOAD, size, addr);
}
dbgref_insn Store(uint32_t size, uint64_t addr) {
  return Access(DBGREF_INSN_STORE, size, addr);
}
dbgref_insn Brk(uint32_t imm) {
  dbgref_insn i = Insn(DBGREF_INSN_BRK);
  i.imm = imm;
  return i;
}
dbgref_insn Mrs(uint32_t reg, uint32_t index) {
  dbgref_insn i = Insn(DBGREF_INSN_MRS);
  i.reg = reg;
  i.reg_index = index;
  return i;
}
dbgref_insn Msr(uint32_t reg, uint32_t index, uint64_t value) {
  dbgref_insn i = Insn(DBGREF_INSN_MSR);
  i.reg = reg;
  i.reg_index = index;
  i.value = value;
  return i;
}
dbgref_insn Report() { return Insn(DBGREF_INSN_REPORT); }

void AddLineAt(dbgref_program& program, uint64_t pc, const dbgref_insn& insn) {
  if (program.count >= DBGREF_MAX_PROGRAM_LINES) return;
  program.line[program.count].pc = pc;
  program.line[program.count].insn = insn;
  ++program.count;
}

uint64_t AddLine(dbgref_program& program, const dbgref_insn& insn) {
  if (program.count >= DBGREF_MAX_PROGRAM_LINES) return 0;
  const uint64_t pc = program.count == 0
                          ? DBGREF_CODE_BASE
                          : program.line[program.count - 1].pc + 4;
  AddLineAt(program, pc, insn);
  return pc;
}

dbgref_op SetGuestDebugOp(uint32_t control, const kvm_guest_debug_arch& arch) {
  dbgref_op op = Op(DBGREF_OP_SET_GUEST_DEBUG);
  op.dbg.control = control;
  op.dbg.arch = arch;
  return op;
}

dbgref_op CheckExtensionOp(uint32_t cap) {
  dbgref_op op = Op(DBGREF_OP_CHECK_EXTENSION);
  op.cap = cap;
  return op;
}

dbgref_op RunOp() { return Op(DBGREF_OP_RUN); }

dbgref_op GetOneRegOp(uint32_t reg, uint32_t index) {
  dbgref_op op = Op(DBGREF_OP_GET_ONE_REG);
  op.reg = reg;
  op.reg_index = index;
  return op;
}

dbgref_op SetOneRegOp(uint32_t reg, uint32_t index, uint64_t value) {
  dbgref_op op = GetOneRegOp(reg, index);
  op.kind = DBGREF_OP_SET_ONE_REG;
  op.value = value;
  return op;
}

dbgref_op VcpuInitOp() { return Op(DBGREF_OP_VCPU_INIT); }

}  // namespace dbgref::trace
