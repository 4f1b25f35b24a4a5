// Program lines: an address, a colon and an instruction (see
// parse_program.h).
#include "trace/parse_program.h"

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "model/record.h"
#include "trace/lexer.h"
#include "trace/names.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace::parse_internal {
namespace {

using lexer::ErrorAt;
using lexer::Line;
using lexer::NumberAt;
using lexer::Token;

// The error of a rule of valid.h, if any, at column.
absl::Status RuleAt(const Line& line, int column,
                    const std::optional<std::string>& problem) {
  if (!problem) return absl::OkStatus();
  return ErrorAt(line.number, column, *problem);
}

// The operands after the mnemonic must number exactly n; usage says what
// they are ("ldrx takes one operand, [ADDRESS]").
absl::Status OperandCount(const Line& line, size_t n, absl::string_view usage) {
  const size_t have = line.tokens.size() - 2;
  if (have == n) return absl::OkStatus();
  const Token& at = have > n ? line.tokens[2 + n] : line.tokens[1];
  return ErrorAt(line.number, at.column, usage);
}

absl::StatusOr<Register> SysRegAt(const Line& line, absl::string_view text,
                                  int column, bool is_msr) {
  const std::optional<Register> reg = FindRegisterByName(text);
  if (!reg) {
    return ErrorAt(
        line.number, column,
        absl::StrCat("unknown system register '", text,
                     "' (DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, "
                     "DBGWVR<n>_EL1 with n 0..15, MDSCR_EL1, MDCCINT_EL1, "
                     "OSLAR_EL1, OSLSR_EL1)"));
  }
  if (absl::Status s =
          RuleAt(line, column, SysRegDirectionProblem(is_msr, reg->reg_kind));
      !s.ok()) {
    return s;
  }
  return *reg;
}

absl::StatusOr<dbgref_insn> ParseAccess(const Line& line, const Access& a) {
  const std::string usage = absl::StrCat(AccessMnemonic(a.is_store, a.size),
                                         " takes one operand, [ADDRESS]");
  if (absl::Status s = OperandCount(line, 1, usage); !s.ok()) return s;
  const Token& operand = line.tokens[2];
  absl::string_view text = operand.text;
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
    return ErrorAt(line.number, operand.column,
                   absl::StrCat("expected [ADDRESS], got '", text, "'"));
  }
  text = text.substr(1, text.size() - 2);
  const int column = operand.column + 1;
  absl::StatusOr<uint64_t> addr = NumberAt(line, text, column, UINT64_MAX);
  if (!addr.ok()) return addr.status();
  if (absl::Status s = RuleAt(line, column, DataAccessProblem(a.size, *addr));
      !s.ok()) {
    return s;
  }
  return a.is_store ? Store(a.size, *addr) : Load(a.size, *addr);
}

absl::StatusOr<dbgref_insn> ParseBrk(const Line& line) {
  if (absl::Status s = OperandCount(line, 1, "brk takes one operand, #IMM");
      !s.ok()) {
    return s;
  }
  const Token& operand = line.tokens[2];
  if (operand.text.size() < 2 || operand.text[0] != '#') {
    return ErrorAt(line.number, operand.column,
                   absl::StrCat("expected #IMM, got '", operand.text, "'"));
  }
  const int column = operand.column + 1;
  absl::StatusOr<uint64_t> imm =
      NumberAt(line, operand.text.substr(1), column, UINT64_MAX);
  if (!imm.ok()) return imm.status();
  if (absl::Status s = RuleAt(line, column, BrkImmediateProblem(*imm));
      !s.ok()) {
    return s;
  }
  return Brk(static_cast<uint32_t>(*imm));
}

absl::StatusOr<dbgref_insn> ParseMrs(const Line& line) {
  if (absl::Status s =
          OperandCount(line, 1, "mrs takes one operand, a register");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<Register> reg =
      SysRegAt(line, line.tokens[2].text, line.tokens[2].column, false);
  if (!reg.ok()) return reg.status();
  return Mrs(reg->reg_kind, reg->index);
}

absl::StatusOr<dbgref_insn> ParseMsr(const Line& line) {
  if (absl::Status s =
          OperandCount(line, 2, "msr takes two operands, REGISTER, VALUE");
      !s.ok()) {
    return s;
  }
  const Token& reg_token = line.tokens[2];
  absl::string_view name = reg_token.text;
  if (name.back() != ',') {
    return ErrorAt(line.number,
                   reg_token.column + static_cast<int>(name.size()),
                   "expected ',' after the register");
  }
  name.remove_suffix(1);
  absl::StatusOr<Register> reg = SysRegAt(line, name, reg_token.column, true);
  if (!reg.ok()) return reg.status();
  absl::StatusOr<uint64_t> value =
      NumberAt(line, line.tokens[3].text, line.tokens[3].column, UINT64_MAX);
  if (!value.ok()) return value.status();
  return Msr(reg->reg_kind, reg->index, *value);
}

absl::StatusOr<dbgref_insn> ParseInsn(const Line& line) {
  const Token& mnemonic = line.tokens[1];
  const absl::string_view m = mnemonic.text;
  if (m == "nop" || m == "report") {
    if (absl::Status s =
            OperandCount(line, 0, absl::StrCat(m, " takes no operand"));
        !s.ok()) {
      return s;
    }
    return m == "nop" ? Nop() : Report();
  }
  if (const std::optional<Access> a = FindAccessMnemonic(m)) {
    return ParseAccess(line, *a);
  }
  if (m == "brk") return ParseBrk(line);
  if (m == "mrs") return ParseMrs(line);
  if (m == "msr") return ParseMsr(line);
  return ErrorAt(line.number, mnemonic.column,
                 absl::StrCat("unknown instruction '", m,
                              "' (nop, ldrb, ldrh, ldrw, ldrx, strb, strh, "
                              "strw, strx, brk, mrs, msr, report)"));
}

}  // namespace

bool IsProgramLine(const Line& line) {
  const absl::string_view first = line.tokens[0].text;
  return first.size() > 1 && first.back() == ':';
}

absl::StatusOr<dbgref_line> ParseProgramLine(const Line& line) {
  const Token& address = line.tokens[0];
  const absl::string_view text =
      address.text.substr(0, address.text.size() - 1);
  absl::StatusOr<uint64_t> pc =
      NumberAt(line, text, address.column, UINT64_MAX);
  if (!pc.ok()) return pc.status();
  if (absl::Status s = RuleAt(line, address.column, ProgramAddressProblem(*pc));
      !s.ok()) {
    return s;
  }
  if (line.tokens.size() < 2) {
    return ErrorAt(
        line.number, address.column,
        absl::StrCat("expected an instruction after '", address.text, "'"));
  }
  absl::StatusOr<dbgref_insn> insn = ParseInsn(line);
  if (!insn.ok()) return insn.status();
  dbgref_line out{};
  out.pc = *pc;
  out.insn = *insn;
  return out;
}

}  // namespace dbgref::trace::parse_internal
