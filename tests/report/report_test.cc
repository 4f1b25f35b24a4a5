// The review report renderers (tools/report.h): the text fits 72 columns,
// the JSON parses and follows docs/report-json.md.

#include "tools/report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "props/verdict.h"
#include "tests/report/json_value.h"

namespace dbgref::tools {
namespace {

using props::Verdict;
using testing_json::Value;

Report SampleReport() {
  Report report;
  report.revision = "v2";
  report.summary = "2 of 3 requirements hold; 1 is broken.";
  RequirementResult holds{"REQ-CAP",       "capabilities",
                          Verdict::kHolds, {"proof", "property"},
                          Verdict::kHolds, std::nullopt};
  RequirementResult broken{
      "REQ-SHADOW",     "a guest read returns what the guest last wrote",
      Verdict::kBroken, {"property"},
      Verdict::kBroken, std::nullopt};
  CounterexampleStory cx;
  cx.seed = 42;
  cx.steps = {
      {"userspace: KVM_SET_GUEST_DEBUG(ENABLE|USE_HW, bcr0=0x1e7 "
       "bvr0=0x400000 bcr1=0x1e7 bvr1=0x400004 wcr0=0x1e17 wvr0=0x1000)",
       {},
       ""},
      {"guest: writes DBGBVR1_EL1 = 0x1234 (trapped)", {}, ""},
      {"guest: reads DBGBVR1_EL1 (trapped)",
       {{"read_value", "0x1234", "0x0"}},
       "the read returned 0x0, the guest last wrote 0x1234"},
  };
  cx.trace_text = "dbgref-trace v1\nrun read DBGBVR1_EL1\n";
  cx.saved_path = "out/v2-REQ-SHADOW.trace";
  broken.counterexample = cx;
  report.requirements = {holds, broken};
  report.timings = {{"proofs", 1.25}, {"campaign \"v2\"", 0.5}};
  return report;
}

TEST(ReportText, FitsSeventyTwoColumns) {
  const std::string text = RenderText(SampleReport());
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    EXPECT_LE(line.size(), 72u) << line;
  }
  EXPECT_NE(text.find("REQ-SHADOW        broken (property)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("read_value: expected 0x1234, got 0x0"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  2. guest: writes DBGBVR1_EL1 = 0x1234 (trapped)"),
            std::string::npos)
      << text;
}

TEST(ReportText, WrapSplitsLongWords) {
  const std::string word(100, 'x');
  std::vector<std::string> lines = WrapLine(word, 72, 4);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 72u);
  EXPECT_EQ(lines[1], std::string(4, ' ') + std::string(28, 'x'));
}

TEST(ReportJson, FollowsTheSchema) {
  const std::string json = RenderJson(SampleReport());
  std::optional<Value> doc = testing_json::Parse(json);
  ASSERT_TRUE(doc.has_value()) << json;
  ASSERT_EQ(doc->kind, Value::Kind::kObject);
  EXPECT_EQ(doc->At("revision").string, "v2");
  const Value& reqs = doc->At("requirements");
  ASSERT_EQ(reqs.kind, Value::Kind::kArray);
  ASSERT_EQ(reqs.array.size(), 2u);
  EXPECT_EQ(reqs.array[0].At("status").string, "holds");
  EXPECT_EQ(reqs.array[0].At("counterexample").kind, Value::Kind::kNull);
  const Value& cx = reqs.array[1].At("counterexample");
  EXPECT_EQ(cx.At("seed").number, 42);
  ASSERT_EQ(cx.At("steps").array.size(), 3u);
  EXPECT_EQ(
      cx.At("steps").array[2].At("differences").array[0].At("actual").string,
      "0x0");
  EXPECT_EQ(doc->At("timings").At("campaign \"v2\"").number, 0.5);
}

TEST(JsonReader, RejectsMalformed) {
  EXPECT_FALSE(testing_json::Parse("{\"a\": 1,}").has_value());
  EXPECT_FALSE(testing_json::Parse("{\"a\": 1} x").has_value());
  EXPECT_FALSE(testing_json::Parse("\"\n\"").has_value());
  EXPECT_TRUE(
      testing_json::Parse("[1, -2.5e3, null, true, \"\\u0041\"]").has_value());
}

}  // namespace
}  // namespace dbgref::tools
