// The builders of programs and operations (see trace.h).
#include "trace/trace.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

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

bool SameInsn(const dbgref_insn& a, const dbgref_insn& b) {
  return a.kind == b.kind && a.size == b.size && a.addr == b.addr &&
         a.reg == b.reg && a.reg_index == b.reg_index && a.value == b.value &&
         a.imm == b.imm;
}

bool SameProgram(const dbgref_program& a, const dbgref_program& b) {
  if (a.count != b.count) return false;
  for (uint32_t i = 0; i < a.count && i < DBGREF_MAX_PROGRAM_LINES; ++i) {
    if (a.line[i].pc != b.line[i].pc ||
        !SameInsn(a.line[i].insn, b.line[i].insn)) {
      return false;
    }
  }
  return true;
}

// Neither record has padding (model/uapi.h pins kvm_guest_debug; the
// static assertions below pin the rest).
static_assert(sizeof(dbgref_host) == 8 + sizeof(kvm_guest_debug_arch));
static_assert(sizeof(dbgref_op) == 24 + sizeof(kvm_guest_debug));
// The words every operation reads share the record's first cache line.
static_assert(offsetof(dbgref_op, dbg) == 24);

bool SameHost(const dbgref_host& a, const dbgref_host& b) {
  return std::memcmp(&a, &b, sizeof(a)) == 0;
}

bool SameOp(const dbgref_op& a, const dbgref_op& b) {
  return std::memcmp(&a, &b, sizeof(a)) == 0;
}

bool operator==(const Trace& a, const Trace& b) {
  if (!SameHost(a.host, b.host) || !SameProgram(a.program, b.program) ||
      a.ops.size() != b.ops.size()) {
    return false;
  }
  for (size_t i = 0; i < a.ops.size(); ++i) {
    if (!SameOp(a.ops[i], b.ops[i])) return false;
  }
  return true;
}

}  // namespace dbgref::trace
