// Hostile input: a RapidCheck property feeds 1,000,000 random and mutated
// trace files to the parser (10,000 cases of 100 mutants each; RC_PARAMS in
// BUILD.bazel sets the count). None may crash or hang; each one is either a
// valid trace that prints back to the same text, or refused with an error
// that names a line and a column inside the input.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

constexpr int kMutantsPerCase = 100;

// How many trace files the property parsed and refused, printed at the end.
uint64_t parsed_files = 0;
uint64_t refused_files = 0;

class CountReporter : public testing::Environment {
 public:
  void TearDown() override {
    std::printf("parsed %llu trace files, %llu refused with a location\n",
                static_cast<unsigned long long>(parsed_files),
                static_cast<unsigned long long>(refused_files));
  }
};

const testing::Environment* const kCountReporter =
    testing::AddGlobalTestEnvironment(new CountReporter);

rc::Gen<uint64_t> Word() {
  return rc::gen::oneOf(rc::gen::arbitrary<uint64_t>(),
                        rc::gen::elementOf(std::vector<uint64_t>{
                            0, 1, 0x1e7, 0x1e17, 0x400000, UINT64_MAX}));
}

rc::Gen<dbgref_op> Op() {
  return rc::gen::oneOf(
      rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<uint32_t>(), Word(),
                                  rc::gen::inRange(0, 64)),
                   [](std::tuple<uint32_t, uint64_t, int> t) {
                     kvm_guest_debug_arch arch{};
                     const int slot = std::get<2>(t);
                     (&arch.dbg_bcr[0])[slot] = std::get<1>(t);
                     return SetGuestDebugOp(std::get<0>(t), arch);
                   }),
      rc::gen::map(rc::gen::inRange<uint32_t>(0, 3),
                   [](uint32_t cap) { return CheckExtensionOp(cap); }),
      rc::gen::map(rc::gen::tuple(rc::gen::inRange<uint32_t>(0, 6),
                                  rc::gen::inRange<uint32_t>(0, 16),
                                  rc::gen::arbitrary<bool>(), Word()),
                   [](std::tuple<uint32_t, uint32_t, bool, uint64_t> t) {
                     const uint32_t kind = std::get<0>(t);
                     const uint32_t index =
                         kind >= DBGREF_REG_MDSCR ? 0 : std::get<1>(t);
                     return std::get<2>(t)
                                ? GuestWriteOp(kind, index, std::get<3>(t))
                                : GuestReadOp(kind, index);
                   }),
      rc::gen::map(
          rc::gen::tuple(rc::gen::arbitrary<uint32_t>(), Word(), Word()),
          [](std::tuple<uint32_t, uint64_t, uint64_t> t) {
            uint32_t esr = std::get<0>(t);
            if ((esr >> 26) == 0x18) esr ^= 1u << 26;  // not SYS64
            return GuestExceptionOp(esr, std::get<1>(t), std::get<2>(t));
          }));
}

// Fragments that a mutation inserts: the format's own words and delimiters,
// and numbers at the edges.
const std::vector<std::string>& Fragments() {
  static const std::vector<std::string> fragments = {"dbgref-trace",
                                                     "v1",
                                                     "v2",
                                                     "host",
                                                     "ioctl",
                                                     "run",
                                                     "read",
                                                     "write",
                                                     "exception",
                                                     "set_guest_debug",
                                                     "check_extension",
                                                     "control=",
                                                     "cap=",
                                                     "esr=",
                                                     "pc=",
                                                     "far=",
                                                     "bcr15=",
                                                     "bvr16=",
                                                     "host.wvr3=",
                                                     "id_aa64dfr0=",
                                                     "ENABLE|",
                                                     "|USE_HW",
                                                     "||",
                                                     "=",
                                                     "==",
                                                     "#",
                                                     "\n",
                                                     "\r\n",
                                                     "\t",
                                                     " ",
                                                     "0x",
                                                     "0xffffffffffffffff",
                                                     "0x10000000000000000",
                                                     "18446744073709551616",
                                                     "-1",
                                                     "DBGBCR0_EL1",
                                                     "DBGWVR15_EL1",
                                                     "MDSCR_EL1",
                                                     "\xff",
                                                     "\x01",
                                                     "\0"};
  return fragments;
}

// Applies 1..4 random edits to text, driven by a 64-bit state.
std::string Mutate(std::string text, uint64_t& state) {
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const int edits = 1 + static_cast<int>(next() % 4);
  for (int e = 0; e < edits; ++e) {
    const size_t at = text.empty() ? 0 : next() % (text.size() + 1);
    switch (next() % 6) {
      case 0:  // overwrite one byte with any byte
        if (!text.empty()) text[at % text.size()] = static_cast<char>(next());
        break;
      case 1: {  // delete a short range
        const size_t len = 1 + next() % 8;
        if (at < text.size()) text.erase(at, len);
        break;
      }
      case 2: {  // insert a fragment
        const std::string& f = Fragments()[next() % Fragments().size()];
        text.insert(at, f.size() == 0 ? std::string(1, '\0') : f);
        break;
      }
      case 3:  // truncate
        text.resize(at);
        break;
      case 4: {  // duplicate a line
        std::vector<std::string> lines = absl::StrSplit(text, '\n');
        const size_t line = next() % lines.size();
        lines.insert(lines.begin() + line, lines[line]);
        text = absl::StrJoin(lines, "\n");
        break;
      }
      default: {  // swap two lines
        std::vector<std::string> lines = absl::StrSplit(text, '\n');
        std::swap(lines[next() % lines.size()], lines[next() % lines.size()]);
        text = absl::StrJoin(lines, "\n");
        break;
      }
    }
  }
  return text;
}

// Reads the decimal number at the front of *text and advances past it.
bool TakeNumber(absl::string_view* text, size_t* value) {
  size_t n = 0;
  size_t digits = 0;
  while (digits < text->size() && (*text)[digits] >= '0' &&
         (*text)[digits] <= '9' && digits < 9) {
    n = n * 10 + static_cast<size_t>((*text)[digits] - '0');
    ++digits;
  }
  if (digits == 0 || (*text)[0] == '0') return false;
  text->remove_prefix(digits);
  *value = n;
  return true;
}

// The error reads "line L, column C: <what>", and names a line and a
// column that exist in text (the column may be one past the end of its
// line, the line one past the last).
void CheckLocatedError(const std::string& text, const absl::Status& status) {
  absl::string_view message = status.message();
  size_t line = 0;
  size_t column = 0;
  RC_ASSERT(absl::ConsumePrefix(&message, "line "));
  RC_ASSERT(TakeNumber(&message, &line));
  RC_ASSERT(absl::ConsumePrefix(&message, ", column "));
  RC_ASSERT(TakeNumber(&message, &column));
  RC_ASSERT(absl::ConsumePrefix(&message, ": "));
  RC_ASSERT(!message.empty());
  const std::vector<std::string> lines = absl::StrSplit(text, '\n');
  RC_ASSERT(line <= lines.size());
  RC_ASSERT(column <= lines[line - 1].size() + 1);
}

RC_GTEST_PROP(TraceParserHostileInput, NeverCrashesAndLocatesEveryError,
              (uint64_t mutation_seed)) {
  Trace trace;
  trace.host.id_aa64dfr0_el1 = *Word();
  trace.ops = *rc::gen::container<std::vector<dbgref_op>>(Op());
  const std::string original = FormatTrace(trace);
  absl::StatusOr<Trace> back = ParseTrace(original);
  RC_ASSERT(back.ok());
  RC_ASSERT(FormatTrace(*back) == original);

  uint64_t state = mutation_seed | 1;
  for (int i = 0; i < kMutantsPerCase; ++i) {
    const std::string mutant = Mutate(original, state);
    absl::StatusOr<Trace> parsed = ParseTrace(mutant);
    ++parsed_files;
    if (parsed.ok()) {
      // Accepted: it is a trace, and it prints to text that reads back the
      // same.
      const std::string text = FormatTrace(*parsed);
      absl::StatusOr<Trace> again = ParseTrace(text);
      RC_ASSERT(again.ok());
      RC_ASSERT(FormatTrace(*again) == text);
    } else {
      CheckLocatedError(mutant, parsed.status());
      ++refused_files;
    }
  }
}

}  // namespace
}  // namespace dbgref::trace
