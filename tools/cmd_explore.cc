// dbgref explore REV: exhaustive exploration of one revision against the
// model over a finite alphabet (props/explore.h), breadth first to closure
// or --max-depth, with --threads threads and at most --max-states states.
// Prints the report (tools/explore_report.h) in text or JSON.
//
// Exit 0 when the search closed and found exactly what the revision's
// manifest expects (the model: nothing); 1 otherwise; 2 for a usage or
// input error (an unknown alphabet or revision, a depth below 1, a real
// kernel, too many states), one line on stderr and nothing on stdout.

#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "props/alphabet.h"
#include "props/explore.h"
#include "props/manifest.h"
#include "tools/commands.h"
#include "tools/explore_report.h"
#include "tools/revisions.h"

namespace dbgref::tools {

int RunExplore(const Command& command) {
  if (command.format == OutputFormat::kMarkdown) {
    return InputError("explore reports in text or json");
  }
  absl::StatusOr<const props::Alphabet*> alphabet = props::FindAlphabet(
      command.alphabet.empty() ? std::string(props::kDefaultAlphabet)
                               : command.alphabet);
  if (!alphabet.ok()) return InputError(alphabet.status());
  if (command.max_depth < 1) {
    return InputError(absl::StrCat("bad --max-depth=", command.max_depth,
                                   ": the depth must be at least 1"));
  }
  if (command.threads < 1 || command.threads > 256) {
    return InputError(
        absl::StrCat("bad --threads=", command.threads, ": 1 to 256 threads"));
  }
  if (command.max_states < 1) {
    return InputError("bad --max-states: at least 1 state");
  }
  absl::StatusOr<const Revision*> revision = FindRevision(command.args[0]);
  if (!revision.ok()) return InputError(revision.status());
  if ((*revision)->kind == RevisionKind::kKernel ||
      (*revision)->table == nullptr || (*revision)->table->state_size == 0) {
    return InputError(absl::StrCat(
        "cannot explore ", (*revision)->name,
        ": exploration needs a port's full state (a real kernel shows only "
        "what userspace and the guest see)"));
  }
  props::ExploreOptions options;
  options.max_depth = static_cast<int>(command.max_depth);
  options.threads = static_cast<int>(command.threads);
  options.max_states = command.max_states;
  options.progress = !command.quiet;
  absl::StatusOr<props::ExploreResult> result =
      props::Explore(*(*revision)->table, **alphabet, options);
  if (!result.ok()) return InputError(result.status());
  std::optional<props::Manifest> manifest;
  if ((*revision)->kind == RevisionKind::kPort) {
    absl::StatusOr<props::Manifest> m = props::LoadManifest((*revision)->name);
    if (!m.ok()) return InputError(m.status());
    manifest = std::move(*m);
  }
  // The model must keep every requirement: an empty manifest.
  const props::Manifest none;
  const ExploreReport report =
      MakeExploreReport((*revision)->name, **alphabet, options,
                        std::move(*result), manifest ? &*manifest : &none);
  const std::string text = command.format == OutputFormat::kJson
                               ? RenderExploreJson(report)
                               : RenderExploreText(report);
  std::fputs(text.c_str(), stdout);
  return report.AsExpected() ? 0 : 1;
}

}  // namespace dbgref::tools
