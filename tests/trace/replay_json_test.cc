// The replay's outcome (trace/outcome.h) and its JSON (trace/replay_json.h):
// the projection of the model's steps onto what userspace and the guest
// see, and a document that parses and follows docs/replay-json.md.

#include "trace/replay_json.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "model/record.h"
#include "model/uapi.h"
#include "tests/report/json_value.h"
#include "trace/file.h"
#include "trace/model_run.h"
#include "trace/outcome.h"
#include "trace/parse.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

using testing_json::Value;

Trace Example(const std::string& name) {
  absl::StatusOr<Trace> t = ReadTraceFile("docs/examples/" + name);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : Trace{};
}

std::vector<OpOutcome> OnModel(const Trace& t) {
  return OutcomesOf(t, RunOnModel(t));
}

TEST(Outcome, IoctlsGiveTheirReturnValueAndValue) {
  const std::vector<OpOutcome> o = OnModel(Example("one_reg.trace"));
  ASSERT_EQ(o.size(), 10u);
  EXPECT_EQ(o[1].ret, 0);
  EXPECT_EQ(o[1].value, 0x10004u);  // KVM_GET_ONE_REG(DBGBVR1_EL1)
  EXPECT_EQ(o[1].exit_reason, 0u);
  EXPECT_TRUE(o[1].reads.empty());
  EXPECT_EQ(o[6].value, 0x20008u);  // what the guest wrote
  const std::vector<OpOutcome> caps =
      OnModel(Example("use_hw_breakpoint.trace"));
  EXPECT_EQ(caps[0].ret, 6);  // KVM_CHECK_EXTENSION: 6 breakpoints
}

TEST(Outcome, AKvmRunGivesItsExitAndTheValuesTheGuestRead) {
  const std::vector<OpOutcome> o = OnModel(Example("one_reg.trace"));
  const OpOutcome& run = o[5];
  EXPECT_EQ(run.exit_reason, uint32_t{KVM_EXIT_MMIO});
  EXPECT_EQ(run.pc, 0x10010u);
  EXPECT_EQ(run.reads, (std::vector<uint64_t>{0x10004, 0x8000}));
  EXPECT_FALSE(run.exception);

  const std::vector<OpOutcome> w = OnModel(Example("watchpoint_store.trace"));
  EXPECT_EQ(w[1].exit_reason, uint32_t{KVM_EXIT_DEBUG});
  EXPECT_EQ(w[1].hsr, 0xd2000062u);
  EXPECT_EQ(w[1].far, 0x20004u);
  EXPECT_EQ(w[1].pc, 0x10004u);
}

TEST(Outcome, DirectAndEmulatedReadsAlike) {
  // The first MRS of DBGBCR0_EL1 traps (the guest's registers are not
  // loaded yet), the second, after the trapped MSR loaded them, does not.
  absl::StatusOr<Trace> t = ParseTrace(
      "dbgref-trace v2\nprogram\n"
      "0x10000: mrs DBGBCR0_EL1\n"
      "0x10004: msr MDSCR_EL1, 0x8000\n"
      "0x10008: mrs DBGBCR0_EL1\n"
      "0x1000c: mrs DBGBCR9_EL1\n"
      "end\n"
      "ioctl set_one_reg DBGBCR0_EL1 0x1e5\n"
      "run\n");
  ASSERT_TRUE(t.ok()) << t.status();
  const std::vector<OpOutcome> o = OnModel(*t);
  // DBGBCR9_EL1 is not implemented on this host: an UNDEF, no read.
  EXPECT_EQ(o[1].reads, (std::vector<uint64_t>{0x1e5, 0x1e5}));
  ASSERT_TRUE(o[1].exception);
  EXPECT_EQ(o[1].exception->esr_el1, 0x2000000u);
  EXPECT_EQ(o[1].exception->elr_el1, 0x1000cu);
}

TEST(Outcome, TheGuestsOwnExceptionAtItsReport) {
  const std::vector<OpOutcome> o = OnModel(Example("brk_no_guest_debug.trace"));
  ASSERT_EQ(o.size(), 2u);
  ASSERT_TRUE(o[0].exception);
  EXPECT_EQ(*o[0].exception, (GuestException{0xf2000007, 0x10000, 0}));
  EXPECT_EQ(o[0].pc, 0x200u);
  EXPECT_FALSE(o[1].exception);
  EXPECT_EQ(o[1].pc, 0x10004u);
}

const Value& Field(const Value& v, const std::string& key) {
  EXPECT_TRUE(v.Has(key)) << key;
  static const Value kNull;
  return v.Has(key) ? v.At(key) : kNull;
}

TEST(ReplayJson, ParsesAndFollowsTheSchema) {
  const Trace t = Example("qemu_gdbstub.trace");
  const std::vector<OpOutcome> outcomes = OnModel(t);
  const std::string json = ReplayJson(t, outcomes, "model");
  const std::optional<Value> doc = testing_json::Parse(json);
  ASSERT_TRUE(doc) << json;
  EXPECT_EQ(Field(*doc, "revision").string, "model");
  EXPECT_EQ(Field(*doc, "trace").string.rfind("dbgref-trace v2\n", 0), 0u);
  const Value& ops = Field(*doc, "ops");
  ASSERT_EQ(ops.kind, Value::Kind::kArray);
  ASSERT_EQ(ops.array.size(), t.ops.size());
  for (size_t i = 0; i < ops.array.size(); ++i) {
    const Value& op = ops.array[i];
    EXPECT_EQ(Field(op, "index").number, static_cast<double>(i + 1));
    EXPECT_EQ(Field(op, "ret").kind, Value::Kind::kNumber);
    EXPECT_EQ(Field(op, "value").kind, Value::Kind::kString);
    EXPECT_EQ(Field(op, "reads").kind, Value::Kind::kArray);
    EXPECT_TRUE(op.Has("exception"));
    const bool run = t.ops[i].kind == DBGREF_OP_RUN;
    EXPECT_EQ(Field(op, "op").string, run ? "run" : Field(op, "op").string);
    const Value& exit = Field(op, "exit");
    EXPECT_EQ(exit.kind, run ? Value::Kind::kObject : Value::Kind::kNull);
    if (run) {
      for (const char* key : {"reason", "hsr", "pc", "far"}) {
        EXPECT_EQ(Field(exit, key).kind, Value::Kind::kString) << key;
      }
      EXPECT_EQ(Field(exit, "code").kind, Value::Kind::kNumber);
    }
  }
  // The watchpoint exit, and the guest's own breakpoint at its report.
  const Value& watch = Field(ops.array[1], "exit");
  EXPECT_EQ(Field(watch, "reason").string, "KVM_EXIT_DEBUG");
  EXPECT_EQ(Field(watch, "code").number, 4);
  EXPECT_EQ(Field(watch, "hsr").string, "0xd2000062");
  EXPECT_EQ(Field(watch, "pc").string, "0x1000c");
  EXPECT_EQ(Field(watch, "far").string, "0x20010");
  const Value& own = Field(ops.array[9], "exception");
  ASSERT_EQ(own.kind, Value::Kind::kObject);
  EXPECT_EQ(Field(own, "esr_el1").string, "0xc6000022");
  EXPECT_EQ(Field(own, "elr_el1").string, "0x10018");
  EXPECT_EQ(Field(own, "far_el1").string, "0x0");
}

TEST(ReplayJson, TheWholeDocumentOfASmallReplay) {
  absl::StatusOr<Trace> t = ParseTrace(
      "dbgref-trace v2\nprogram\n0x10000: mrs MDSCR_EL1\nend\n"
      "ioctl get_one_reg PC\nrun\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(ReplayJson(*t, OnModel(*t), "v2"),
            "{\n"
            "  \"revision\": \"v2\",\n"
            "  \"trace\": \"dbgref-trace v2\\nhost id_aa64dfr0=0x0\\nprogram\\n"
            "0x10000: mrs MDSCR_EL1\\nend\\nioctl get_one_reg PC\\nrun\\n\",\n"
            "  \"ops\": [\n"
            "    {\"index\": 1, \"op\": \"ioctl get_one_reg PC\", \"ret\": 0, "
            "\"value\": \"0x10000\",\n"
            "     \"exit\": null,\n"
            "     \"reads\": [], \"exception\": null},\n"
            "    {\"index\": 2, \"op\": \"run\", \"ret\": 0, \"value\": "
            "\"0x0\",\n"
            "     \"exit\": {\"reason\": \"KVM_EXIT_MMIO\", \"code\": 6, "
            "\"hsr\": \"0x0\", \"pc\": \"0x10004\", \"far\": \"0x0\"},\n"
            "     \"reads\": [\"0x0\"], \"exception\": null}\n"
            "  ]\n"
            "}\n");
}

TEST(ReplayJson, AnEmptyReplayAndTheStringsEscaped) {
  const std::string json = ReplayJson(Trace{}, {}, "a \"quoted\"\\name\n");
  const std::optional<Value> doc = testing_json::Parse(json);
  ASSERT_TRUE(doc) << json;
  EXPECT_EQ(Field(*doc, "revision").string, "a \"quoted\"\\name\n");
  EXPECT_TRUE(Field(*doc, "ops").array.empty());
  EXPECT_EQ(JsonString(std::string("\x01\t", 2)), "\"\\u0001\\t\"");
}

}  // namespace
}  // namespace dbgref::trace
