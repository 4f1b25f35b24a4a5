// What every subcommand shares.

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "tools/cli.h"
#include "tools/commands.h"
#include "tools/report.h"

namespace dbgref::tools {

int InputError(const std::string& message) {
  std::fprintf(stderr, "dbgref: %s\n", message.c_str());
  return 2;
}

int InputError(const absl::Status& status) {
  return InputError(std::string(status.message()));
}

void PrintReport(const Report& report, OutputFormat format) {
  switch (format) {
    case OutputFormat::kText:
      std::fputs(RenderText(report).c_str(), stdout);
      break;
    case OutputFormat::kMarkdown:
      std::fputs(RenderMarkdown(report).c_str(), stdout);
      break;
    case OutputFormat::kJson:
      std::fputs(RenderJson(report).c_str(), stdout);
      break;
  }
}

}  // namespace dbgref::tools
