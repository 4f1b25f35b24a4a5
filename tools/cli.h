// The dbgref command line: subcommands, their positional arguments and the
// common flags (--format, --sequences, --seed, --quiet, --revision, and
// explore's --alphabet, --max-depth, --threads, --max-states), parsed
// into a Command. Flags are abseil flags; ParseCommand refuses an unknown
// subcommand, flag or value with a one-line message, and the caller exits
// with status 2 without doing anything.
#ifndef DBGREF_TOOLS_CLI_H_
#define DBGREF_TOOLS_CLI_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dbgref::tools {

enum class OutputFormat { kText, kMarkdown, kJson };

struct Command {
  std::string program;            // argv[0]
  std::string name;               // check, review, replay, bench, ...
  std::vector<std::string> args;  // positional arguments
  OutputFormat format = OutputFormat::kText;
  uint64_t sequences = 0;  // 0: the subcommand's default
  uint64_t seed = 0;
  bool seed_given = false;
  bool quiet = false;
  std::string revision;  // replay's --revision; empty: the default set
  // explore's --alphabet (empty: the default), --max-depth, --threads and
  // --max-states.
  std::string alphabet;
  int64_t max_depth = 100;
  int64_t threads = 1;
  uint64_t max_states = 100000000;
};

// argv[0] is the program; argv[1] the subcommand. Flags may stand anywhere
// after it, as --name=value (or --name value, and --quiet alone).
absl::StatusOr<Command> ParseCommand(int argc, const char* const* argv);

// One line naming the subcommands, for usage errors.
const char* UsageLine();

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_CLI_H_
