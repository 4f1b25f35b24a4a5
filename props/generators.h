// RapidCheck generators of host configurations, operations and whole
// traces, with the weights of realistic use: mostly KVM_RUN iterations,
// KVM_SET_GUEST_DEBUG with valid control words (sometimes invalid ones, or
// none at all) and QEMU's register encodings, and guest accesses and
// exceptions of every kind.
//
// Values come from small pools that do not overlap, so that a reader of a
// counterexample can tell whose value a register holds: the host's
// (0x4057_xxxx), userspace's (QEMU encodings and addresses around
// 0x400000) or the guest's (0x1001, 0x20e5, ...). Generation does not
// depend on the vCPU state: every sequence of operations is valid, so
// shrinking may drop any operation.
#ifndef DBGREF_PROPS_GENERATORS_H_
#define DBGREF_PROPS_GENERATORS_H_

#include <rapidcheck.h>

#include <cstdint>

#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::props {

// The host's own register values: recognisable, never the guest's.
uint64_t HostRegisterValue(int bank, int index);

// ID_AA64DFR0_EL1 with the given BRPs and WRPs fields (count - 1) and
// DebugVer 6 (Armv8 debug).
uint64_t Dfr0(uint32_t brps_field, uint32_t wrps_field);

// A host: BRPs and WRPs over 0..15 (the common 6 and 4 most often), and
// its own debug registers either recognisable or all zero.
rc::Gen<dbgref_host> GenHost();

// KVM_SET_GUEST_DEBUG control words: mostly ENABLE with valid bits,
// sometimes without ENABLE (guest debug off), sometimes with an invalid bit.
rc::Gen<uint32_t> GenControl();

// Userspace's kvm_guest_debug_arch: a few entries with QEMU's encodings
// (BCR 0x1e7, BVR an address; WCR 0x1e17, WVR the address aligned down to
// 8), the rest 0.
rc::Gen<kvm_guest_debug_arch> GenUserspaceRegs();

// One operation, with the campaign's weights.
rc::Gen<dbgref_op> GenOp();

// A host and up to max_ops operations.
rc::Gen<trace::Trace> GenTrace(int max_ops);

}  // namespace dbgref::props

namespace dbgref::trace {
// How RapidCheck prints a generated trace: the trace file text.
void showValue(const Trace& trace, std::ostream& os);
}  // namespace dbgref::trace

// How RapidCheck prints a generated host: its trace line.
void showValue(const dbgref_host& host, std::ostream& os);

#endif  // DBGREF_PROPS_GENERATORS_H_
