// The finite alphabets that exhaustive exploration (props/explore.h) runs
// over: a host shape, the guest instructions a program is built from (every
// program of up to max_lines lines from DBGREF_CODE_BASE, each instruction
// at most once when distinct_lines is set), and the userspace operations
// every state is extended with. spec/exploration.md says what closure over
// an alphabet proves.
//
//   absl::StatusOr<const Alphabet*> a = FindAlphabet("small");
//   for (const dbgref_program& p : Programs(**a)) ...
#ifndef DBGREF_PROPS_ALPHABET_H_
#define DBGREF_PROPS_ALPHABET_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/record.h"

namespace dbgref::props {

struct Alphabet {
  std::string name;
  std::string summary;  // one line
  dbgref_host host{};
  std::vector<dbgref_insn> instructions;
  int max_lines = 0;
  bool distinct_lines = true;  // no instruction twice in one program
  std::vector<dbgref_op> ops;
};

// Every alphabet, the default ("default") first.
const std::vector<Alphabet>& Alphabets();

inline constexpr absl::string_view kDefaultAlphabet = "default";

// The alphabet called name; InvalidArgument naming the known ones
// otherwise.
absl::StatusOr<const Alphabet*> FindAlphabet(absl::string_view name);

// "default, small, tiny".
std::string AlphabetNames();

// Every program of the alphabet, fewest lines first, the empty one first.
std::vector<dbgref_program> Programs(const Alphabet& alphabet);

// The number of BRPs and WRPs of the host.
int Breakpoints(const dbgref_host& host);
int Watchpoints(const dbgref_host& host);

// The alphabet as report lines: host shape, instructions, operations,
// program bound.
std::vector<std::string> DescribeAlphabet(const Alphabet& alphabet);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_ALPHABET_H_
