// docs/trace-format.md agrees with the parser: its example trace parses,
// and the message it quotes for a v1 trace is the parser's.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "trace/parse.h"

namespace dbgref::trace {
namespace {

// The text of each ``` block of the file.
std::vector<std::string> CodeBlocks(const std::string& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  std::vector<std::string> blocks;
  bool in = false;
  for (absl::string_view line : absl::StrSplit(text.str(), '\n')) {
    if (absl::StartsWith(line, "```")) {
      if (!in) blocks.emplace_back();
      in = !in;
      continue;
    }
    if (in) absl::StrAppend(&blocks.back(), line, "\n");
  }
  return blocks;
}

TEST(TraceFormatDoc, TheExampleParses) {
  const std::vector<std::string> blocks = CodeBlocks("docs/trace-format.md");
  ASSERT_GE(blocks.size(), 3u);
  absl::StatusOr<Trace> trace = ParseTrace(blocks[0]);
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(trace->program.count, 8u);
  EXPECT_EQ(trace->ops.size(), 3u);
}

TEST(TraceFormatDoc, QuotesTheMessageForAV1Trace) {
  const std::vector<std::string> blocks = CodeBlocks("docs/trace-format.md");
  ASSERT_GE(blocks.size(), 3u);
  absl::StatusOr<Trace> trace = ParseTrace("dbgref-trace v1\nrun\n");
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(blocks[1], std::string(trace.status().message()) + "\n");
}

}  // namespace
}  // namespace dbgref::trace
