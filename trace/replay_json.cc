// The replay's JSON (see replay_json.h and docs/replay-json.md).
#include "trace/replay_json.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "model/record.h"
#include "trace/format.h"
#include "trace/names.h"
#include "trace/outcome.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

std::string HexString(uint64_t value) { return JsonString(Hex(value)); }

std::string ExitJson(const OpOutcome& o) {
  return absl::StrCat(
      "{\"reason\": ", JsonString(ExitReasonName(o.exit_reason)),
      ", \"code\": ", o.exit_reason, ", \"hsr\": ", HexString(o.hsr),
      ", \"pc\": ", HexString(o.pc), ", \"far\": ", HexString(o.far), "}");
}

std::string ExceptionJson(const GuestException& e) {
  return absl::StrCat("{\"esr_el1\": ", HexString(e.esr_el1),
                      ", \"elr_el1\": ", HexString(e.elr_el1),
                      ", \"far_el1\": ", HexString(e.far_el1), "}");
}

std::string OpJson(size_t index, const dbgref_op* op, const OpOutcome& o) {
  const bool run = op != nullptr && op->kind == DBGREF_OP_RUN;
  std::vector<std::string> reads;
  for (uint64_t r : o.reads) reads.push_back(HexString(r));
  return absl::StrCat(
      "    {\"index\": ", index,
      ", \"op\": ", JsonString(op != nullptr ? FormatOp(*op) : ""),
      ", \"ret\": ", o.ret, ", \"value\": ", HexString(o.value),
      ",\n     \"exit\": ", run ? ExitJson(o) : "null", ",\n     \"reads\": [",
      absl::StrJoin(reads, ", "), "]",
      ", \"exception\": ", o.exception ? ExceptionJson(*o.exception) : "null",
      "}");
}

}  // namespace

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ReplayJson(const Trace& trace,
                       const std::vector<OpOutcome>& outcomes,
                       absl::string_view revision) {
  std::vector<std::string> ops;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    ops.push_back(OpJson(i + 1, i < trace.ops.size() ? &trace.ops[i] : nullptr,
                         outcomes[i]));
  }
  return absl::StrCat("{\n  \"revision\": ", JsonString(revision),
                      ",\n  \"trace\": ", JsonString(FormatTrace(trace)),
                      ",\n  \"ops\": [\n", absl::StrJoin(ops, ",\n"),
                      ops.empty() ? "" : "\n", "  ]\n}\n");
}

}  // namespace dbgref::trace
