// The debug modes of a vCPU, the traps each one sets on entry, and the
// transitions between them, as a Graphviz DOT graph. The graph is not drawn
// by hand: it is explored from the concrete model, so it shows what the
// model does.
#ifndef DBGREF_TOOLS_DIAGRAM_H_
#define DBGREF_TOOLS_DIAGRAM_H_

#include <string>

namespace dbgref::tools {

// A mode is the guest-debug control (off, on, single-step, hardware
// breakpoints, both) and the DIRTY flag. Each node says which MDCR_EL2 traps
// the next entry sets and whose values the hardware debug registers hold
// while the guest runs (the host's, the guest's or userspace's); each edge
// is an ioctl or a KVM_RUN iteration that moves the model between modes.
std::string DebugModeDiagramDot();

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_DIAGRAM_H_
