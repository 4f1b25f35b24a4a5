// A trace: the host CPU a vCPU is created on and the operations done to it
// from reset (ioctls, and KVM_RUN iterations with one guest action each).
// It is what a proof's counterexample, a property's finding, a regression
// test and the command line's replay all are; trace/format.h and
// trace/parse.h give it its text form (docs/trace-format.md).
//
//   trace::Trace t;
//   t.ops = {trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW),
//            trace::GuestReadOp(DBGREF_REG_MDSCR, 0)};
#ifndef DBGREF_TRACE_TRACE_H_
#define DBGREF_TRACE_TRACE_H_

#include <cstdint>
#include <vector>

#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::trace {

struct Trace {
  dbgref_host host{};
  std::vector<dbgref_op> ops;
};

// Builders for the operations, so that tests and generators read like the
// trace they produce. Every field the operation does not use is 0.
dbgref_op SetGuestDebugOp(uint32_t control,
                          const kvm_guest_debug_arch& arch = {});
dbgref_op CheckExtensionOp(uint32_t cap);
dbgref_op GuestReadOp(uint32_t reg_kind, uint32_t index);
dbgref_op GuestWriteOp(uint32_t reg_kind, uint32_t index, uint64_t value);
dbgref_op GuestExceptionOp(uint32_t esr, uint64_t pc, uint64_t far);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_TRACE_H_
