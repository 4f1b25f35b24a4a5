// The host line and the operations (see parse_op.h).
#include "trace/parse_op.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/lexer.h"
#include "trace/names.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace::parse_internal {
namespace {

using lexer::Argument;
using lexer::ArgumentAt;
using lexer::ErrorAt;
using lexer::Line;
using lexer::NumberAt;
using lexer::Token;
using lexer::UniqueArgumentAt;

constexpr absl::string_view kIoctls =
    "set_guest_debug, check_extension, get_one_reg, set_one_reg, vcpu_init";

// The tokens after the first `words` must number exactly n; usage says
// what they are.
absl::Status ArgumentCount(const Line& line, size_t words, size_t n,
                           absl::string_view usage) {
  const size_t have = line.tokens.size() - words;
  if (have == n) return absl::OkStatus();
  const Token& at = have > n ? line.tokens[words + n] : line.tokens[words - 1];
  return ErrorAt(line.number, at.column, usage);
}

absl::StatusOr<uint32_t> ControlAt(const Line& line, absl::string_view text,
                                   int column) {
  if (text.empty()) {
    return ErrorAt(line.number, column, "control= needs a value");
  }
  uint32_t control = 0;
  int part_column = column;
  for (absl::string_view part : absl::StrSplit(text, '|')) {
    if (const std::optional<uint32_t> bit = FindControlBit(part)) {
      control |= *bit;
    } else {
      uint64_t value;
      if (!lexer::ParseU64(part, &value) || value > UINT32_MAX) {
        return ErrorAt(line.number, part_column,
                       absl::StrCat("unknown control bit '", part,
                                    "' (ENABLE, SINGLESTEP, USE_SW_BP, "
                                    "USE_HW or a 32-bit number)"));
      }
      control |= static_cast<uint32_t>(value);
    }
    part_column += static_cast<int>(part.size()) + 1;
  }
  return control;
}

absl::StatusOr<dbgref_op> ParseSetGuestDebug(const Line& line) {
  const Token& which = line.tokens[1];
  std::vector<std::string> seen;
  dbgref_op op = SetGuestDebugOp(0);
  bool have_control = false;
  for (size_t i = 2; i < line.tokens.size(); ++i) {
    absl::StatusOr<Argument> arg = UniqueArgumentAt(line, line.tokens[i], seen);
    if (!arg.ok()) return arg.status();
    if (arg->key == "control") {
      absl::StatusOr<uint32_t> control =
          ControlAt(line, arg->value, arg->value_column);
      if (!control.ok()) return control.status();
      op.dbg.control = *control;
      have_control = true;
    } else if (arg->key == "pad") {
      absl::StatusOr<uint64_t> pad =
          NumberAt(line, arg->value, arg->value_column, UINT32_MAX);
      if (!pad.ok()) return pad.status();
      op.dbg.pad = static_cast<uint32_t>(*pad);
    } else if (const std::optional<Register> reg =
                   FindRegisterByKey(arg->key)) {
      absl::StatusOr<uint64_t> value =
          NumberAt(line, arg->value, arg->value_column, UINT64_MAX);
      if (!value.ok()) return value.status();
      model::RegisterBank(op.dbg.arch, reg->reg_kind)[reg->index] = *value;
    } else {
      return ErrorAt(line.number, arg->key_column,
                     absl::StrCat("unknown set_guest_debug field '", arg->key,
                                  "' (control, pad, bcr<n>, bvr<n>, "
                                  "wcr<n>, wvr<n> with n 0..15)"));
    }
  }
  if (!have_control) {
    return ErrorAt(line.number, which.column,
                   "set_guest_debug needs control=<bits>");
  }
  return op;
}

absl::StatusOr<dbgref_op> ParseCheckExtension(const Line& line) {
  if (absl::Status s = ArgumentCount(
          line, 2, 1,
          "check_extension takes exactly cap=<hw_bps|hw_wps|other>");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<Argument> arg = ArgumentAt(line, line.tokens[2]);
  if (!arg.ok()) return arg.status();
  if (arg->key != "cap") {
    return ErrorAt(
        line.number, arg->key_column,
        absl::StrCat("unknown check_extension field '", arg->key, "' (cap)"));
  }
  const std::optional<uint32_t> cap = FindCapability(arg->value);
  if (!cap) {
    return ErrorAt(line.number, arg->value_column,
                   absl::StrCat("unknown capability '", arg->value,
                                "' (hw_bps, hw_wps, other)"));
  }
  return CheckExtensionOp(*cap);
}

absl::StatusOr<OneReg> OneRegAt(const Line& line, const Token& token) {
  const std::optional<OneReg> reg = FindOneRegByName(token.text);
  if (!reg) {
    return ErrorAt(line.number, token.column,
                   absl::StrCat("unknown ONE_REG register '", token.text,
                                "' (PC, PSTATE, MDSCR_EL1, DBGBCR<n>_EL1, "
                                "DBGBVR<n>_EL1, DBGWCR<n>_EL1, DBGWVR<n>_EL1 "
                                "with n 0..15)"));
  }
  return *reg;
}

absl::StatusOr<dbgref_op> ParseGetOneReg(const Line& line) {
  if (absl::Status s =
          ArgumentCount(line, 2, 1, "get_one_reg takes one register");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<OneReg> reg = OneRegAt(line, line.tokens[2]);
  if (!reg.ok()) return reg.status();
  return GetOneRegOp(reg->reg, reg->index);
}

absl::StatusOr<dbgref_op> ParseSetOneReg(const Line& line) {
  if (absl::Status s =
          ArgumentCount(line, 2, 2, "set_one_reg takes a register and a value");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<OneReg> reg = OneRegAt(line, line.tokens[2]);
  if (!reg.ok()) return reg.status();
  const Token& value_token = line.tokens[3];
  absl::StatusOr<uint64_t> value =
      NumberAt(line, value_token.text, value_token.column, UINT64_MAX);
  if (!value.ok()) return value.status();
  if (const std::optional<std::string> problem =
          OneRegValueProblem(reg->reg, *value)) {
    return ErrorAt(line.number, value_token.column, *problem);
  }
  return SetOneRegOp(reg->reg, reg->index, *value);
}

absl::StatusOr<dbgref_op> ParseIoctl(const Line& line) {
  if (line.tokens.size() < 2) {
    return ErrorAt(line.number, line.tokens[0].column,
                   absl::StrCat("ioctl needs one of ", kIoctls));
  }
  const Token& which = line.tokens[1];
  if (which.text == "set_guest_debug") return ParseSetGuestDebug(line);
  if (which.text == "check_extension") return ParseCheckExtension(line);
  if (which.text == "get_one_reg") return ParseGetOneReg(line);
  if (which.text == "set_one_reg") return ParseSetOneReg(line);
  if (which.text == "vcpu_init") {
    if (absl::Status s =
            ArgumentCount(line, 2, 0, "vcpu_init takes nothing after it");
        !s.ok()) {
      return s;
    }
    return VcpuInitOp();
  }
  return ErrorAt(
      line.number, which.column,
      absl::StrCat("unknown ioctl '", which.text, "' (", kIoctls, ")"));
}

}  // namespace

absl::Status ParseHost(const Line& line, dbgref_host* host) {
  std::vector<std::string> seen;
  bool have_dfr0 = false;
  for (size_t i = 1; i < line.tokens.size(); ++i) {
    absl::StatusOr<Argument> arg = UniqueArgumentAt(line, line.tokens[i], seen);
    if (!arg.ok()) return arg.status();
    absl::StatusOr<uint64_t> value =
        NumberAt(line, arg->value, arg->value_column, UINT64_MAX);
    if (!value.ok()) return value.status();
    std::optional<Register> reg;
    if (arg->key == "id_aa64dfr0") {
      host->id_aa64dfr0_el1 = *value;
      have_dfr0 = true;
    } else if (arg->key.substr(0, 5) == "host." &&
               (reg = FindRegisterByKey(arg->key.substr(5)))) {
      model::RegisterBank(host->host_regs, reg->reg_kind)[reg->index] = *value;
    } else {
      return ErrorAt(line.number, arg->key_column,
                     absl::StrCat("unknown host field '", arg->key,
                                  "' (id_aa64dfr0, host.bcr<n>, host.bvr<n>, "
                                  "host.wcr<n>, host.wvr<n>)"));
    }
  }
  if (!have_dfr0) {
    return ErrorAt(line.number, line.tokens[0].column,
                   "host needs id_aa64dfr0=<value>");
  }
  return absl::OkStatus();
}

absl::StatusOr<dbgref_op> ParseOperation(const Line& line) {
  if (line.tokens[0].text == "ioctl") return ParseIoctl(line);
  if (absl::Status s = ArgumentCount(
          line, 1, 0,
          "run takes nothing after it (the guest's instructions are in the "
          "program section)");
      !s.ok()) {
    return s;
  }
  return RunOp();
}

}  // namespace dbgref::trace::parse_internal
