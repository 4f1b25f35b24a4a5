// Conversions between the C records of model/record.h (what the ports and
// the trace format exchange) and the model's values on the concrete domain.
#ifndef DBGREF_MODEL_RECORD_CONVERT_H_
#define DBGREF_MODEL_RECORD_CONVERT_H_

#include "model/arch/debug_regs.h"
#include "model/arch/instruction.h"
#include "model/concrete_domain.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"

namespace dbgref::model {

Host<ConcreteDomain> FromRecord(const dbgref_host& host);
Program<ConcreteDomain, DBGREF_MAX_PROGRAM_LINES> FromRecord(
    const dbgref_program& program);
Insn<ConcreteDomain> FromRecord(const dbgref_insn& insn);
DebugRegs<ConcreteDomain> FromRecord(const kvm_guest_debug_arch& arch);
Obs<ConcreteDomain> FromRecord(const dbgref_obs& obs);
// The transition input of an ioctl (a KVM_RUN is a sequence: model/run.h).
// Its debug registers are kvm_guest_debug.arch for KVM_SET_GUEST_DEBUG, the
// one ioctl that takes them, and 0 for any other.
Op<ConcreteDomain> IoctlOpFromRecord(const dbgref_op& op);
kvm_guest_debug_arch ToRecord(const DebugRegs<ConcreteDomain>& regs);
dbgref_obs ToRecord(const Obs<ConcreteDomain>& obs);
// The same into a record the caller has, for loops that convert every
// step: no temporary record is copied.
void ToRecord(const DebugRegs<ConcreteDomain>& regs,
              kvm_guest_debug_arch* arch);
void ToRecord(const Obs<ConcreteDomain>& obs, dbgref_obs* out);
// The same where the caller knows that obs.entry_hw is zero: the record's
// is cleared without reading obs's; when clear is false neither it nor the
// padding is written (the caller knows both are zero already: the record
// was last written by this call).
void ToRecordWithZeroRegs(const Obs<ConcreteDomain>& obs, dbgref_obs* out,
                          bool clear = true);

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RECORD_CONVERT_H_
