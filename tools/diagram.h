// The debug modes of a vCPU, what the next entry into the guest sets up in
// each, the transitions between them, and the phases of a KVM_RUN, as one
// Graphviz DOT graph. Nothing in it is drawn by hand: it is explored from
// the concrete model (model/concrete.h), so it shows what the model does.
#ifndef DBGREF_TOOLS_DIAGRAM_H_
#define DBGREF_TOOLS_DIAGRAM_H_

#include <string>

namespace dbgref::tools {

// A mode is the vCPU between two KVM_RUNs: the guest-debug control (off,
// ENABLE, SINGLESTEP, USE_HW, both) and the DIRTY flag. Each mode's node
// says what the next KVM_RUN's ENTER step sets up: the MDCR_EL2 traps and
// whose values the hardware debug registers hold while the guest runs (the
// host's, the guest's or userspace's); each edge is an ioctl or a KVM_RUN
// of a one-instruction program that moves the model between modes. A
// second cluster shows the phases of a KVM_RUN (in userspace, in the
// guest, exited to KVM, about to enter again) and the ENTER, GUEST and
// EXIT steps seen moving between them while the modes were explored.
std::string DebugModeDiagramDot();

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_DIAGRAM_H_
