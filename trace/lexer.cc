// Tokens, numbers and arguments of a trace line (see lexer.h).
#include "trace/lexer.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace dbgref::trace::lexer {
namespace {

// A '#' followed by a digit starts an immediate ("#0x7"), not a comment.
bool IsImmediateAt(absl::string_view line, size_t i) {
  return i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '9';
}

}  // namespace

absl::Status ErrorAt(int line, int column, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line, ", column ", column, ": ", what));
}

std::vector<Token> Tokenize(absl::string_view line) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '#' && !IsImmediateAt(line, i)) break;
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' &&
           line[i] != '\r' && (line[i] != '#' || i == start)) {
      ++i;
    }
    tokens.push_back(
        {line.substr(start, i - start), static_cast<int>(start) + 1});
  }
  return tokens;
}

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

absl::StatusOr<Argument> ArgumentAt(const Line& line, const Token& token) {
  size_t eq = token.text.find('=');
  if (eq == absl::string_view::npos || eq == 0) {
    return ErrorAt(line.number, token.column,
                   absl::StrCat("expected key=value, got '", token.text, "'"));
  }
  return Argument{token.text.substr(0, eq), token.text.substr(eq + 1),
                  token.column, token.column + static_cast<int>(eq) + 1};
}

absl::StatusOr<Argument> UniqueArgumentAt(const Line& line, const Token& token,
                                          std::vector<std::string>& seen) {
  absl::StatusOr<Argument> arg = ArgumentAt(line, token);
  if (!arg.ok()) return arg;
  for (const std::string& key : seen) {
    if (key == arg->key) {
      return ErrorAt(line.number, arg->key_column,
                     absl::StrCat("'", arg->key, "' given twice"));
    }
  }
  seen.emplace_back(arg->key);
  return arg;
}

}  // namespace dbgref::trace::lexer
