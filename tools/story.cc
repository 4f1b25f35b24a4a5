// Operations and their outcomes in a reviewer's terms (see story.h).

#include "tools/story.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/arch/registers.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "trace/names.h"

namespace dbgref::tools {
namespace {

using trace::Hex;

const char* ExceptionClassName(uint32_t ec) {
  switch (ec) {
    case DBGREF_EC_BREAKPT_LOW:
      return "hardware breakpoint";
    case DBGREF_EC_SOFTSTP_LOW:
      return "software step";
    case DBGREF_EC_WATCHPT_LOW:
      return "watchpoint";
    case DBGREF_EC_BKPT32:
      return "BKPT";
    case DBGREF_EC_BRK64:
      return "BRK";
    case DBGREF_EC_SYS64:
      return "system register trap";
    case DBGREF_EC_WFX:
      return "WFI/WFE";
    case DBGREF_EC_HVC64:
      return "HVC";
    case DBGREF_EC_DABT_LOW:
      return "data abort";
    case DBGREF_EC_IABT_LOW:
      return "instruction abort";
    default:
      return nullptr;
  }
}

std::string AccessText(const dbgref_op& op, const dbgref_obs& obs) {
  const std::string reg =
      trace::RegisterName(op.action.reg_kind, op.action.index);
  const char* how = obs.trapped ? "trapped" : "direct";
  std::string text = op.action.is_write
                         ? absl::StrCat("guest: writes ", reg, " = ",
                                        Hex(op.action.value), " (", how, ")")
                         : absl::StrCat("guest: reads ", reg, " (", how, ")");
  if (obs.undef) return absl::StrCat(text, ", gets an UNDEF");
  if (!op.action.is_write) absl::StrAppend(&text, " -> ", Hex(obs.read_value));
  return text;
}

std::string ExceptionText(const dbgref_op& op, const dbgref_obs& obs) {
  const uint32_t ec = (op.action.esr >> DBGREF_ESR_EC_SHIFT) &
                      static_cast<uint32_t>(DBGREF_ESR_EC_MASK);
  const char* name = ExceptionClassName(ec);
  std::string text =
      absl::StrCat("guest: ", name ? name : "exception", " (EC ", Hex(ec),
                   ", esr ", Hex(op.action.esr), ") at pc ", Hex(op.action.pc));
  if (ec == DBGREF_EC_WATCHPT_LOW)
    absl::StrAppend(&text, ", far ", Hex(op.action.far));
  if (obs.exit_reason == KVM_EXIT_DEBUG) {
    absl::StrAppend(&text, " -> KVM_EXIT_DEBUG hsr=", Hex(obs.hsr),
                    " pc=", Hex(obs.pc));
    if (ec == DBGREF_EC_WATCHPT_LOW)
      absl::StrAppend(&text, " far=", Hex(obs.far));
  } else {
    absl::StrAppend(&text, " -> no exit to userspace");
  }
  return text;
}

}  // namespace

std::string DescribeStep(const dbgref_op& op, const dbgref_obs& obs) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      const std::string arch = trace::RegisterList(op.dbg.arch, "");
      std::string text =
          absl::StrCat("userspace: KVM_SET_GUEST_DEBUG(",
                       op.dbg.control == 0 ? std::string("0")
                                           : trace::ControlName(op.dbg.control),
                       arch.empty() ? "" : ", ", arch, ")");
      if (obs.ret != 0) {
        absl::StrAppend(
            &text, " -> ",
            obs.ret == -DBGREF_EINVAL ? "-EINVAL" : absl::StrCat(obs.ret));
      }
      return text;
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat(
          "userspace: KVM_CHECK_EXTENSION(",
          op.cap == DBGREF_CAP_HW_BPS   ? "KVM_CAP_GUEST_DEBUG_HW_BPS"
          : op.cap == DBGREF_CAP_HW_WPS ? "KVM_CAP_GUEST_DEBUG_HW_WPS"
                                        : "another capability",
          ") -> ", obs.ret);
    case DBGREF_OP_RUN:
      return op.action.kind == DBGREF_ACTION_ACCESS ? AccessText(op, obs)
                                                    : ExceptionText(op, obs);
    default:
      return absl::StrCat("unknown operation ", op.kind);
  }
}

std::vector<FieldDifference> Differences(const dbgref_obs& expected,
                                         const dbgref_obs& actual) {
  // model::ObsDiff prints "field: expected != actual", one line each.
  std::vector<FieldDifference> out;
  for (absl::string_view line : absl::StrSplit(model::ObsDiff(expected, actual),
                                               '\n', absl::SkipEmpty())) {
    const size_t colon = line.find(": ");
    const size_t neq = line.find(" != ");
    if (colon == absl::string_view::npos || neq == absl::string_view::npos) {
      continue;
    }
    out.push_back(
        FieldDifference{std::string(line.substr(0, colon)),
                        std::string(line.substr(colon + 2, neq - colon - 2)),
                        std::string(line.substr(neq + 4))});
  }
  return out;
}

}  // namespace dbgref::tools
