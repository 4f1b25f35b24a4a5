// A trace: the host CPU a vCPU is created on, the guest's program, and the
// operations userspace does to the vCPU from reset (ioctls and KVM_RUNs).
// It is what a proof's counterexample, a property's finding, a regression
// test, an oracle's batch and the command line's replay all are;
// trace/format.h and trace/parse.h give it its text form
// (docs/trace-format.md).
//
//   trace::Trace t;
//   trace::AddLine(t.program, trace::Nop());
//   trace::AddLine(t.program, trace::Load(8, DBGREF_DATA_BASE));
//   t.ops = {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE |
//                                   KVM_GUESTDBG_SINGLESTEP),
//            trace::RunOp()};
#ifndef DBGREF_TRACE_TRACE_H_
#define DBGREF_TRACE_TRACE_H_

#include <cstdint>
#include <vector>

#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::trace {

struct Trace {
  dbgref_host host{};
  dbgref_program program{};
  std::vector<dbgref_op> ops;
};

// Builders for the instructions of a program.
dbgref_insn Nop();
dbgref_insn Load(uint32_t size, uint64_t addr);
dbgref_insn Store(uint32_t size, uint64_t addr);
dbgref_insn Brk(uint32_t imm);
dbgref_insn Mrs(uint32_t reg, uint32_t index = 0);
dbgref_insn Msr(uint32_t reg, uint32_t index, uint64_t value);
dbgref_insn Report();

// Appends insn as the program's next line, at the address after the last
// line (DBGREF_CODE_BASE for the first); returns that address. A program
// that is full (DBGREF_MAX_PROGRAM_LINES) is left as it is, and 0 returned.
uint64_t AddLine(dbgref_program& program, const dbgref_insn& insn);
// The same at a given address.
void AddLineAt(dbgref_program& program, uint64_t pc, const dbgref_insn& insn);

// Builders for the operations. Every field the operation does not use is 0.
dbgref_op SetGuestDebugOp(uint32_t control,
                          const kvm_guest_debug_arch& arch = {});
dbgref_op CheckExtensionOp(uint32_t cap);
dbgref_op RunOp();
dbgref_op GetOneRegOp(uint32_t reg, uint32_t index = 0);
dbgref_op SetOneRegOp(uint32_t reg, uint32_t index, uint64_t value);
dbgref_op VcpuInitOp();

// Equality field by field (padding ignored). Two programs are equal when
// they have the same lines in the same order; entries past count are not
// part of a program.
bool SameInsn(const dbgref_insn& a, const dbgref_insn& b);
bool SameProgram(const dbgref_program& a, const dbgref_program& b);
bool SameHost(const dbgref_host& a, const dbgref_host& b);
bool SameOp(const dbgref_op& a, const dbgref_op& b);
bool operator==(const Trace& a, const Trace& b);
inline bool operator!=(const Trace& a, const Trace& b) { return !(a == b); }

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_TRACE_H_
