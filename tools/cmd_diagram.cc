// dbgref diagram [OUT]: the mode diagram as DOT on stdout, or rendered into
// OUT (.dot, .svg or .png; the latter two need Graphviz's dot).

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/commands.h"
#include "tools/diagram.h"

namespace dbgref::tools {
namespace {

bool DotAvailable() {
  return std::system("command -v dot >/dev/null 2>&1") == 0;
}

// A path safe to pass to the shell inside single quotes.
bool ShellSafe(const std::string& path) {
  return path.find('\'') == std::string::npos;
}

}  // namespace

int RunDiagram(const Command& command) {
  const std::string dot = DebugModeDiagramDot();
  if (command.args.empty()) {
    std::fputs(dot.c_str(), stdout);
    return 0;
  }
  const std::string& out = command.args[0];
  std::string format;
  if (absl::EndsWith(out, ".dot")) {
    format = "dot";
  } else if (absl::EndsWith(out, ".svg")) {
    format = "svg";
  } else if (absl::EndsWith(out, ".png")) {
    format = "png";
  } else {
    return InputError(absl::StrCat("cannot tell the format of '", out,
                                   "': name it .dot, .svg or .png"));
  }
  if (!ShellSafe(out)) return InputError("the output path has a quote in it");
  if (format != "dot" && !DotAvailable()) {
    return InputError(
        "rendering needs Graphviz's dot (Debian package graphviz); "
        "run ./dbgref to install it, or ask for a .dot file");
  }
  if (format == "dot") {
    std::ofstream file(out);
    if (!(file << dot)) {
      return InputError(absl::StrCat("cannot write '", out, "'"));
    }
    return 0;
  }
  FILE* pipe =
      popen(absl::StrCat("dot -T", format, " -o '", out, "'").c_str(), "w");
  if (pipe == nullptr) return InputError("cannot start dot");
  std::fputs(dot.c_str(), pipe);
  if (pclose(pipe) != 0) {
    std::remove(out.c_str());
    return InputError(absl::StrCat("dot could not write '", out, "'"));
  }
  return 0;
}

}  // namespace dbgref::tools
