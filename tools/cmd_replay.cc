// dbgref replay FILE [--revision=REV] [--format=json]: runs a v2 trace file
// on the model and on a revision, and tells it (trace/story.h): the
// model's story, and for each revision that differs, the story again with
// the first step where it differs, field by field, and the requirement
// that difference breaks. Without --revision: the model and every port
// (a real kernel boots a VM: name it). A real kernel runs the trace on its
// own host shape.
//
// --format=json prints what one revision did on each operation
// (trace/replay_json.h, docs/replay-json.md): REV's, or the model's
// without --revision.
//
// Exit 0 when every revision replayed does what the model does, 1 when one
// differs, 2 for a usage or input error (an unknown revision; a file that
// cannot be read or does not parse, with the parser's line and column; a
// kernel that does not boot): then nothing is printed on stdout.

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "oracle/host/kernel_session.h"
#include "tools/commands.h"
#include "tools/counterexample.h"
#include "tools/kernel_boot.h"
#include "tools/kernel_campaign.h"
#include "tools/kernel_judge.h"
#include "tools/report.h"
#include "tools/revision_run.h"
#include "tools/revisions.h"
#include "trace/file.h"
#include "trace/model_run.h"
#include "trace/names.h"
#include "trace/outcome.h"
#include "trace/replay_json.h"
#include "trace/story.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

void PrintWrapped(const std::string& text, size_t hanging) {
  for (const std::string& line : WrapLine(text, 72, hanging)) {
    std::printf("%s\n", line.c_str());
  }
}

// What one revision did with the trace: its story lines (with the model's)
// and whether it differs.
struct Replayed {
  bool differs = false;
  std::string heading;
  std::vector<std::string> lines;
  std::vector<trace::OpOutcome> outcomes;
};

Replayed OnTable(const Revision& revision, const trace::Trace& t) {
  Replayed out;
  const trace::Observations model = trace::RunOnModel(t);
  const trace::Observations theirs = RunOnRevision(t, *revision.table);
  out.outcomes = trace::OutcomesOf(t, theirs);
  out.differs = trace::FirstDivergence(model, theirs).has_value();
  if (!out.differs) {
    out.heading = absl::StrCat(revision.name,
                               ": the same as the model at every step");
    return out;
  }
  out.heading = absl::StrCat(revision.name, " differs from the model:");
  out.lines = CounterexampleLines(TellCounterexample(t, 0, *revision.table), 0);
  return out;
}

absl::StatusOr<Replayed> OnKernel(const Revision& revision,
                                  const std::string& program,
                                  const trace::Trace& t) {
  absl::StatusOr<std::unique_ptr<oracle::KernelSession>> session =
      StartKernel(revision, program);
  if (!session.ok()) return session.status();
  trace::Trace on_kernel = t;
  on_kernel.host = (*session)->host();
  absl::StatusOr<KernelJudgement> j = CheckOnKernel(**session, on_kernel);
  if (!j.ok()) return KernelError(revision, j.status());
  Replayed out;
  out.outcomes = trace::OutcomesOf(on_kernel, j->steps.kernel);
  out.differs = !j->differences.empty();
  std::string host;
  if (!trace::SameHost(t.host, on_kernel.host)) {
    host = absl::StrCat(" (on its own host, ID_AA64DFR0_EL1=",
                        trace::Hex(on_kernel.host.id_aa64dfr0_el1),
                        ", no host breakpoints)");
  }
  out.heading = absl::StrCat((*session)->Summary(), host);
  // The story on the kernel's host, unless it is the one above.
  if (out.differs || !host.empty()) {
    out.lines = CounterexampleLines(
        TellKernelCounterexample(on_kernel, 0, *j, revision.name), 0);
  }
  out.heading += out.differs
                     ? absl::StrCat("; ", revision.name,
                                    " differs from the model:")
                     : absl::StrCat("; ", revision.name,
                                    ": the same as the model at every "
                                    "operation");
  (void)(*session)->Shutdown();
  return out;
}

}  // namespace

int RunReplay(const Command& command) {
  std::vector<const Revision*> revisions;
  if (!command.revision.empty()) {
    absl::StatusOr<const Revision*> r = FindRevision(command.revision);
    if (!r.ok()) return InputError(r.status());
    revisions.push_back(*r);
  } else if (command.format != OutputFormat::kJson) {
    for (const Revision& r : AllRevisions()) {
      if (r.kind == RevisionKind::kPort) revisions.push_back(&r);
    }
  } else {
    revisions.push_back(*FindRevision("model"));
  }
  absl::StatusOr<trace::Trace> t = trace::ReadTraceFile(command.args[0]);
  if (!t.ok()) return InputError(t.status());

  std::vector<Replayed> replays;
  for (const Revision* revision : revisions) {
    if (revision->kind == RevisionKind::kKernel) {
      absl::StatusOr<Replayed> r = OnKernel(*revision, command.program, *t);
      if (!r.ok()) return InputError(r.status());
      replays.push_back(std::move(*r));
    } else {
      replays.push_back(OnTable(*revision, *t));
    }
  }
  bool differs = false;
  for (const Replayed& r : replays) differs = differs || r.differs;

  if (command.format == OutputFormat::kJson) {
    std::fputs(trace::ReplayJson(*t, replays[0].outcomes,
                                 revisions[0]->name)
                   .c_str(),
               stdout);
    return differs ? 1 : 0;
  }
  PrintWrapped(absl::StrCat("replay of ", command.args[0], " (",
                            t->ops.size(), " operations, ", t->program.count,
                            " program lines), host ID_AA64DFR0_EL1=",
                            trace::Hex(t->host.id_aa64dfr0_el1)),
               2);
  std::printf("\nthe model:\n");
  std::fputs(trace::TellStory(*t, trace::RunOnModel(*t)).c_str(), stdout);
  for (const Replayed& r : replays) {
    std::printf("\n");
    PrintWrapped(r.heading, 2);
    for (const std::string& line : r.lines) std::printf("%s\n", line.c_str());
  }
  return differs ? 1 : 0;
}

}  // namespace dbgref::tools
