// Reducing a failing trace to a 1-minimal one: no single operation and no
// single program line can be deleted, and no single value made plainer,
// with the failure staying. The campaign runs it after RapidCheck's shrink
// pre-pass (props/campaign.h).
//
// A program is straight-line from DBGREF_CODE_BASE, so deleting a line
// moves the lines after it up by 4; every pc that named one of them (a
// breakpoint value userspace passes or the guest writes, a PC or DBGBVR
// written with KVM_SET_ONE_REG) moves with it, so that a deletion keeps
// what the trace means for the lines that stay.
//
// trace::Shrink (trace/shrink.h) is the project's one shrinker; it knows
// traces of format v1 (operations and a host) only. Reduce is what it has
// to do for v2 traces, and moves there with the v2 format.
#ifndef DBGREF_PROPS_REDUCE_H_
#define DBGREF_PROPS_REDUCE_H_

#include <cstddef>

#include "absl/functional/function_ref.h"
#include "trace/trace.h"

namespace dbgref::props {

// The trace without operation i.
trace::Trace DeleteOp(const trace::Trace& t, std::size_t i);

// The trace without program line k, the lines after it (and the pcs that
// name them) moved up by 4.
trace::Trace DeleteLine(const trace::Trace& t, std::size_t k);

// The reductions, each kept only when still_fails holds for its result,
// tried in rounds until a round keeps none: delete one operation (the last
// first); delete one program line (the last first); make one value
// plainer: a control bit SINGLESTEP, USE_SW_BP, USE_HW or one KVM does not
// define cleared (ENABLE stays), an entry of userspace's registers 0, a
// program line a nop, the host's own registers 0. Values of the
// generators' pools (addresses, control words, the ID register) stay as
// they are, so that a reader can still tell whose a value is. t itself
// when still_fails does not hold for it.
trace::Trace Reduce(trace::Trace t,
                    absl::FunctionRef<bool(const trace::Trace&)> still_fails);

// No single operation or program line can be deleted with still_fails
// holding.
bool IsOneMinimal(const trace::Trace& t,
                  absl::FunctionRef<bool(const trace::Trace&)> still_fails);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_REDUCE_H_
