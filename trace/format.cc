// The trace printer (see format.h).
#include "trace/format.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "model/record.h"
#include "trace/names.h"
#include "trace/trace.h"

namespace dbgref::trace {

std::string FormatInsn(const dbgref_insn& i) {
  switch (i.kind) {
    case DBGREF_INSN_NOP:
      return "nop";
    case DBGREF_INSN_LOAD:
    case DBGREF_INSN_STORE:
      return absl::StrCat(AccessMnemonic(i.kind == DBGREF_INSN_STORE, i.size),
                          " [", Hex(i.addr), "]");
    case DBGREF_INSN_BRK:
      return absl::StrCat("brk #", Hex(i.imm));
    case DBGREF_INSN_MRS:
      return absl::StrCat("mrs ", RegisterName(i.reg, i.reg_index));
    case DBGREF_INSN_MSR:
      return absl::StrCat("msr ", RegisterName(i.reg, i.reg_index), ", ",
                          Hex(i.value));
    case DBGREF_INSN_REPORT:
      return "report";
    case DBGREF_INSN_END:
      return "end report";
    case DBGREF_INSN_HANDLER_REPORT:
      return "handler report";
    case DBGREF_INSN_HANDLER_PLAIN:
      return "handler instruction";
    case DBGREF_INSN_HANDLER_ERET:
      return "handler eret";
    default:
      return absl::StrCat("unknown instruction kind ", i.kind);
  }
}

std::string FormatLine(const dbgref_line& line) {
  return absl::StrCat(Hex(line.pc), ": ", FormatInsn(line.insn));
}

std::string FormatOp(const dbgref_op& op) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      std::string line = absl::StrCat("ioctl set_guest_debug control=",
                                      ControlName(op.dbg.control));
      if (op.dbg.pad != 0) absl::StrAppend(&line, " pad=", Hex(op.dbg.pad));
      const std::string registers = RegisterList(op.dbg.arch, "");
      if (!registers.empty()) absl::StrAppend(&line, " ", registers);
      return line;
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat("ioctl check_extension cap=", CapabilityName(op.cap));
    case DBGREF_OP_GET_ONE_REG:
      return absl::StrCat("ioctl get_one_reg ",
                          OneRegName(op.reg, op.reg_index));
    case DBGREF_OP_SET_ONE_REG:
      return absl::StrCat("ioctl set_one_reg ",
                          OneRegName(op.reg, op.reg_index), " ", Hex(op.value));
    case DBGREF_OP_VCPU_INIT:
      return "ioctl vcpu_init";
    case DBGREF_OP_RUN:
      return "run";
    default:
      return absl::StrCat("# unknown operation kind ", op.kind);
  }
}

std::string FormatTrace(const Trace& trace) {
  std::string out = absl::StrCat(kTraceHeader, "\n");
  absl::StrAppend(&out, "host id_aa64dfr0=", Hex(trace.host.id_aa64dfr0_el1));
  const std::string host_registers =
      RegisterList(trace.host.host_regs, "host.");
  if (!host_registers.empty()) absl::StrAppend(&out, " ", host_registers);
  absl::StrAppend(&out, "\nprogram\n");
  for (uint32_t i = 0; i < trace.program.count && i < DBGREF_MAX_PROGRAM_LINES;
       ++i) {
    absl::StrAppend(&out, FormatLine(trace.program.line[i]), "\n");
  }
  absl::StrAppend(&out, "end\n");
  for (const dbgref_op& op : trace.ops) {
    absl::StrAppend(&out, FormatOp(op), "\n");
  }
  return out;
}

}  // namespace dbgref::trace
