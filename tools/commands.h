// The subcommands of the dbgref binary, one file each (cmd_*.cc). Each
// takes the parsed command line and returns the process exit status: 0
// success, 1 a finding (a broken requirement, a failed proof, an outcome
// other than the manifest says), 2 a usage or input error (reported on
// stderr, nothing on stdout).
#ifndef DBGREF_TOOLS_COMMANDS_H_
#define DBGREF_TOOLS_COMMANDS_H_

#include <string>

#include "absl/status/status.h"
#include "tools/cli.h"
#include "tools/report.h"

namespace dbgref::tools {

int RunList(const Command& command);
int RunDiagram(const Command& command);
int RunReplay(const Command& command);
int RunReview(const Command& command);
int RunCheck(const Command& command);
int RunBench(const Command& command);
int RunExplore(const Command& command);

// Prints "dbgref: <message>" on stderr and returns 2.
int InputError(const std::string& message);
int InputError(const absl::Status& status);

// Prints the report on stdout in the format asked for.
void PrintReport(const Report& report, OutputFormat format);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_COMMANDS_H_
