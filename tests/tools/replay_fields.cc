// replay_fields FILE: prints the fields of a replay's JSON
// (docs/replay-json.md) that spec/real-kernel.md compares between a real
// kernel and the model, one line per operation, so that two replays of
// the same trace (the model's and a kernel's) can be compared with diff:
//
//   3 run: ret 0 exit KVM_EXIT_DEBUG (4) hsr 0xd2000062 pc 0x10004
//       far 0x20004 reads [] exception none
//
// Left out, as spec/real-kernel.md says: the revision's name, far unless
// the exit is a watchpoint's (EC 0x34), FAR_EL1 unless the guest's own
// exception is a watchpoint's (EC 0x35), the bits of a KVM_GET_ONE_REG of
// PSTATE other than SS, D and the mode, and every MRS read when the
// program reads MDCCINT_EL1 (QEMU 7.2 implements it as a no-op; the reads
// of a run are in execution order, so the other lines' reads cannot be
// told apart from it). Exit 2 when the file cannot be read or is not a
// replay.

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/report/json_value.h"

namespace {

using dbgref::testing_json::Value;

constexpr uint64_t kPstateCompared = (1ull << 21) | (1ull << 9) | 0x1f;

uint64_t Word(const Value& v) {
  uint64_t out = 0;
  if (v.kind != Value::Kind::kString || !absl::SimpleHexAtoi(v.string, &out)) {
    return ~0ull;  // never a real value: shows as a difference
  }
  return out;
}

std::string Hex(uint64_t v) { return absl::StrCat("0x", absl::Hex(v)); }

uint32_t Ec(uint64_t syndrome) { return (syndrome >> 26) & 0x3f; }

bool Fail(const std::string& why) {
  std::fprintf(stderr, "replay_fields: %s\n", why.c_str());
  return false;
}

bool PrintFields(const Value& replay) {
  if (!replay.Has("trace") || !replay.Has("ops") ||
      replay.At("ops").kind != Value::Kind::kArray) {
    return Fail("not a replay: no trace or ops");
  }
  const bool reads_compared =
      !absl::StrContains(replay.At("trace").string, "mrs MDCCINT_EL1");
  for (const Value& op : replay.At("ops").array) {
    for (const char* key :
         {"index", "op", "ret", "value", "exit", "reads", "exception"}) {
      if (!op.Has(key)) return Fail(absl::StrCat("an op without ", key));
    }
    const std::string& text = op.At("op").string;
    uint64_t value = Word(op.At("value"));
    if (absl::StrContains(text, "get_one_reg PSTATE")) value &= kPstateCompared;
    std::string line = absl::StrCat(
        static_cast<int64_t>(op.At("index").number), " ", text, ": ret ",
        static_cast<int64_t>(op.At("ret").number), " value ", Hex(value));
    const Value& exit = op.At("exit");
    if (exit.kind == Value::Kind::kObject) {
      for (const char* key : {"reason", "code", "hsr", "pc", "far"}) {
        if (!exit.Has(key)) return Fail(absl::StrCat("an exit without ", key));
      }
      const uint64_t hsr = Word(exit.At("hsr"));
      absl::StrAppend(&line, " exit ", exit.At("reason").string, " (",
                      static_cast<int64_t>(exit.At("code").number), ") hsr ",
                      Hex(hsr), " pc ", Hex(Word(exit.At("pc"))));
      if (Ec(hsr) == 0x34) {
        absl::StrAppend(&line, " far ", Hex(Word(exit.At("far"))));
      }
    } else {
      absl::StrAppend(&line, " exit none");
    }
    if (reads_compared) {
      std::vector<std::string> reads;
      for (const Value& r : op.At("reads").array) reads.push_back(Hex(Word(r)));
      absl::StrAppend(&line, " reads [", absl::StrJoin(reads, ", "), "]");
    } else {
      absl::StrAppend(&line, " reads not compared (MDCCINT_EL1)");
    }
    const Value& e = op.At("exception");
    if (e.kind == Value::Kind::kObject) {
      for (const char* key : {"esr_el1", "elr_el1", "far_el1"}) {
        if (!e.Has(key))
          return Fail(absl::StrCat("an exception without ", key));
      }
      const uint64_t esr = Word(e.At("esr_el1"));
      absl::StrAppend(&line, " exception esr_el1 ", Hex(esr), " elr_el1 ",
                      Hex(Word(e.At("elr_el1"))));
      if (Ec(esr) == 0x35) {
        absl::StrAppend(&line, " far_el1 ", Hex(Word(e.At("far_el1"))));
      }
    } else {
      absl::StrAppend(&line, " exception none");
    }
    std::printf("%s\n", line.c_str());
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: replay_fields FILE\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "replay_fields: cannot read %s\n", argv[1]);
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::optional<Value> replay = dbgref::testing_json::Parse(text.str());
  if (!replay) {
    std::fprintf(stderr, "replay_fields: %s is not JSON\n", argv[1]);
    return 2;
  }
  return PrintFields(*replay) ? 0 : 2;
}
