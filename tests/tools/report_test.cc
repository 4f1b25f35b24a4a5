// The report renderers (tools/report.h): the review text fits 72 columns
// and says what the manifest expects, the check text holds each trace and
// its story, the JSON parses and follows docs/report-json.md.

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

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Counterexample SampleCounterexample() {
  Counterexample cx;
  cx.seed = 42;
  cx.operations = 2;
  cx.program_lines = 2;
  cx.trace_text =
      "dbgref-trace v2\nhost id_aa64dfr0=0x305106\nprogram\n"
      "0x10000: msr DBGBVR0_EL1, 0x10004\n0x10004: mrs DBGBVR0_EL1\nend\n"
      "ioctl set_guest_debug control=ENABLE|USE_HW\nrun\n";
  cx.story = {
      "1. KVM_SET_GUEST_DEBUG(ENABLE|USE_HW) -> 0",
      "2. KVM_RUN",
      "   guest at 0x10000: msr DBGBVR0_EL1, 0x10004 -> trapped, KVM "
      "emulates",
      "   guest at 0x10004: mrs DBGBVR0_EL1 -> trapped, KVM emulates: reads "
      "0x10004",
      "     v2 differs here, at the exit (expected: the model):",
      "       read_value: expected 0x10004, actual 0x0",
  };
  cx.details = {"that difference breaks REQ-SHADOW"};
  cx.saved_path = "out/traces/v2/REQ-SHADOW.trace";
  return cx;
}

Report SampleReport() {
  Report report;
  report.revision = "v2";
  report.description = "port: the patch as posted (v2 08/10)";
  report.summary = "1 of 3 requirements hold on v2, 1 broken";
  report.manifest = "props/manifests/v2.txt";
  report.matches_manifest = false;
  RequirementResult holds;
  holds.id = "REQ-CAP";
  holds.title = "HW_BPS and HW_WPS report BRPs+1 and WRPs+1, within 1..16";
  holds.methods = {"proof", "property"};
  holds.expected = Verdict::kHolds;
  RequirementResult broken;
  broken.id = "REQ-SHADOW";
  broken.title =
      "a guest read returns what the guest (or KVM_SET_ONE_REG) last wrote";
  broken.status = Status::kBroken;
  broken.methods = {"proof", "property"};
  broken.expected = Verdict::kHolds;  // the manifest says otherwise
  broken.counterexample = SampleCounterexample();
  RequirementResult unobserved;
  unobserved.id = "REQ-TRAP-TDA";
  unobserved.title = "MDCR_EL2.TDA is in effect on every entry";
  unobserved.status = Status::kNotObserved;
  unobserved.methods = {"proof"};
  report.requirements = {holds, broken, unobserved};
  UnexplainedDifference u;
  u.fields = "pstate";
  u.traces = 3;
  u.example = SampleCounterexample();
  report.unexplained = {u};
  report.timings = {{"proofs", 1.25}, {"campaign \"v2\"", 0.5}};
  report.notes = {"a note"};
  return report;
}

TEST(ReportText, FitsSeventyTwoColumns) {
  const std::string text = RenderText(SampleReport());
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    EXPECT_LE(line.size(), 72u) << line;
  }
  EXPECT_TRUE(Contains(text, "dbgref review of v2 (port: the patch as posted"))
      << text;
  EXPECT_TRUE(Contains(
      text, "REQ-SHADOW        broken       proof, property; manifest says "
            "holds"))
      << text;
  EXPECT_TRUE(Contains(text, "REQ-TRAP-TDA      not observed proof")) << text;
  EXPECT_TRUE(Contains(text, "DIFFERS from what props/manifests/v2.txt expects"))
      << text;
  EXPECT_TRUE(Contains(text,
                       "shortest counterexample (2 operations, 2 program "
                       "lines, seed 42):"))
      << text;
  // The story keeps its indentation under the heading, and wraps 4 in.
  EXPECT_TRUE(Contains(text, "\n         read_value: expected 0x10004, "
                             "actual 0x0\n"))
      << text;
  EXPECT_TRUE(Contains(text,
                       "     guest at 0x10004: mrs DBGBVR0_EL1 -> trapped, "
                       "KVM emulates: reads\n         0x10004\n"))
      << text;
  EXPECT_TRUE(Contains(text, "  trace: out/traces/v2/REQ-SHADOW.trace"))
      << text;
  EXPECT_TRUE(
      Contains(text, "a difference no requirement explains (3 traces): pstate"))
      << text;
}

TEST(ReportText, ExpectationLines) {
  Report r = SampleReport();
  r.matches_manifest = true;
  EXPECT_EQ(ExpectationLine(r), "as props/manifests/v2.txt expects");
  r.manifest = "";
  EXPECT_EQ(ExpectationLine(r),
            "as the reference must: every requirement holds");
  r.matches_manifest.reset();
  EXPECT_EQ(ExpectationLine(r),
            "no manifest: its outcomes have no expectation");
}

TEST(ReportCheck, HoldsTheTraceAndTheStory) {
  const std::string text = RenderCheck(SampleReport());
  EXPECT_TRUE(Contains(text, "== v2 (port: the patch as posted (v2 08/10))\n"))
      << text;
  EXPECT_TRUE(Contains(text, "  REQ-CAP           holds        proof, "
                             "property\n"))
      << text;
  EXPECT_TRUE(Contains(text, "    dbgref-trace v2\n    host "
                             "id_aa64dfr0=0x305106\n    program\n"))
      << text;
  EXPECT_TRUE(Contains(text, "  its story:\n  1. KVM_SET_GUEST_DEBUG")) << text;
  EXPECT_EQ(CheckSummaryLine(SampleReport()),
            "v2           1 broken, 1 not observed, 1 unexplained, DIFFERS "
            "from its manifest");
}

TEST(ReportText, WrapSplitsLongWords) {
  const std::string word(100, 'x');
  std::vector<std::string> lines = WrapLine(word, 72, 4);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 72u);
  EXPECT_EQ(lines[1], std::string(4, ' ') + std::string(28, 'x'));
}

TEST(ReportMarkdown, HasTheTableAndTheTrace) {
  const std::string md = RenderMarkdown(SampleReport());
  EXPECT_TRUE(Contains(md, "| `REQ-SHADOW` | **broken** | proof, property | "
                           "holds |"))
      << md;
  EXPECT_TRUE(Contains(md, "```\ndbgref-trace v2\n")) << md;
  EXPECT_TRUE(Contains(md, "### `REQ-SHADOW` is broken")) << md;
}

TEST(ReportJson, FollowsTheSchema) {
  const std::string json = RenderJson(SampleReport());
  std::optional<Value> doc = testing_json::Parse(json);
  ASSERT_TRUE(doc.has_value()) << json;
  ASSERT_EQ(doc->kind, Value::Kind::kObject);
  for (const char* key :
       {"revision", "description", "summary", "manifest", "matches_manifest",
        "requirements", "unexplained", "timings", "notes"}) {
    EXPECT_TRUE(doc->Has(key)) << key;
  }
  EXPECT_EQ(doc->At("revision").string, "v2");
  EXPECT_EQ(doc->At("manifest").string, "props/manifests/v2.txt");
  EXPECT_EQ(doc->At("matches_manifest").kind, Value::Kind::kBool);
  EXPECT_FALSE(doc->At("matches_manifest").boolean);
  const Value& reqs = doc->At("requirements");
  ASSERT_EQ(reqs.kind, Value::Kind::kArray);
  ASSERT_EQ(reqs.array.size(), 3u);
  for (const Value& r : reqs.array) {
    for (const char* key :
         {"id", "title", "status", "method", "manifest", "counterexample"}) {
      EXPECT_TRUE(r.Has(key)) << key;
    }
  }
  EXPECT_EQ(reqs.array[0].At("status").string, "holds");
  EXPECT_EQ(reqs.array[0].At("method").string, "proof,property");
  EXPECT_EQ(reqs.array[0].At("counterexample").kind, Value::Kind::kNull);
  EXPECT_EQ(reqs.array[2].At("status").string, "not observed");
  EXPECT_EQ(reqs.array[2].At("manifest").string, "");
  const Value& cx = reqs.array[1].At("counterexample");
  for (const char* key : {"seed", "operations", "program_lines", "story",
                          "details", "trace", "saved"}) {
    EXPECT_TRUE(cx.Has(key)) << key;
  }
  EXPECT_EQ(cx.At("seed").number, 42);
  ASSERT_EQ(cx.At("story").array.size(), 6u);
  EXPECT_EQ(cx.At("story").array[5].string,
            "       read_value: expected 0x10004, actual 0x0");
  EXPECT_EQ(cx.At("trace").string.rfind("dbgref-trace v2\n", 0), 0u);
  const Value& u = doc->At("unexplained");
  ASSERT_EQ(u.array.size(), 1u);
  EXPECT_EQ(u.array[0].At("fields").string, "pstate");
  EXPECT_EQ(u.array[0].At("traces").number, 3);
  EXPECT_EQ(doc->At("timings").At("campaign \"v2\"").number, 0.5);
}

TEST(ReportJson, NoManifestIsNull) {
  Report r = SampleReport();
  r.manifest = "";
  r.matches_manifest.reset();
  std::optional<Value> doc = testing_json::Parse(RenderJson(r));
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->At("matches_manifest").kind, Value::Kind::kNull);
}

TEST(ReportJson, SeveralReportsAreOneArray) {
  std::optional<Value> doc =
      testing_json::Parse(RenderJson({SampleReport(), SampleReport()}));
  ASSERT_TRUE(doc.has_value());
  ASSERT_EQ(doc->kind, Value::Kind::kArray);
  EXPECT_EQ(doc->array.size(), 2u);
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
