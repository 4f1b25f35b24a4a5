// The trace parser: the header, the host line and one operation a line
// (see parse.h).
#include "trace/parse.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/arch/registers.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/lexer.h"
#include "trace/names.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

using lexer::Argument;
using lexer::ArgumentAt;
using lexer::ErrorAt;
using lexer::Line;
using lexer::NumberAt;
using lexer::Token;
using lexer::UniqueArgumentAt;

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

absl::StatusOr<dbgref_action> RegisterAt(const Line& line, const Token& tok) {
  const std::optional<Register> reg = FindRegisterByName(tok.text);
  if (!reg) {
    return ErrorAt(
        line.number, tok.column,
        absl::StrCat("unknown debug register '", tok.text,
                     "' (DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, "
                     "DBGWVR<n>_EL1 with n 0..15, MDSCR_EL1, "
                     "MDCCINT_EL1)"));
  }
  dbgref_action action{};
  action.kind = DBGREF_ACTION_ACCESS;
  action.reg_kind = reg->reg_kind;
  action.index = reg->index;
  return action;
}

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

absl::StatusOr<dbgref_op> ParseSetGuestDebug(const Line& line) {
  const Token& which = line.tokens[1];
  std::vector<std::string> seen;
  dbgref_op op{};
  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
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
  const Token& which = line.tokens[1];
  if (line.tokens.size() != 3) {
    return ErrorAt(line.number, which.column,
                   "check_extension takes exactly cap=<hw_bps|hw_wps|other>");
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

absl::StatusOr<dbgref_op> ParseIoctl(const Line& line) {
  if (line.tokens.size() < 2) {
    return ErrorAt(line.number, line.tokens[0].column,
                   "ioctl needs set_guest_debug or check_extension");
  }
  const Token& which = line.tokens[1];
  if (which.text == "set_guest_debug") return ParseSetGuestDebug(line);
  if (which.text == "check_extension") return ParseCheckExtension(line);
  return ErrorAt(line.number, which.column,
                 absl::StrCat("unknown ioctl '", which.text,
                              "' (set_guest_debug, check_extension)"));
}

absl::StatusOr<dbgref_op> ParseAccess(const Line& line) {
  const Token& what = line.tokens[1];
  const bool is_write = what.text == "write";
  const size_t expected = is_write ? 4 : 3;
  if (line.tokens.size() < 3) {
    return ErrorAt(line.number, what.column,
                   absl::StrCat("run ", what.text, " needs a register"));
  }
  if (line.tokens.size() != expected) {
    const Token& extra = line.tokens.size() > expected ? line.tokens[expected]
                                                       : line.tokens.back();
    return ErrorAt(line.number, extra.column,
                   is_write ? "run write takes a register and a value"
                            : "run read takes only a register");
  }
  absl::StatusOr<dbgref_action> action = RegisterAt(line, line.tokens[2]);
  if (!action.ok()) return action.status();
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action = *action;
  op.action.is_write = is_write ? 1 : 0;
  if (is_write) {
    absl::StatusOr<uint64_t> value =
        NumberAt(line, line.tokens[3].text, line.tokens[3].column, UINT64_MAX);
    if (!value.ok()) return value.status();
    op.action.value = *value;
  }
  return op;
}

absl::StatusOr<dbgref_op> ParseException(const Line& line) {
  const Token& what = line.tokens[1];
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_EXCEPTION;
  std::vector<std::string> seen;
  bool have_esr = false;
  for (size_t i = 2; i < line.tokens.size(); ++i) {
    absl::StatusOr<Argument> arg = UniqueArgumentAt(line, line.tokens[i], seen);
    if (!arg.ok()) return arg.status();
    if (arg->key == "esr") {
      absl::StatusOr<uint64_t> esr =
          NumberAt(line, arg->value, arg->value_column, UINT32_MAX);
      if (!esr.ok()) return esr.status();
      if (((*esr >> DBGREF_ESR_EC_SHIFT) & DBGREF_ESR_EC_MASK) ==
          DBGREF_EC_SYS64) {
        return ErrorAt(line.number, arg->value_column,
                       "EC 0x18 (SYS64) is a system register access: "
                       "write it as run read or run write");
      }
      op.action.esr = static_cast<uint32_t>(*esr);
      have_esr = true;
    } else if (arg->key == "pc" || arg->key == "far") {
      absl::StatusOr<uint64_t> value =
          NumberAt(line, arg->value, arg->value_column, UINT64_MAX);
      if (!value.ok()) return value.status();
      (arg->key == "pc" ? op.action.pc : op.action.far) = *value;
    } else {
      return ErrorAt(line.number, arg->key_column,
                     absl::StrCat("unknown exception field '", arg->key,
                                  "' (esr, pc, far)"));
    }
  }
  if (!have_esr) {
    return ErrorAt(line.number, what.column, "exception needs esr=<value>");
  }
  return op;
}

absl::StatusOr<dbgref_op> ParseRun(const Line& line) {
  if (line.tokens.size() < 2) {
    return ErrorAt(line.number, line.tokens[0].column,
                   "run needs read, write or exception");
  }
  const Token& what = line.tokens[1];
  if (what.text == "read" || what.text == "write") return ParseAccess(line);
  if (what.text == "exception") return ParseException(line);
  return ErrorAt(line.number, what.column,
                 absl::StrCat("unknown guest action '", what.text,
                              "' (read, write, exception)"));
}

// The header line, "dbgref-trace v1".
absl::Status ParseHeader(const Line& line) {
  const Token& first = line.tokens[0];
  if (first.text != "dbgref-trace") {
    return ErrorAt(line.number, first.column,
                   absl::StrCat("expected the header '", kTraceHeader, "'"));
  }
  if (line.tokens.size() != 2) {
    return ErrorAt(line.number, first.column,
                   absl::StrCat("the header is '", kTraceHeader, "'"));
  }
  if (line.tokens[1].text != "v1") {
    return ErrorAt(
        line.number, line.tokens[1].column,
        absl::StrCat("unsupported trace version '", line.tokens[1].text,
                     "' (this dbgref reads v1)"));
  }
  return absl::OkStatus();
}

// Only printable ASCII, tabs and carriage returns.
absl::Status CheckBytes(int number, absl::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char u = static_cast<unsigned char>(raw[i]);
    if ((u < 0x20 && u != '\t' && u != '\r') || u >= 0x7f) {
      return ErrorAt(number, static_cast<int>(i) + 1,
                     "unexpected non-printable or non-ASCII byte");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Trace> ParseTrace(absl::string_view text) {
  Trace trace;
  bool have_header = false;
  bool have_host = false;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    if (absl::Status bytes = CheckBytes(number, raw); !bytes.ok()) return bytes;
    Line line{number, lexer::Tokenize(raw)};
    if (line.tokens.empty()) continue;
    const Token& first = line.tokens[0];
    if (!have_header) {
      if (absl::Status header = ParseHeader(line); !header.ok()) return header;
      have_header = true;
      continue;
    }
    if (first.text == "host") {
      if (have_host) {
        return ErrorAt(number, first.column, "a second host line");
      }
      if (!trace.ops.empty()) {
        return ErrorAt(number, first.column,
                       "the host line must come before the operations");
      }
      absl::Status status = ParseHost(line, &trace.host);
      if (!status.ok()) return status;
      have_host = true;
      continue;
    }
    absl::StatusOr<dbgref_op> op;
    if (first.text == "ioctl") {
      op = ParseIoctl(line);
    } else if (first.text == "run") {
      op = ParseRun(line);
    } else {
      return ErrorAt(number, first.column,
                     absl::StrCat("unknown operation '", first.text,
                                  "' (host, ioctl, run)"));
    }
    if (!op.ok()) return op.status();
    trace.ops.push_back(*op);
  }
  if (!have_header) {
    return ErrorAt(
        number, 1,
        absl::StrCat("empty trace: expected the header '", kTraceHeader, "'"));
  }
  return trace;
}

}  // namespace dbgref::trace
