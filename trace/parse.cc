// The trace parser: the header, the host line, the program section and
// one operation a line, in that order (see parse.h).
#include "trace/parse.h"

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/record.h"
#include "trace/lexer.h"
#include "trace/names.h"
#include "trace/parse_op.h"
#include "trace/parse_program.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

using lexer::ErrorAt;
using lexer::Line;
using lexer::Token;

// Where the parser is: each part of the file may only follow the ones
// before it.
enum class Part { kHeader, kHost, kProgram, kAfterProgram, kOperations };

// The header line, "dbgref-trace v2".
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
  const Token& version = line.tokens[1];
  if (version.text == "v1") {
    return ErrorAt(line.number, version.column,
                   "this is a v1 trace, whose guest actions ('run read', "
                   "'run write', 'run exception') are not read any more: a "
                   "v2 trace gives the guest a program instead (see "
                   "docs/trace-format.md)");
  }
  if (version.text != "v2") {
    return ErrorAt(line.number, version.column,
                   absl::StrCat("unsupported trace version '", version.text,
                                "' (this dbgref reads v2)"));
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

absl::Status NothingAfter(const Line& line, absl::string_view what) {
  if (line.tokens.size() == 1) return absl::OkStatus();
  return ErrorAt(line.number, line.tokens[1].column,
                 absl::StrCat(what, " takes nothing after it"));
}

// A program line, added to program when its address is new and there is
// room.
absl::Status AddProgramLine(const Line& line, dbgref_program& program,
                            int (&line_numbers)[DBGREF_MAX_PROGRAM_LINES]) {
  absl::StatusOr<dbgref_line> parsed = parse_internal::ParseProgramLine(line);
  if (!parsed.ok()) return parsed.status();
  const int column = line.tokens[0].column;
  for (uint32_t i = 0; i < program.count; ++i) {
    if (program.line[i].pc == parsed->pc) {
      return ErrorAt(
          line.number, column,
          absl::StrCat("address ", Hex(parsed->pc),
                       " already has a line (line ", line_numbers[i], ")"));
    }
  }
  if (program.count == DBGREF_MAX_PROGRAM_LINES) {
    return ErrorAt(line.number, column,
                   absl::StrCat("the program has more than ",
                                DBGREF_MAX_PROGRAM_LINES, " lines"));
  }
  line_numbers[program.count] = line.number;
  program.line[program.count++] = *parsed;
  return absl::OkStatus();
}

class Parser {
 public:
  absl::Status Take(const Line& line);
  absl::StatusOr<Trace> Finish(int last_line);

 private:
  absl::Status TakeInProgram(const Line& line);

  Part part_ = Part::kHeader;
  Trace trace_;
  bool have_host_ = false;
  int line_numbers_[DBGREF_MAX_PROGRAM_LINES] = {};
};

absl::Status Parser::TakeInProgram(const Line& line) {
  const Token& first = line.tokens[0];
  if (first.text == "end") {
    if (absl::Status s = NothingAfter(line, "end"); !s.ok()) return s;
    part_ = Part::kAfterProgram;
    return absl::OkStatus();
  }
  if (!parse_internal::IsProgramLine(line)) {
    return ErrorAt(line.number, first.column,
                   "expected a program line 'ADDRESS: INSTRUCTION' or 'end'");
  }
  return AddProgramLine(line, trace_.program, line_numbers_);
}

absl::Status Parser::Take(const Line& line) {
  const Token& first = line.tokens[0];
  switch (part_) {
    case Part::kHeader:
      if (absl::Status s = ParseHeader(line); !s.ok()) return s;
      part_ = Part::kHost;
      return absl::OkStatus();
    case Part::kProgram:
      return TakeInProgram(line);
    default:
      break;
  }
  if (first.text == "host") {
    if (have_host_)
      return ErrorAt(line.number, first.column, "a second host line");
    if (part_ != Part::kHost) {
      return ErrorAt(line.number, first.column,
                     "the host line must come before the program and the "
                     "operations");
    }
    have_host_ = true;
    return parse_internal::ParseHost(line, &trace_.host);
  }
  if (first.text == "program") {
    if (part_ == Part::kAfterProgram) {
      return ErrorAt(line.number, first.column, "a second program section");
    }
    if (part_ == Part::kOperations) {
      return ErrorAt(line.number, first.column,
                     "the program must come before the operations");
    }
    if (absl::Status s = NothingAfter(line, "program"); !s.ok()) return s;
    part_ = Part::kProgram;
    return absl::OkStatus();
  }
  if (first.text == "end") {
    return ErrorAt(line.number, first.column,
                   "'end' outside a program section");
  }
  if (first.text == "ioctl" || first.text == "run") {
    absl::StatusOr<dbgref_op> op = parse_internal::ParseOperation(line);
    if (!op.ok()) return op.status();
    trace_.ops.push_back(*op);
    part_ = Part::kOperations;
    return absl::OkStatus();
  }
  if (parse_internal::IsProgramLine(line)) {
    return ErrorAt(line.number, first.column,
                   "a program line outside the program section");
  }
  return ErrorAt(line.number, first.column,
                 absl::StrCat("unknown line '", first.text,
                              "' (host, program, ioctl, run)"));
}

absl::StatusOr<Trace> Parser::Finish(int last_line) {
  if (part_ == Part::kHeader) {
    return ErrorAt(
        last_line, 1,
        absl::StrCat("empty trace: expected the header '", kTraceHeader, "'"));
  }
  if (part_ == Part::kProgram) {
    return ErrorAt(last_line, 1, "the program section has no 'end'");
  }
  return std::move(trace_);
}

}  // namespace

absl::StatusOr<Trace> ParseTrace(absl::string_view text) {
  Parser parser;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    if (absl::Status bytes = CheckBytes(number, raw); !bytes.ok()) return bytes;
    const Line line{number, lexer::Tokenize(raw)};
    if (line.tokens.empty()) continue;
    if (absl::Status s = parser.Take(line); !s.ok()) return s;
  }
  return parser.Finish(number);
}

}  // namespace dbgref::trace
