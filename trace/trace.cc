// The operation builders (see trace.h).
#include "trace/trace.h"

#include <cstdint>

#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::trace {

dbgref_op SetGuestDebugOp(uint32_t control, const kvm_guest_debug_arch& arch) {
  dbgref_op op{};
  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
  op.dbg.control = control;
  op.dbg.arch = arch;
  return op;
}

dbgref_op CheckExtensionOp(uint32_t cap) {
  dbgref_op op{};
  op.kind = DBGREF_OP_CHECK_EXTENSION;
  op.cap = cap;
  return op;
}

dbgref_op GuestReadOp(uint32_t reg_kind, uint32_t index) {
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_ACCESS;
  op.action.reg_kind = reg_kind;
  op.action.index = index;
  return op;
}

dbgref_op GuestWriteOp(uint32_t reg_kind, uint32_t index, uint64_t value) {
  dbgref_op op = GuestReadOp(reg_kind, index);
  op.action.is_write = 1;
  op.action.value = value;
  return op;
}

dbgref_op GuestExceptionOp(uint32_t esr, uint64_t pc, uint64_t far) {
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_EXCEPTION;
  op.action.esr = esr;
  op.action.pc = pc;
  op.action.far = far;
  return op;
}

}  // namespace dbgref::trace
