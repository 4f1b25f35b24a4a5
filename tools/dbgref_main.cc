// The dbgref command line: parses the subcommand and flags, and runs it.
// Exit status: 0 success, 1 a finding, 2 a usage or input error.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/statusor.h"
#include "tools/cli.h"
#include "tools/commands.h"

namespace {

int Run(const dbgref::tools::Command& command) {
  const std::string& name = command.name;
  if (name == "list") return dbgref::tools::RunList(command);
  if (name == "diagram") return dbgref::tools::RunDiagram(command);
  if (name == "replay") return dbgref::tools::RunReplay(command);
  if (name == "review") return dbgref::tools::RunReview(command);
  if (name == "check") return dbgref::tools::RunCheck(command);
  if (name == "bench") return dbgref::tools::RunBench(command);
  if (name == "explore") return dbgref::tools::RunExplore(command);
  return dbgref::tools::InputError("unknown subcommand '" + name + "'");
}

}  // namespace

int main(int argc, char** argv) {
  absl::StatusOr<dbgref::tools::Command> command =
      dbgref::tools::ParseCommand(argc, const_cast<const char* const*>(argv));
  if (!command.ok()) {
    // One line that names the problem; the usage only when there is no
    // subcommand at all.
    const std::string message(command.status().message());
    if (message == "no subcommand") {
      std::fprintf(stderr, "dbgref: no subcommand; %s\n",
                   dbgref::tools::UsageLine());
    } else {
      std::fprintf(stderr, "dbgref: %s\n", message.c_str());
    }
    return 2;
  }
  const int status = Run(*command);
  // A command that ended on an error may leave the model's proofs running
  // on their thread (tools/proof_summary.h): end without waiting for them.
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(status);
}
