// Shrinking a failing trace: the smallest and plainest trace, reached one
// reduction at a time, that still fails the caller's check. The proofs
// shrink the counterexamples Z3 finds with it, the differential campaign
// its findings (after RapidCheck's own shrinking).
//
//   const trace::Trace small = trace::Shrink(
//       found, [&](const trace::Trace& t) { return Breaks(t); },
//       trace::Values::kRecognisable);
#ifndef DBGREF_TRACE_SHRINK_H_
#define DBGREF_TRACE_SHRINK_H_

#include "absl/functional/function_ref.h"
#include "trace/trace.h"

namespace dbgref::trace {

// Where a trace's values come from, and so which of them shrinking may
// replace by plainer ones.
enum class Values {
  // Chosen by a solver: any value may be noise, and every one is a
  // candidate for 0.
  kArbitrary,
  // Drawn from pools a reader recognises (props/generators.h): the host's
  // ID register, written values, register indices, pcs and the syndrome's
  // IL bit stay as they are, so that a reader can still tell whose value a
  // register holds.
  kRecognisable,
};

// The reductions, each kept only when still_fails holds for its result,
// tried in rounds until a round keeps none:
//   - drop one operation, the last first;
//   - make one value of an operation plainer: clear one of the control
//     bits SINGLESTEP, USE_SW_BP, USE_HW or a bit KVM does not define; set
//     pad, a userspace register, the syndrome's ISS or far to 0; and for
//     Values::kArbitrary also the syndrome's IL bit, pc, the written value
//     and the register index;
//   - make the host plainer: all its own registers 0, or one of them; and
//     for Values::kArbitrary ID_AA64DFR0_EL1 0, or only its BRPs and WRPs
//     fields kept.
// The result is 1-minimal: no single reduction of it still fails. ENABLE
// is never cleared. trace itself when still_fails does not hold for it.
Trace Shrink(Trace trace, absl::FunctionRef<bool(const Trace&)> still_fails,
             Values values);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_SHRINK_H_
