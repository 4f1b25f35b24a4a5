// Parser and printer for the dbgref trace format (see trace.h).

#include "tools/trace.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/arch/registers.h"
#include "model/record.h"
#include "model/uapi.h"

namespace dbgref {
namespace {

struct Token {
  absl::string_view text;
  int column;  // 1-based
};

struct Line {
  int number;  // 1-based
  std::vector<Token> tokens;
};

absl::Status ErrorAt(int line, int column, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line, ", column ", column, ": ", what));
}

// Splits a line into whitespace-separated tokens; '#' starts a comment.
std::vector<Token> Tokenize(absl::string_view line) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#') break;
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' &&
           line[i] != '\r' && line[i] != '#') {
      ++i;
    }
    tokens.push_back(
        {line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return tokens;
}

// Parses "0x..." (hex) or decimal into a uint64_t; rejects anything else.
bool ParseU64(absl::string_view text, uint64_t* out) {
  uint64_t base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    uint64_t digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<uint64_t>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<uint64_t>(c - 'A' + 10);
    } else {
      return false;
    }
    if (digit >= base) return false;
    if (value > (UINT64_MAX - digit) / base) return false;  // overflow
    value = value * base + digit;
  }
  *out = value;
  return true;
}

absl::StatusOr<uint64_t> NumberAt(const Line& line, absl::string_view text,
                                  int column, uint64_t max) {
  uint64_t value;
  if (!ParseU64(text, &value)) {
    return ErrorAt(line.number, column,
                   absl::StrCat("expected a number (decimal or 0x hex), got '",
                                text, "'"));
  }
  if (value > max) {
    return ErrorAt(line.number, column,
                   absl::StrCat("number ", text, " does not fit in ",
                                max == UINT32_MAX ? "32" : "64", " bits"));
  }
  return value;
}

struct NamedBit {
  absl::string_view name;
  uint32_t bit;
};

constexpr NamedBit kControlBits[] = {
    {"ENABLE", KVM_GUESTDBG_ENABLE},
    {"SINGLESTEP", KVM_GUESTDBG_SINGLESTEP},
    {"USE_SW_BP", KVM_GUESTDBG_USE_SW_BP},
    {"USE_HW", KVM_GUESTDBG_USE_HW},
};

absl::StatusOr<uint32_t> ControlAt(const Line& line, absl::string_view text,
                                   int column) {
  if (text.empty()) {
    return ErrorAt(line.number, column, "control= needs a value");
  }
  uint32_t control = 0;
  int part_column = column;
  for (absl::string_view part : absl::StrSplit(text, '|')) {
    bool named = false;
    for (const NamedBit& bit : kControlBits) {
      if (part == bit.name || (part == "USE_HW_BP" && bit.name == "USE_HW")) {
        control |= bit.bit;
        named = true;
      }
    }
    if (!named) {
      uint64_t value;
      if (!ParseU64(part, &value) || value > UINT32_MAX) {
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

struct Bank {
  absl::string_view prefix;  // as in the register name, e.g. "DBGBCR"
  absl::string_view key;     // as in a key=value argument, e.g. "bcr"
  uint32_t reg_kind;
};

constexpr Bank kBanks[] = {
    {"DBGBCR", "bcr", DBGREF_REG_BCR},
    {"DBGBVR", "bvr", DBGREF_REG_BVR},
    {"DBGWCR", "wcr", DBGREF_REG_WCR},
    {"DBGWVR", "wvr", DBGREF_REG_WVR},
};

uint64_t* BankEntry(kvm_guest_debug_arch& arch, uint32_t reg_kind,
                    uint32_t index) {
  switch (reg_kind) {
    case DBGREF_REG_BCR:
      return &arch.dbg_bcr[index];
    case DBGREF_REG_BVR:
      return &arch.dbg_bvr[index];
    case DBGREF_REG_WCR:
      return &arch.dbg_wcr[index];
    default:
      return &arch.dbg_wvr[index];
  }
}

// Parses the decimal index 0..15 that follows a bank prefix.
bool ParseIndex(absl::string_view digits, uint32_t* index) {
  if (digits.empty() || digits.size() > 2) return false;
  if (digits.size() == 2 && digits[0] == '0') return false;
  uint64_t value;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  if (!ParseU64(digits, &value) || value >= KVM_ARM_MAX_DBG_REGS) return false;
  *index = static_cast<uint32_t>(value);
  return true;
}

// "bcr3" (with an optional "host." prefix already removed) to bank+index.
bool ParseBankKey(absl::string_view key, uint32_t* reg_kind, uint32_t* index) {
  for (const Bank& bank : kBanks) {
    if (key.size() > bank.key.size() &&
        key.substr(0, bank.key.size()) == bank.key &&
        ParseIndex(key.substr(bank.key.size()), index)) {
      *reg_kind = bank.reg_kind;
      return true;
    }
  }
  return false;
}

absl::StatusOr<dbgref_action> RegisterAt(const Line& line, const Token& tok) {
  dbgref_action action{};
  action.kind = DBGREF_ACTION_ACCESS;
  if (tok.text == "MDSCR_EL1") {
    action.reg_kind = DBGREF_REG_MDSCR;
    return action;
  }
  if (tok.text == "MDCCINT_EL1") {
    action.reg_kind = DBGREF_REG_MDCCINT;
    return action;
  }
  for (const Bank& bank : kBanks) {
    absl::string_view name = tok.text;
    if (name.size() > bank.prefix.size() + 4 &&
        name.substr(0, bank.prefix.size()) == bank.prefix &&
        name.substr(name.size() - 4) == "_EL1" &&
        ParseIndex(name.substr(bank.prefix.size(),
                               name.size() - bank.prefix.size() - 4),
                   &action.index)) {
      action.reg_kind = bank.reg_kind;
      return action;
    }
  }
  return ErrorAt(line.number, tok.column,
                 absl::StrCat("unknown debug register '", tok.text,
                              "' (DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, "
                              "DBGWVR<n>_EL1 with n 0..15, MDSCR_EL1, "
                              "MDCCINT_EL1)"));
}

// A key=value argument.
struct Argument {
  absl::string_view key;
  absl::string_view value;
  int key_column;
  int value_column;
};

absl::StatusOr<Argument> ArgumentAt(const Line& line, const Token& tok) {
  size_t eq = tok.text.find('=');
  if (eq == absl::string_view::npos || eq == 0) {
    return ErrorAt(line.number, tok.column,
                   absl::StrCat("expected key=value, got '", tok.text, "'"));
  }
  return Argument{tok.text.substr(0, eq), tok.text.substr(eq + 1), tok.column,
                  tok.column + static_cast<int>(eq) + 1};
}

// Rejects a key given twice on one line.
absl::Status CheckUnique(const Line& line, std::vector<std::string>& seen,
                         const Argument& arg) {
  for (const std::string& key : seen) {
    if (key == arg.key) {
      return ErrorAt(line.number, arg.key_column,
                     absl::StrCat("'", arg.key, "' given twice"));
    }
  }
  seen.emplace_back(arg.key);
  return absl::OkStatus();
}

absl::Status ParseHost(const Line& line, dbgref_host* host) {
  std::vector<std::string> seen;
  bool have_dfr0 = false;
  for (size_t i = 1; i < line.tokens.size(); ++i) {
    absl::StatusOr<Argument> arg = ArgumentAt(line, line.tokens[i]);
    if (!arg.ok()) return arg.status();
    absl::Status unique = CheckUnique(line, seen, *arg);
    if (!unique.ok()) return unique;
    absl::StatusOr<uint64_t> value =
        NumberAt(line, arg->value, arg->value_column, UINT64_MAX);
    if (!value.ok()) return value.status();
    uint32_t reg_kind, index;
    if (arg->key == "id_aa64dfr0") {
      host->id_aa64dfr0_el1 = *value;
      have_dfr0 = true;
    } else if (arg->key.substr(0, 5) == "host." &&
               ParseBankKey(arg->key.substr(5), &reg_kind, &index)) {
      *BankEntry(host->host_regs, reg_kind, index) = *value;
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

absl::StatusOr<dbgref_op> ParseIoctl(const Line& line) {
  if (line.tokens.size() < 2) {
    return ErrorAt(line.number, line.tokens[0].column,
                   "ioctl needs set_guest_debug or check_extension");
  }
  const Token& which = line.tokens[1];
  std::vector<std::string> seen;
  if (which.text == "set_guest_debug") {
    dbgref_op op{};
    op.kind = DBGREF_OP_SET_GUEST_DEBUG;
    bool have_control = false;
    for (size_t i = 2; i < line.tokens.size(); ++i) {
      absl::StatusOr<Argument> arg = ArgumentAt(line, line.tokens[i]);
      if (!arg.ok()) return arg.status();
      absl::Status unique = CheckUnique(line, seen, *arg);
      if (!unique.ok()) return unique;
      uint32_t reg_kind, index;
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
      } else if (ParseBankKey(arg->key, &reg_kind, &index)) {
        absl::StatusOr<uint64_t> value =
            NumberAt(line, arg->value, arg->value_column, UINT64_MAX);
        if (!value.ok()) return value.status();
        *BankEntry(op.dbg.arch, reg_kind, index) = *value;
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
  if (which.text == "check_extension") {
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
    dbgref_op op{};
    op.kind = DBGREF_OP_CHECK_EXTENSION;
    if (arg->value == "hw_bps") {
      op.cap = DBGREF_CAP_HW_BPS;
    } else if (arg->value == "hw_wps") {
      op.cap = DBGREF_CAP_HW_WPS;
    } else if (arg->value == "other") {
      op.cap = DBGREF_CAP_OTHER;
    } else {
      return ErrorAt(line.number, arg->value_column,
                     absl::StrCat("unknown capability '", arg->value,
                                  "' (hw_bps, hw_wps, other)"));
    }
    return op;
  }
  return ErrorAt(line.number, which.column,
                 absl::StrCat("unknown ioctl '", which.text,
                              "' (set_guest_debug, check_extension)"));
}

absl::StatusOr<dbgref_op> ParseRun(const Line& line) {
  if (line.tokens.size() < 2) {
    return ErrorAt(line.number, line.tokens[0].column,
                   "run needs read, write or exception");
  }
  const Token& what = line.tokens[1];
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  if (what.text == "read" || what.text == "write") {
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
    op.action = *action;
    op.action.is_write = is_write ? 1 : 0;
    if (is_write) {
      absl::StatusOr<uint64_t> value = NumberAt(
          line, line.tokens[3].text, line.tokens[3].column, UINT64_MAX);
      if (!value.ok()) return value.status();
      op.action.value = *value;
    }
    return op;
  }
  if (what.text == "exception") {
    op.action.kind = DBGREF_ACTION_EXCEPTION;
    std::vector<std::string> seen;
    bool have_esr = false;
    for (size_t i = 2; i < line.tokens.size(); ++i) {
      absl::StatusOr<Argument> arg = ArgumentAt(line, line.tokens[i]);
      if (!arg.ok()) return arg.status();
      absl::Status unique = CheckUnique(line, seen, *arg);
      if (!unique.ok()) return unique;
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
  return ErrorAt(line.number, what.column,
                 absl::StrCat("unknown guest action '", what.text,
                              "' (read, write, exception)"));
}

std::string Hex(uint64_t value) { return absl::StrCat("0x", absl::Hex(value)); }

}  // namespace

absl::StatusOr<Trace> ParseTrace(absl::string_view text) {
  Trace trace;
  bool have_header = false;
  bool have_host = false;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    for (size_t i = 0; i < raw.size(); ++i) {
      const unsigned char u = static_cast<unsigned char>(raw[i]);
      if ((u < 0x20 && u != '\t' && u != '\r') || u >= 0x7f) {
        return ErrorAt(number, static_cast<int>(i) + 1,
                       "unexpected non-printable or non-ASCII byte");
      }
    }
    Line line{number, Tokenize(raw)};
    if (line.tokens.empty()) continue;
    const Token& first = line.tokens[0];
    if (!have_header) {
      if (first.text != "dbgref-trace") {
        return ErrorAt(
            number, first.column,
            absl::StrCat("expected the header '", kTraceHeader, "'"));
      }
      if (line.tokens.size() != 2) {
        return ErrorAt(number, first.column,
                       absl::StrCat("the header is '", kTraceHeader, "'"));
      }
      if (line.tokens[1].text != "v1") {
        return ErrorAt(
            number, line.tokens[1].column,
            absl::StrCat("unsupported trace version '", line.tokens[1].text,
                         "' (this dbgref reads v1)"));
      }
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

std::string ControlName(uint32_t control) {
  std::string out;
  uint32_t rest = control;
  for (const NamedBit& bit : kControlBits) {
    if (control & bit.bit) {
      absl::StrAppend(&out, out.empty() ? "" : "|", bit.name);
      rest &= ~bit.bit;
    }
  }
  if (rest != 0 || out.empty()) {
    absl::StrAppend(&out, out.empty() ? "" : "|", Hex(rest));
  }
  return out;
}

std::string RegisterName(uint32_t reg_kind, uint32_t index) {
  switch (reg_kind) {
    case DBGREF_REG_MDSCR:
      return "MDSCR_EL1";
    case DBGREF_REG_MDCCINT:
      return "MDCCINT_EL1";
    default:
      break;
  }
  for (const Bank& bank : kBanks) {
    if (bank.reg_kind == reg_kind) {
      return absl::StrCat(bank.prefix, index, "_EL1");
    }
  }
  return absl::StrCat("UNKNOWN_REG", reg_kind);
}

std::string FormatOp(const dbgref_op& op) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      std::string line = absl::StrCat("ioctl set_guest_debug control=",
                                      ControlName(op.dbg.control));
      if (op.dbg.pad != 0) absl::StrAppend(&line, " pad=", Hex(op.dbg.pad));
      kvm_guest_debug_arch arch = op.dbg.arch;
      for (const Bank& bank : kBanks) {
        for (uint32_t i = 0; i < KVM_ARM_MAX_DBG_REGS; ++i) {
          uint64_t value = *BankEntry(arch, bank.reg_kind, i);
          if (value != 0) {
            absl::StrAppend(&line, " ", bank.key, i, "=", Hex(value));
          }
        }
      }
      return line;
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat("ioctl check_extension cap=",
                          op.cap == DBGREF_CAP_HW_BPS   ? "hw_bps"
                          : op.cap == DBGREF_CAP_HW_WPS ? "hw_wps"
                                                        : "other");
    case DBGREF_OP_RUN:
      if (op.action.kind == DBGREF_ACTION_ACCESS) {
        std::string reg = RegisterName(op.action.reg_kind, op.action.index);
        return op.action.is_write
                   ? absl::StrCat("run write ", reg, " ", Hex(op.action.value))
                   : absl::StrCat("run read ", reg);
      }
      return absl::StrCat("run exception esr=", Hex(op.action.esr),
                          " pc=", Hex(op.action.pc),
                          " far=", Hex(op.action.far));
    default:
      return absl::StrCat("# unknown operation kind ", op.kind);
  }
}

std::string FormatTrace(const Trace& trace) {
  std::string out = absl::StrCat(kTraceHeader, "\n");
  absl::StrAppend(&out, "host id_aa64dfr0=", Hex(trace.host.id_aa64dfr0_el1));
  kvm_guest_debug_arch host_regs = trace.host.host_regs;
  for (const Bank& bank : kBanks) {
    for (uint32_t i = 0; i < KVM_ARM_MAX_DBG_REGS; ++i) {
      uint64_t value = *BankEntry(host_regs, bank.reg_kind, i);
      if (value != 0) {
        absl::StrAppend(&out, " host.", bank.key, i, "=", Hex(value));
      }
    }
  }
  absl::StrAppend(&out, "\n");
  for (const dbgref_op& op : trace.ops) {
    absl::StrAppend(&out, FormatOp(op), "\n");
  }
  return out;
}

dbgref_op SetGuestDebugOp(uint32_t control, const kvm_guest_debug_arch& arch) {
  dbgref_op op{};
  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
  op.dbg.control = control;
  op.dbg.arch = arch;
  return op;
}

dbgref_op CheckExtensionOp(uint32_t cap) {
  dbgref_op op{};
  op.kind = DBGREF_OP_CHECK_EXTENSION;
  op.cap = cap;
  return op;
}

dbgref_op GuestReadOp(uint32_t reg_kind, uint32_t index) {
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_ACCESS;
  op.action.reg_kind = reg_kind;
  op.action.index = index;
  return op;
}

dbgref_op GuestWriteOp(uint32_t reg_kind, uint32_t index, uint64_t value) {
  dbgref_op op = GuestReadOp(reg_kind, index);
  op.action.is_write = 1;
  op.action.value = value;
  return op;
}

dbgref_op GuestExceptionOp(uint32_t esr, uint64_t pc, uint64_t far) {
  dbgref_op op{};
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_EXCEPTION;
  op.action.esr = esr;
  op.action.pc = pc;
  op.action.far = far;
  return op;
}

}  // namespace dbgref
