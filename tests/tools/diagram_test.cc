// The mode diagram (tools/diagram.h) shows what the model does: the traps
// of each mode, the transitions between modes, and the steps of a KVM_RUN
// with the lazy switching of the debug registers.

#include "tools/diagram.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace dbgref::tools {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Diagram, IsOneDotGraph) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_EQ(dot.rfind("// Generated", 0), 0u);
  EXPECT_TRUE(Contains(dot, "digraph debug_modes {"));
  EXPECT_EQ(dot.back(), '\n');
  EXPECT_EQ(dot[dot.size() - 2], '}');
}

TEST(Diagram, OffTrapsAndKeepsHostRegisters) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_TRUE(Contains(dot,
                       "m0_clean [label=\"guest debug off\\nDIRTY clear\\n"
                       "entry traps: TDA\\nhardware holds: host's "
                       "registers\"]"))
      << dot;
}

TEST(Diagram, HardwareBreakpointsTrapAndLoadUserspaceValues) {
  const std::string dot = DebugModeDiagramDot();
  // ENABLE|USE_HW is 0x20001 = 131073.
  EXPECT_TRUE(Contains(dot,
                       "m131073_clean [label=\"ENABLE|USE_HW\\nDIRTY "
                       "clear\\nentry traps: TDA+TDE\\nhardware holds: "
                       "userspace's registers\"]"))
      << dot;
  EXPECT_TRUE(Contains(dot,
                       "m0_clean -> m131073_clean "
                       "[label=\"SET_GUEST_DEBUG(ENABLE|USE_HW)\"]"))
      << dot;
}

// Between two KVM_RUNs the hardware holds no vCPU's registers: every exit
// clears DIRTY (world switch out), so no mode has it set.
TEST(Diagram, NoModeBetweenRunsIsDirty) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_FALSE(Contains(dot, "m0_dirty")) << dot;
  EXPECT_FALSE(Contains(dot, "m3_dirty")) << dot;
  EXPECT_FALSE(Contains(dot, "m131073_dirty")) << dot;
}

// Lazy switching inside one KVM_RUN: a trapped write of a debug register
// is emulated and sets DIRTY; the entry after it traps nothing (guest debug
// off) or only through TDE (SINGLESTEP), and lends the hardware to the
// guest's own registers.
TEST(Diagram, ATrappedWriteMakesTheNextEntryTheGuests) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_TRUE(Contains(dot,
                       "p2_clean -> p3_dirty [label=\"EXIT: emulated, back "
                       "into the guest\"]"))
      << dot;
  const size_t edge = dot.find("p3_dirty -> p1_dirty [label=\"");
  ASSERT_NE(edge, std::string::npos) << dot;
  const std::string label = dot.substr(edge, dot.find('\n', edge) - edge);
  EXPECT_TRUE(Contains(label,
                       "ENTER: entry traps: none, hardware holds: guest's "
                       "registers"))
      << label;
  EXPECT_TRUE(Contains(label,
                       "ENTER: entry traps: TDE (TDA implied), hardware "
                       "holds: guest's registers"))
      << label;
}

TEST(Diagram, TheRunLeavesTheGuestOnlyThroughAnExit) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_TRUE(Contains(dot,
                       "p1_clean -> p2_clean [label=\"GUEST: an exception "
                       "to EL2\"]"))
      << dot;
  EXPECT_TRUE(Contains(dot,
                       "p2_clean -> p0_clean [label=\"EXIT: to userspace, "
                       "KVM_EXIT_DEBUG\\nEXIT: to userspace, "
                       "KVM_EXIT_MMIO\"]"))
      << dot;
  EXPECT_FALSE(Contains(dot, "p1_clean -> p0_clean")) << dot;
}

// docs/debug-modes.dot is what `dbgref diagram docs/debug-modes.dot` prints
// now; regenerate it (and docs/debug-modes.svg) when the model changes.
TEST(Diagram, TheCheckedInDiagramIsCurrent) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  ASSERT_NE(srcdir, nullptr);
  ASSERT_NE(workspace, nullptr);
  std::ifstream file(std::string(srcdir) + "/" + workspace +
                     "/docs/debug-modes.dot");
  ASSERT_TRUE(file) << "docs/debug-modes.dot is missing";
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), DebugModeDiagramDot())
      << "docs/debug-modes.dot is stale: run ./dbgref diagram "
         "docs/debug-modes.dot (and docs/debug-modes.svg)";
}

}  // namespace
}  // namespace dbgref::tools
