// The trace parser's lexer, internal to trace/: a line split into tokens
// with their columns, numbers, key=value arguments, and errors that name
// the line and the column ("line 3, column 17: ...").
#ifndef DBGREF_TRACE_LEXER_H_
#define DBGREF_TRACE_LEXER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace dbgref::trace::lexer {

struct Token {
  absl::string_view text;
  int column;  // 1-based
};

struct Line {
  int number;  // 1-based
  std::vector<Token> tokens;
};

// InvalidArgument "line L, column C: what".
absl::Status ErrorAt(int line, int column, absl::string_view what);

// Splits a line into whitespace-separated tokens. '#' starts a comment that
// runs to the end of the line, except where it begins a token and a digit
// follows it: that is an immediate ("brk #0x7").
std::vector<Token> Tokenize(absl::string_view line);

// Parses "0x..." (hex) or decimal into a uint64_t; rejects anything else,
// and values that do not fit.
bool ParseU64(absl::string_view text, uint64_t* out);

// The number text stands for, at most max (UINT32_MAX or UINT64_MAX), or
// an error at column.
absl::StatusOr<uint64_t> NumberAt(const Line& line, absl::string_view text,
                                  int column, uint64_t max);

// A key=value argument.
struct Argument {
  absl::string_view key;
  absl::string_view value;
  int key_column;
  int value_column;
};

absl::StatusOr<Argument> ArgumentAt(const Line& line, const Token& token);

// A key=value argument whose key the line has not given before; seen holds
// the keys so far and gets this one.
absl::StatusOr<Argument> UniqueArgumentAt(const Line& line, const Token& token,
                                          std::vector<std::string>& seen);

}  // namespace dbgref::trace::lexer

#endif  // DBGREF_TRACE_LEXER_H_
