// The mode diagram (tools/diagram.h) shows what the model does: the traps
// of each mode and the transitions the spec describes.

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

TEST(Diagram, OffCleanTrapsAndKeepsHostRegisters) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_TRUE(Contains(dot,
                       "m0_clean [label=\"guest debug off\\nDIRTY clear\\n"
                       "entry traps: TDA\\nhardware holds: host's "
                       "registers\"]"))
      << dot;
}

TEST(Diagram, OffDirtyGivesTheGuestItsRegisters) {
  const std::string dot = DebugModeDiagramDot();
  EXPECT_TRUE(Contains(dot,
                       "m0_dirty [label=\"guest debug off\\nDIRTY set\\n"
                       "entry traps: none\\nhardware holds: guest's "
                       "registers\"]"))
      << dot;
  EXPECT_TRUE(Contains(dot,
                       "m0_clean -> m0_dirty [label=\"run: guest writes "
                       "DBGBVR0_EL1"))
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
}

TEST(Diagram, SingleStepWhenDirtyTrapsThroughTde) {
  const std::string dot = DebugModeDiagramDot();
  // ENABLE|SINGLESTEP is 3: DIRTY set, so TDA is not programmed; TDE is,
  // and the CPU treats TDA as set.
  EXPECT_TRUE(Contains(dot,
                       "m3_dirty [label=\"ENABLE|SINGLESTEP\\nDIRTY "
                       "set\\nentry traps: TDE (TDA implied)"))
      << dot;
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
