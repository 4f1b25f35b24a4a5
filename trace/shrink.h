// Shrinking a failing trace: the smallest and plainest trace, reached one
// reduction at a time, that still fails the caller's check. The proofs
// shrink the counterexamples Z3 finds with it, the differential campaign
// its findings (props/campaign.h, after RapidCheck's own shrinking).
//
//   const trace::Trace small = trace::Shrink(
//       found, [&](const trace::Trace& t) { return Breaks(t); },
//       trace::Values::kRecognisable);
#ifndef DBGREF_TRACE_SHRINK_H_
#define DBGREF_TRACE_SHRINK_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "trace/trace.h"

namespace dbgref::trace {

// Where a trace's values come from, and so which of them shrinking may
// replace by plainer ones.
enum class Values {
  // Chosen by a solver: any value may be noise, and every one is a
  // candidate for a plainer one.
  kArbitrary,
  // Drawn from pools a reader recognises (props/generators.h): the host's
  // ID register, program addresses (pcs), data addresses, the values
  // written by msr and set_one_reg, BRK immediates and register indices
  // stay as they are, so that a reader can still tell whose value a
  // register holds and which line a breakpoint is on.
  kRecognisable,
};

// The reductions, each kept only when still_fails holds for its result,
// tried in rounds until a round keeps none:
//   - drop a block of operations: halves, quarters and so on down to
//     pairs, the last block first, so that a long trace loses what it does
//     not need in a few checks; then one operation, the last first;
//   - drop a block of program lines the same way, each where it is; then
//     one program line, the last first: the END report store takes
//     its address; or, when that does not keep it failing, the lines after
//     it move up by 4 and every pc that named one of them moves with it
//     (DropLineMovingUp), so that a straight-line program stays one;
//   - close a gap: a line whose address minus 4 is in the code region and
//     free moves up into it, with the lines after it and the pcs that name
//     them, so that a program starts at the start of the code;
//   - make the host plainer: all its own registers 0, or one of them; and
//     for Values::kArbitrary ID_AA64DFR0_EL1 0, or only its BRPs and WRPs
//     fields kept;
//   - make one value of an operation plainer: clear one of the control
//     bits SINGLESTEP, USE_SW_BP, USE_HW or a bit KVM does not define; set
//     pad or one userspace register to 0; and for Values::kArbitrary the
//     set_one_reg value to 0 (the PC to the start of the code, PSTATE to
//     the guest's start value) and the register index to 0;
//   - make one program line plainer: its instruction a nop; and for
//     Values::kArbitrary a load's or store's address the start of the
//     data region, an msr's value 0, a BRK's immediate 0, a register
//     index 0, and the line's address the lowest one no other line has,
//     when that is lower.
// When a round keeps none of these and the trace has at most 10
// operations and lines together, two operations, or an operation and a
// program line (either way), are dropped together: what is needed only
// while the other is there goes too. ENABLE is never cleared. When trace passes ValidateTrace (trace/valid.h)
// so does every trace given to still_fails, and the result. The result is
// 1-minimal: deleting any single operation or program line of it, or any
// single reduction above, makes still_fails false. trace itself when
// still_fails does not hold for it.
Trace Shrink(Trace trace, absl::FunctionRef<bool(const Trace&)> still_fails,
             Values values);

// trace without program line i: the lines after it move up by 4, and so
// does every pc that named one of them (a DBGBVRn value that
// KVM_SET_GUEST_DEBUG passes or an msr writes, a KVM_SET_ONE_REG of the PC
// or of a DBGBVRn), so that what the trace does with the lines that stay is
// unchanged. trace itself when it has no line i.
Trace DropLineMovingUp(const Trace& trace, uint32_t i);

// Every trace with one operation or one program line of trace deleted, a
// line either way (the END report store taking its address, or the lines
// after it moving up); only valid ones when trace is valid.
std::vector<Trace> Deletions(const Trace& trace);

// No trace of Deletions(trace) makes still_fails true: what Shrink's result
// is over operations and program lines.
bool IsOneMinimal(const Trace& trace,
                  absl::FunctionRef<bool(const Trace&)> still_fails);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_SHRINK_H_
