// The trace printer (see format.h).
#include "trace/format.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "model/record.h"
#include "trace/names.h"
#include "trace/trace.h"

namespace dbgref::trace {

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
    case DBGREF_OP_RUN:
      if (op.action.kind == DBGREF_ACTION_ACCESS) {
        std::string reg = RegisterName(op.action.reg_kind, op.action.index);
        return op.action.is_write
                   ? absl::StrCat("run write ", reg, " ", Hex(op.action.value))
                   : absl::StrCat("run read ", reg);
      }
      return absl::StrCat("run exception esr=", Hex(op.action.esr),
                          " pc=", Hex(op.action.pc),
                          " far=", Hex(op.action.far));
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
  absl::StrAppend(&out, "\n");
  for (const dbgref_op& op : trace.ops) {
    absl::StrAppend(&out, FormatOp(op), "\n");
  }
  return out;
}

}  // namespace dbgref::trace
