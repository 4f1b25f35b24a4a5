// Parses the dbgref command line (see cli.h).

#include "tools/cli.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

ABSL_FLAG(std::string, format, "text",
          "report format: text (72 columns, for a mailing list), markdown "
          "or json");
ABSL_FLAG(uint64_t, sequences, 0,
          "operation sequences per revision in a campaign (0: default)");
ABSL_FLAG(uint64_t, seed, 0, "campaign seed (default: fixed per command)");
ABSL_FLAG(bool, quiet, false, "no progress line on stderr");
ABSL_FLAG(std::string, alphabet, "",
          "explore: the alphabet (default, small, tiny; default: default)");
ABSL_FLAG(int64_t, max_depth, 100, "explore: operations per sequence, at most");
ABSL_FLAG(int64_t, threads, 1, "explore: threads");
ABSL_FLAG(uint64_t, max_states, 100000000,
          "explore: distinct states at most (16 bytes each, 2 GiB for 100 M)");
ABSL_FLAG(std::string, revision, "",
          "replay: the revision to run the trace on (default: every port; "
          "with --format=json, the model)");

namespace dbgref::tools {
namespace {

struct Subcommand {
  absl::string_view name;
  int min_args;
  int max_args;
  absl::string_view args_usage;
};

constexpr Subcommand kSubcommands[] = {
    {"check", 0, 1, " [REV]"},
    {"review", 1, 1, " REV"},
    {"replay", 1, 1, " FILE"},
    {"bench", 0, 0, ""},
    {"diagram", 0, 1, " [OUT.svg|OUT.png|OUT.dot]"},
    {"list", 0, 0, ""},
    {"explore", 1, 1, " REV"},
};

constexpr absl::string_view kFlagNames[] = {
    "format",   "sequences", "seed",    "quiet",     "revision",
    "alphabet", "max_depth", "threads", "max_states"};

bool IsOurFlag(absl::string_view name) {
  for (absl::string_view known : kFlagNames) {
    if (name == known) return true;
  }
  return false;
}

absl::Status UsageError(absl::string_view what) {
  return absl::InvalidArgumentError(what);
}

}  // namespace

const char* UsageLine() {
  return "usage: dbgref {check [REV]|review REV|replay FILE|bench|"
         "diagram [OUT]|list|explore REV} [--format=text|markdown|json] "
         "[--sequences=N] [--seed=S] [--quiet] [--revision=REV] "
         "[--alphabet=NAME] [--max-depth=N] [--threads=N] [--max-states=N]";
}

absl::StatusOr<Command> ParseCommand(int argc, const char* const* argv) {
  if (argc < 2) return UsageError("no subcommand");
  // Every parse starts from the defaults, so that one process can parse
  // more than one command line.
  absl::SetFlag(&FLAGS_format, "text");
  absl::SetFlag(&FLAGS_sequences, 0);
  absl::SetFlag(&FLAGS_seed, 0);
  absl::SetFlag(&FLAGS_quiet, false);
  absl::SetFlag(&FLAGS_revision, "");
  absl::SetFlag(&FLAGS_alphabet, "");
  absl::SetFlag(&FLAGS_max_depth, 100);
  absl::SetFlag(&FLAGS_threads, 1);
  absl::SetFlag(&FLAGS_max_states, 100000000);
  Command command;
  command.program = argv[0];
  command.name = argv[1];
  const Subcommand* subcommand = nullptr;
  for (const Subcommand& s : kSubcommands) {
    if (command.name == s.name) subcommand = &s;
  }
  if (subcommand == nullptr) {
    return UsageError(absl::StrCat("unknown subcommand '", command.name, "'"));
  }
  for (int i = 2; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg.size() < 2 || arg.substr(0, 2) != "--") {
      command.args.emplace_back(arg);
      continue;
    }
    absl::string_view body = arg.substr(2);
    std::string name(body);
    std::string value;
    bool has_value = false;
    size_t eq = body.find('=');
    if (eq != absl::string_view::npos) {
      name = std::string(body.substr(0, eq));
      value = std::string(body.substr(eq + 1));
      has_value = true;
    }
    // --max-depth is the flag max_depth.
    for (char& ch : name) {
      if (ch == '-') ch = '_';
    }
    if (!IsOurFlag(name)) {
      return UsageError(absl::StrCat("unknown flag '--", name, "'"));
    }
    if (!has_value) {
      if (name == "quiet") {
        value = "true";
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        return UsageError(absl::StrCat("flag '--", name, "' needs a value"));
      }
    }
    if (name == "seed") command.seed_given = true;
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::string error;
    if (flag == nullptr || !flag->ParseFrom(value, &error)) {
      return UsageError(absl::StrCat("bad value '", value, "' for --", name,
                                     error.empty() ? "" : ": ", error));
    }
  }
  const int count = static_cast<int>(command.args.size());
  if (count < subcommand->min_args || count > subcommand->max_args) {
    return UsageError(absl::StrCat("usage: dbgref ", subcommand->name,
                                   subcommand->args_usage));
  }
  const std::string format = absl::GetFlag(FLAGS_format);
  if (format == "text") {
    command.format = OutputFormat::kText;
  } else if (format == "markdown") {
    command.format = OutputFormat::kMarkdown;
  } else if (format == "json") {
    command.format = OutputFormat::kJson;
  } else {
    return UsageError(
        absl::StrCat("unknown format '", format, "' (text, markdown, json)"));
  }
  command.sequences = absl::GetFlag(FLAGS_sequences);
  command.seed = absl::GetFlag(FLAGS_seed);
  command.quiet = absl::GetFlag(FLAGS_quiet);
  command.revision = absl::GetFlag(FLAGS_revision);
  command.alphabet = absl::GetFlag(FLAGS_alphabet);
  command.max_depth = absl::GetFlag(FLAGS_max_depth);
  command.threads = absl::GetFlag(FLAGS_threads);
  command.max_states = absl::GetFlag(FLAGS_max_states);
  return command;
}

}  // namespace dbgref::tools
