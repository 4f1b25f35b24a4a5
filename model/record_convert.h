// Conversions between the C records of model/record.h (what the ports and
// the trace format exchange) and the model's values on the concrete domain.
#ifndef DBGREF_MODEL_RECORD_CONVERT_H_
#define DBGREF_MODEL_RECORD_CONVERT_H_

#include "model/arch/action.h"
#include "model/arch/debug_regs.h"
#include "model/concrete_domain.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/record.h"

namespace dbgref::model {

Host<ConcreteDomain> FromRecord(const dbgref_host& host);
Op<ConcreteDomain> FromRecord(const dbgref_op& op);
Action<ConcreteDomain> FromRecord(const dbgref_action& action);
DebugRegs<ConcreteDomain> FromRecord(const kvm_guest_debug_arch& arch);
Obs<ConcreteDomain> FromRecord(const dbgref_obs& obs);
kvm_guest_debug_arch ToRecord(const DebugRegs<ConcreteDomain>& regs);
dbgref_obs ToRecord(const Obs<ConcreteDomain>& obs);

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RECORD_CONVERT_H_
