// The model's projection onto what a real kernel shows: the kernel
// observation (kernel_observation.h) computed from the model's step
// observations of a trace (model/concrete.h), so that a kernel's run of the
// trace and the model's are compared field by field. spec/real-kernel.md
// states the rules; in short, per op:
//  - an ioctl: its IOCTL step's ret and value;
//  - KVM_RUN: the last EXIT step gives exit_reason, ret, hsr, far (a
//    watchpoint's exit_far), mmio_addr, pc (exit_pc), PSTATE.SS
//    (ctx_pstate_ss), MDSCR_EL1 (ctx_mdscr_el1) and, at an EXCEPTION
//    report, ESR_EL1, ELR_EL1 and FAR_EL1 (ctx_*); PSTATE.D and the mode,
//    which no observation carries, come from the model's guest context
//    after the op;
//  - the reads: a GUEST step whose MRS retired gives its line's value
//    (read_value), and so does the EXIT that emulated a trapped MRS; each
//    MRS line keeps the last value it read, and VCPU_INIT (which zeroes the
//    guest's registers) puts every one back to 0.
// The runtime's handler runs with PSTATE.D set, so that nothing interrupts
// it; a KVM_SET_ONE_REG of PSTATE that clears D while the guest is inside
// it (before its ERET) lets the guest's own debug exceptions nest there,
// and the real handler, which is not reentrant, then resumes elsewhere than
// the model's. The projection notes it in outside_convention.
#ifndef DBGREF_ORACLE_HOST_MODEL_PROJECTION_H_
#define DBGREF_ORACLE_HOST_MODEL_PROJECTION_H_

#include "model/record.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/kernel_trace.h"

namespace dbgref::oracle {

// The model's kernel observation of t's program and ops on host (the
// kernel's shape: its ID_AA64DFR0_EL1 and no host breakpoints; t.host is
// not used).
KernelObservation ProjectModel(const dbgref_host& host, const KernelTrace& t);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_MODEL_PROJECTION_H_
