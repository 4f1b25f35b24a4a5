// Hostile input: a RapidCheck property feeds 1,000,000 random and mutated
// trace files to the parser (10,000 valid traces, 100 mutants of each;
// RC_PARAMS in BUILD.bazel sets the count). None may crash or hang; each
// one is either refused with an error that names a line and a column
// inside the input, or accepted as a trace that
//  - keeps to the guest's layout, checked here from model/guest_layout.h
//    on its own and not through trace/valid.h;
//  - prints back to text that reads back the same;
//  - runs on the model, each KVM_RUN to an exit to userspace.

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
#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "tests/trace/valid_trace_gen.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace {
namespace {

constexpr int kMutantsPerCase = 100;
// One accepted mutant in this many also runs on the model.
constexpr uint64_t kRunEvery = 8;

// How many trace files the property parsed, refused and ran.
uint64_t parsed_files = 0;
uint64_t refused_files = 0;
uint64_t run_files = 0;

class CountReporter : public ::testing::Environment {
 public:
  void TearDown() override {
    std::printf(
        "parsed %llu trace files, %llu refused with a location, %llu of the "
        "accepted run on the model\n",
        static_cast<unsigned long long>(parsed_files),
        static_cast<unsigned long long>(refused_files),
        static_cast<unsigned long long>(run_files));
  }
};

const ::testing::Environment* const kCountReporter =
    ::testing::AddGlobalTestEnvironment(new CountReporter);

// Fragments that a mutation inserts: the format's own words and delimiters,
// and numbers at the edges of the layout.
const std::vector<std::string>& Fragments() {
  static const std::vector<std::string> fragments = {"dbgref-trace",
                                                     "v1",
                                                     "v2",
                                                     "host",
                                                     "program",
                                                     "end",
                                                     "ioctl",
                                                     "run",
                                                     "set_guest_debug",
                                                     "check_extension",
                                                     "get_one_reg",
                                                     "set_one_reg",
                                                     "vcpu_init",
                                                     "control=",
                                                     "cap=",
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
                                                     "#0x",
                                                     "#7",
                                                     "\n",
                                                     "\r\n",
                                                     "\t",
                                                     " ",
                                                     ":",
                                                     ": ",
                                                     ",",
                                                     ", ",
                                                     "[",
                                                     "]",
                                                     "0x",
                                                     "0x10000:",
                                                     "0x1fffc:",
                                                     "0x20000:",
                                                     "0x10002:",
                                                     "[0x20000]",
                                                     "[0x2fff8]",
                                                     "[0x2fffc]",
                                                     "[0x30000]",
                                                     "[0x20001]",
                                                     "0xffff",
                                                     "0x10000",
                                                     "0xffffffffffffffff",
                                                     "0x10000000000000000",
                                                     "18446744073709551616",
                                                     "-1",
                                                     "nop",
                                                     "report",
                                                     "ldrb",
                                                     "ldrx",
                                                     "strh",
                                                     "strw",
                                                     "brk",
                                                     "mrs",
                                                     "msr",
                                                     "DBGBCR0_EL1",
                                                     "DBGWVR15_EL1",
                                                     "DBGBVR16_EL1",
                                                     "MDSCR_EL1",
                                                     "MDCCINT_EL1",
                                                     "OSLAR_EL1",
                                                     "OSLSR_EL1",
                                                     "PC",
                                                     "PSTATE",
                                                     "0x3c5",
                                                     "0x2003c5",
                                                     "\xff",
                                                     "\x01",
                                                     std::string(1, '\0')};
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
    switch (next() % 7) {
      case 0:  // overwrite one byte with any byte
        if (!text.empty()) text[at % text.size()] = static_cast<char>(next());
        break;
      case 1: {  // delete a short range
        const size_t len = 1 + next() % 8;
        if (at < text.size()) text.erase(at, len);
        break;
      }
      case 2:
      case 3: {  // insert a fragment
        const std::string& f = Fragments()[next() % Fragments().size()];
        text.insert(at, f);
        break;
      }
      case 4:  // truncate
        text.resize(at);
        break;
      case 5: {  // duplicate a line
        std::vector<std::string> lines = absl::StrSplit(text, '\n');
        const size_t line = next() % lines.size();
        lines.insert(lines.begin() + static_cast<long>(line), lines[line]);
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
  RC_ASSERT(status.code() == absl::StatusCode::kInvalidArgument);
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

bool InCode(uint64_t a) {
  return a >= DBGREF_CODE_BASE && a < DBGREF_CODE_BASE + DBGREF_CODE_SIZE;
}

// The guest's layout, from model/guest_layout.h and model/record.h alone.
void CheckLayout(const Trace& t) {
  RC_ASSERT(t.program.count <= uint32_t{DBGREF_MAX_PROGRAM_LINES});
  for (uint32_t i = 0; i < t.program.count; ++i) {
    const dbgref_line& l = t.program.line[i];
    RC_ASSERT(l.pc % 4 == 0);
    RC_ASSERT(InCode(l.pc));
    for (uint32_t j = 0; j < i; ++j) RC_ASSERT(t.program.line[j].pc != l.pc);
    const dbgref_insn& in = l.insn;
    RC_ASSERT(in.kind <= uint32_t{DBGREF_INSN_REPORT});
    if (in.kind == DBGREF_INSN_LOAD || in.kind == DBGREF_INSN_STORE) {
      RC_ASSERT(in.size == 1 || in.size == 2 || in.size == 4 || in.size == 8);
      RC_ASSERT(in.addr % in.size == 0);
      RC_ASSERT(in.addr >= DBGREF_DATA_BASE);
      RC_ASSERT(in.addr + in.size <= DBGREF_DATA_BASE + DBGREF_DATA_SIZE);
    }
    if (in.kind == DBGREF_INSN_BRK) RC_ASSERT(in.imm < 0x10000u);
    if (in.kind == DBGREF_INSN_MRS || in.kind == DBGREF_INSN_MSR) {
      RC_ASSERT(in.reg_index < 16u);
      RC_ASSERT(in.reg < uint32_t{DBGREF_REG_KIND_COUNT});
      RC_ASSERT(in.reg != (in.kind == DBGREF_INSN_MRS ? DBGREF_REG_OSLAR
                                                      : DBGREF_REG_OSLSR));
    }
  }
  for (const dbgref_op& op : t.ops) {
    RC_ASSERT(op.kind < uint32_t{DBGREF_OP_KIND_COUNT});
    if (op.kind == DBGREF_OP_GET_ONE_REG || op.kind == DBGREF_OP_SET_ONE_REG) {
      RC_ASSERT(op.reg < uint32_t{DBGREF_ONE_REG_COUNT});
      RC_ASSERT(op.reg_index < 16u);
    }
    if (op.kind == DBGREF_OP_SET_ONE_REG && op.reg == DBGREF_ONE_REG_PC) {
      RC_ASSERT(op.value % 4 == 0 && InCode(op.value));
    }
    if (op.kind == DBGREF_OP_SET_ONE_REG && op.reg == DBGREF_ONE_REG_PSTATE) {
      RC_ASSERT((op.value & 0x1f) == 0x5);
    }
  }
}

// The model runs the trace: an ioctl is one IOCTL step; a KVM_RUN ends in
// an EXIT to userspace, a debug exit, an MMIO report, or the bound's
// -EINTR. (A valid trace can reach the bound: a guest that single-steps
// itself inside its own exception handler, through KVM_SET_ONE_REG of
// PSTATE and MDSCR_EL1 there, loops in the handler as a real one would.)
void CheckRunsOnTheModel(const Trace& t) {
  model::ConcreteVcpu vcpu = model::Reset(t.host);
  for (const dbgref_op& op : t.ops) {
    model::ConcreteStep step = model::Step(t.host, t.program, vcpu, op);
    RC_ASSERT(!step.obs.empty());
    const dbgref_obs& last = step.obs.back();
    if (op.kind != DBGREF_OP_RUN) {
      RC_ASSERT(step.obs.size() == 1u);
      RC_ASSERT(last.step == uint32_t{DBGREF_STEP_IOCTL});
    } else {
      RC_ASSERT(last.step == uint32_t{DBGREF_STEP_EXIT});
      RC_ASSERT(last.exit_reason == uint32_t{KVM_EXIT_DEBUG} ||
                last.exit_reason == uint32_t{KVM_EXIT_MMIO} ||
                last.exit_reason == uint32_t{KVM_EXIT_INTR});
      RC_ASSERT((last.ret == -DBGREF_EINTR) ==
                (last.exit_reason == KVM_EXIT_INTR));
    }
    vcpu = step.state;
  }
}

RC_GTEST_PROP(TraceParserHostileInput, NeverCrashesNeverAcceptsAnInvalidTrace,
              (uint64_t mutation_seed)) {
  const Trace trace = *testing::ValidTrace();
  const std::string original = FormatTrace(trace);
  absl::StatusOr<Trace> back = ParseTrace(original);
  RC_ASSERT(back.ok());
  RC_ASSERT(FormatTrace(*back) == original);

  uint64_t state = mutation_seed | 1;
  for (int i = 0; i < kMutantsPerCase; ++i) {
    const std::string mutant = Mutate(original, state);
    absl::StatusOr<Trace> parsed = ParseTrace(mutant);
    ++parsed_files;
    if (!parsed.ok()) {
      CheckLocatedError(mutant, parsed.status());
      ++refused_files;
      continue;
    }
    RC_ASSERT(ValidateTrace(*parsed).ok());
    CheckLayout(*parsed);
    const std::string text = FormatTrace(*parsed);
    absl::StatusOr<Trace> again = ParseTrace(text);
    RC_ASSERT(again.ok());
    RC_ASSERT(*again == *parsed);
    if (state % kRunEvery == 0) {
      CheckRunsOnTheModel(*parsed);
      ++run_files;
    }
  }
}

}  // namespace
}  // namespace dbgref::trace
