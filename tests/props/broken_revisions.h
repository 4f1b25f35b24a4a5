// Deliberately broken copies of the model behind dbgref_revision: each is
// the model with one fault, a change to the state or the observation after
// one kind of step, modelled on a defect a kernel had or could have (4.2's
// step over an emulated instruction, its PSTATE.SS and OS lock, v2's check
// order and UNDEF, a watchpoint exit without far, ...). They show that each
// property and each check of the harness can fail: the model's properties
// on a broken copy's own transitions, the observational view, the campaign
// and the differential discipline on a broken copy as the revision under
// check. Never a reference for anything.
#ifndef DBGREF_TESTS_PROPS_BROKEN_REVISIONS_H_
#define DBGREF_TESTS_PROPS_BROKEN_REVISIONS_H_

#include <functional>
#include <vector>

#include "model/concrete.h"
#include "model/record.h"
#include "model/revision.h"
#include "props/requirement_set.h"

namespace dbgref::props {

enum class Fault {
  kIoctlV2Order,         // no ENABLE and an unknown bit: accepted, off (v2)
  kDisableRefused,       // a valid word without ENABLE: -EINVAL, stays on
  kHwregsPartial,        // USE_HW records the breakpoints, not the watchpoints
  kCapNoPlusOne,         // HW_BPS reports the BRPs field, not BRPs + 1
  kOneRegIndexZero,      // GET_ONE_REG of a bank entry reads entry 0
  kInitKeepsRegs,        // VCPU_INIT leaves the guest's debug registers
  kNoForcedTda,          // USE_HW without TDA
  kNoTde,                // SINGLESTEP alone without TDE
  kHwProgramFirstOnly,   // USE_HW loads userspace's entry 0 only
  kBreakpointsLost,      // the hardware drops E of userspace's breakpoints
  kWatchFarPastAccess,   // a watchpoint's FAR one doubleword past the access
  kBrkImmLost,           // a BRK exit without its immediate
  kSkipKeepsSs,          // the skip of an emulated instruction keeps SS (4.2)
  kPstateSsNotRestored,  // clear_debug leaves PSTATE.SS as the step left it (4.2)
  kOsLockWi,             // OSLAR_EL1 writes ignored, OSLSR_EL1 unlocked (4.2)
  kReadResetValue,       // an emulated MRS returns 0
  kReadLoadedSet,        // an emulated MRS under USE_HW reads userspace's set
  kUndefMdscrUseHw,      // MDSCR_EL1/MDCCINT_EL1 under USE_HW: UNDEF (v2)
  kWatchExitNoFar,       // a watchpoint's KVM_EXIT_DEBUG without far
  kOffNoLazyLoad,        // guest debug off: the guest's own KDE/MDE loads nothing
  kOsLockNoMask,         // the OS lock does not mask the guest's MDE and SS
  kEntryPcOff,           // entry_pc 4 further on, nothing else: no requirement
  kInvalidStored,        // ENABLE with an unknown bit: -EINVAL, stored all the same
  kSkipTwice,            // an emulated instruction's skip is not forgotten at entry
  kUnknownExitClass,     // a trapped access exits with a class the CPU never gives
};

struct BrokenRevision {
  Fault fault;
  const dbgref_revision* revision;  // named "broken-..."
  // The requirements the campaign finds broken. What REQ-IOCTL-HWREGS and
  // REQ-INIT judge is internal state, so their faults show where the state
  // is seen (REQ-HW-PROGRAM; REQ-ONE-REG, REQ-SHADOW, REQ-OFF); kEntryPcOff
  // breaks none: a difference the discipline must flag.
  RequirementSet breaks;
  // The ones among them every campaign of enough sequences finds (all of
  // breaks, but for kInvalidStored, whose stored word changes everything
  // after it: REQ-TRAP-TDE).
  RequirementSet primary;
  // The requirements whose model property fails on the broken copy's own
  // transitions.
  RequirementSet predicates;
  // breaks is all the campaign and the discipline find. Not so for the
  // faults that are there for the invariant's clauses (kInvalidStored,
  // kSkipTwice, kUnknownExitClass): what they break depends on everything
  // after them.
  bool exact = true;
};

// Every broken copy, in the order of enum Fault.
const std::vector<BrokenRevision>& BrokenRevisions();
const BrokenRevision& Broken(Fault fault);

// The broken copy of fault with a state blob (model/revision.h: the
// model's state words, props/model_vcpu.h), for exhaustive exploration
// (props/explore.h). The same name and behaviour as Broken(fault).
const dbgref_revision& ExplorableBroken(Fault fault);

// The broken copy's transitions of one operation on state (the model's
// model::ForEachTransition with the fault applied after each step).
void ForEachBrokenTransition(
    Fault fault, const model::ConcreteHost& host,
    const model::ConcreteProgram& program, model::ConcreteVcpu& state,
    const dbgref_op& op,
    const std::function<void(const model::ConcreteTransition&)>& visit);

}  // namespace dbgref::props

#endif  // DBGREF_TESTS_PROPS_BROKEN_REVISIONS_H_
