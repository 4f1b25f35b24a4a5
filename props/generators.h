// The generators of traces: a host (1..16 breakpoints and watchpoints, its
// own register values), a guest program (up to 24 lines, straight-line from
// DBGREF_CODE_BASE) and up to max_ops operations of userspace, with the
// weights of realistic use.
//
// The program and the operations are made to meet: userspace's breakpoints
// (SET_GUEST_DEBUG with USE_HW) sit mostly on lines the program has, its
// watchpoints on the doublewords the program's loads and stores touch, and
// the program programs its own breakpoints and watchpoints (MSR of
// DBGBVR/BCR/WVR/WCR, MDSCR_EL1.KDE and MDE) on its later lines and its own
// data, so that they hit as well as miss. Control values are the ones a
// debugger writes: E, PMC/PAC selecting EL1, BAS 0b1111 for a breakpoint and
// byte masks for a watchpoint, LSC loads, stores or both. Nothing the model
// leaves unmodelled (linked or context breakpoints, MASK, other privilege
// selections) is generated.
//
// Values come from small pools that do not overlap, so that a reader of a
// counterexample can tell whose value a register holds: the host's
// (0x4057_xxxx), userspace's and the guest's (addresses of lines and data,
// control words as above).
//
// Every choice comes from a Source: Below(n) is a number in [0, n), and 0
// is the simplest choice (the first of a weighted list), so that shrinking a
// choice towards 0 makes the trace plainer. The same code generates for
// RapidCheck (GenTrace: properties shrink it), for the campaign
// (GenerateSequence: a fast source, no allocation beyond the trace) and for
// the campaign's shrink pre-pass (ShrinkableSequence: RapidCheck's shrink
// tree of the very sequence the campaign found). Generation does not depend
// on the vCPU state: every sequence of operations is valid, so shrinking may
// drop any operation.
#ifndef DBGREF_PROPS_GENERATORS_H_
#define DBGREF_PROPS_GENERATORS_H_

#include <rapidcheck.h>

#include <cstdint>
#include <vector>

#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::props {

// The host's own register values: recognisable, never the guest's.
uint64_t HostRegisterValue(int bank, int index);

// ID_AA64DFR0_EL1 with the given BRPs and WRPs fields (count - 1) and
// DebugVer 6 (Armv8 debug).
uint64_t Dfr0(uint32_t brps_field, uint32_t wrps_field);

// The control words of a breakpoint and a watchpoint, from their fields
// (enabled, privilege 0b01 or 0b11, BAS, LSC).
uint64_t BreakpointControl(bool enabled, uint32_t pmc);
uint64_t WatchpointControl(bool enabled, uint32_t pac, uint32_t lsc,
                           uint32_t bas);

// A fast, deterministic source (splitmix64), that can record its choices.
class FastSource {
 public:
  explicit FastSource(uint64_t seed, std::vector<uint64_t>* record = nullptr)
      : state_(seed), record_(record) {}
  uint64_t Below(uint64_t n);

 private:
  uint64_t state_;
  std::vector<uint64_t>* record_;
};

// The default number of operations of a sequence, at most.
inline constexpr int kDefaultMaxOps = 24;

// Sequence generation with any source: the host, the program, then 1 to
// max_ops operations. out is overwritten; its operation vector keeps its
// capacity.
template <class Source>
void GenerateTrace(Source& source, int max_ops, trace::Trace& out);

// The sequence a fast source seeded with `seed` generates; `choices`, when
// given, receives the choices made (for ShrinkableSequence).
void GenerateSequence(uint64_t seed, int max_ops, trace::Trace& out,
                      std::vector<uint64_t>* choices = nullptr);

// RapidCheck's generator of traces.
rc::Gen<trace::Trace> GenTrace(int max_ops = kDefaultMaxOps);

// The trace that `choices` (recorded by GenerateSequence) make, with
// RapidCheck's shrink tree over those choices.
rc::Shrinkable<trace::Trace> ShrinkableSequence(
    const std::vector<uint64_t>& choices, int max_ops);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_GENERATORS_H_
