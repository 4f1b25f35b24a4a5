// dbgref replay FILE [--revision=REV]: runs a saved trace on the model and
// on each port revision (or one), and prints them side by side: every step
// as the model tells it, and where a revision's observation differs,
// expected (model) against actual (port), with the requirements the first
// divergent step breaks.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "port/driver.h"
#include "props/lockstep.h"
#include "tools/commands.h"
#include "tools/report.h"
#include "tools/revisions.h"
#include "tools/story.h"
#include "trace/file.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

constexpr size_t kWidth = 72;

void PrintWrapped(const std::string& text, size_t hanging) {
  size_t lead = 0;
  while (lead < text.size() && text[lead] == ' ') ++lead;
  for (const std::string& line : WrapLine(text, kWidth, lead + hanging)) {
    std::printf("%s\n", line.c_str());
  }
}

}  // namespace

int RunReplay(const Command& command) {
  absl::StatusOr<std::vector<const dbgref_port*>> ports =
      SelectRevisions(command.revision);
  if (!ports.ok()) return InputError(std::string(ports.status().message()));
  absl::StatusOr<trace::Trace> trace = trace::ReadTraceFile(command.args[0]);
  if (!trace.ok()) return InputError(std::string(trace.status().message()));

  std::vector<std::string> names;
  std::vector<std::vector<props::LockstepStep>> runs;
  for (const dbgref_port* port : *ports) {
    names.push_back(port->name);
    runs.push_back(props::Lockstep(*trace, *port));
  }
  PrintWrapped(
      absl::StrCat("replay of ", command.args[0], " (", trace->ops.size(),
                   " steps) on the model and ", absl::StrJoin(names, ", ")),
      2);
  PrintWrapped(absl::StrCat("host: ID_AA64DFR0_EL1=0x",
                            absl::Hex(trace->host.id_aa64dfr0_el1)),
               2);
  int broken = 0;
  for (size_t i = 0; i < trace->ops.size(); ++i) {
    const std::string number = absl::StrCat(i + 1, ". ");
    std::printf("\n");
    PrintWrapped(
        absl::StrCat(number, DescribeStep(trace->ops[i], runs[0][i].model)),
        number.size());
    for (size_t p = 0; p < runs.size(); ++p) {
      const props::LockstepStep& step = runs[p][i];
      const std::string who = absl::StrFormat("   %-10s", names[p]);
      const std::vector<FieldDifference> differences =
          Differences(step.model, step.port);
      if (differences.empty()) {
        PrintWrapped(absl::StrCat(who, " same as the model"), 11);
        continue;
      }
      PrintWrapped(
          absl::StrCat(who, " differs: ", DescribeStep(step.op, step.port)),
          11);
      for (const FieldDifference& d : differences) {
        PrintWrapped(absl::StrCat("              ", d.field, ": model ",
                                  d.expected, ", ", names[p], " ", d.actual),
                     2);
      }
      if (step.first_divergence) {
        ++broken;
        PrintWrapped(absl::StrCat("              breaks ",
                                  absl::StrJoin(step.violated, ", ")),
                     2);
      }
    }
  }
  std::printf("\n");
  PrintWrapped(absl::StrCat(broken, " of ", runs.size(),
                            " revision(s) break a requirement on this trace"),
               2);
  return broken == 0 ? 0 : 1;
}

}  // namespace dbgref::tools
