// What happened in a sequence, read from the model's observations: the
// mix the generators are asked for (props/generators.h) and the tags of
// RapidCheck's classification (RC_TAG, RC_CLASSIFY).
#ifndef DBGREF_PROPS_EVENTS_H_
#define DBGREF_PROPS_EVENTS_H_

#include <string>
#include <vector>

#include "trace/trace.h"

namespace dbgref::props {

struct SequenceEvents {
  // A KVM_EXIT_DEBUG of a breakpoint (EC 0x30) while USE_HW is on.
  bool user_breakpoint = false;
  // A KVM_EXIT_DEBUG of a watchpoint (EC 0x34) while USE_HW is on.
  bool user_watchpoint = false;
  // A KVM_EXIT_DEBUG of a software step (EC 0x32).
  bool step_exit = false;
  // A KVM_EXIT_DEBUG of a BRK (EC 0x3C).
  bool brk_exit = false;
  // A KVM_EXIT_DEBUG of a breakpoint or watchpoint of the guest's own
  // (guest debug on without USE_HW).
  bool guest_event_exit = false;
  // The guest took a breakpoint, watchpoint or software step exception of
  // its own (EC 0x31, 0x35, 0x33).
  bool guest_debug_exception = false;
  // The guest took its own BRK exception.
  bool guest_brk = false;
  // The guest got an UNDEF.
  bool undef = false;
  // A guest access to a debug register trapped and was emulated.
  bool emulated_access = false;
  // The guest's OS lock was locked at some point.
  bool os_locked = false;
  // No debug exit, and the guest took no exception.
  bool Nothing() const {
    return !user_breakpoint && !user_watchpoint && !step_exit && !brk_exit &&
           !guest_event_exit && !guest_debug_exception && !guest_brk && !undef;
  }
  // The tags of the events that happened, "nothing" when none.
  std::vector<std::string> Tags() const;
};

// Runs the trace on the model and reads what happened.
SequenceEvents EventsOf(const trace::Trace& t);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_EVENTS_H_
