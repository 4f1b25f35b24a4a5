// dbgref review REV and dbgref check: the model's proofs, then the
// differential campaign of each revision against the model, judged per
// requirement, as a report a reviewer can paste.
//
//   review REV  exit 0 when every requirement holds on REV, 1 when any is
//               broken (or a proof fails), 2 for a usage or input error.
//   check       every revision against its manifest: exit 0 when every
//               outcome is the one props/manifests/REV.txt expects.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "model/requirement_ids.h"
#include "port/driver.h"
#include "proofs/obligations.h"
#include "props/campaign.h"
#include "props/elapsed.h"
#include "props/manifest.h"
#include "props/workspace_file.h"
#include "tools/commands.h"
#include "tools/report.h"
#include "tools/revisions.h"
#include "tools/story.h"
#include "trace/file.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref {
namespace {

constexpr uint64_t kDefaultSequences = 2000;
constexpr uint64_t kDefaultSeed = 1;

// A progress line on stderr, redrawn in place, only on a terminal and only
// once the work has taken about a second.
class Progress {
 public:
  Progress(std::string what, bool quiet)
      : what_(std::move(what)),
        enabled_(!quiet && isatty(STDERR_FILENO)),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 72, "");
  }
  void Update(double fraction) {
    if (!enabled_ || props::SecondsSince(start_) < 1.0) return;
    shown_ = true;
    std::fprintf(stderr, "\r%-50.50s %3d%%", what_.c_str(),
                 static_cast<int>(fraction * 100));
    std::fflush(stderr);
  }

 private:
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

struct ProofSummary {
  std::map<std::string, std::vector<std::string>> failed_by_requirement;
  std::map<std::string, bool> proved_by_requirement;
  std::vector<std::string> notes;
  double seconds = 0;
  bool all_proved = true;
};

ProofSummary RunProofs(bool quiet) {
  ProofSummary summary;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<proofs::Obligation>& all = proofs::AllObligations();
  Progress progress("proving the model's obligations", quiet);
  for (size_t i = 0; i < all.size(); ++i) {
    progress.Update(static_cast<double>(i) / all.size());
    absl::StatusOr<proofs::ProofResult> result = proofs::Prove(all[i].name);
    const bool proved =
        result.ok() && result->status == proofs::ProofResult::Status::kProved;
    auto [it, inserted] =
        summary.proved_by_requirement.emplace(all[i].requirement, proved);
    if (!inserted) it->second = it->second && proved;
    if (!proved) {
      summary.all_proved = false;
      summary.notes.push_back(absl::StrCat(
          "model proof ", all[i].name, " (", all[i].requirement, "): ",
          result.ok() ? proofs::StatusName(result->status)
                      : std::string(result.status().message())));
    }
  }
  summary.seconds = props::SecondsSince(start);
  return summary;
}

std::string OutputFolder() {
  return absl::StrCat(props::BazelRunWorkspace().value_or("."), "/out/traces");
}

// The counterexample told step by step, model against port.
CounterexampleStory Tell(const std::string& requirement,
                         const trace::Trace& trace, uint64_t seed,
                         const dbgref_port& port) {
  CounterexampleStory cx;
  cx.seed = seed;
  cx.trace_text = trace::FormatTrace(trace);
  for (const props::LockstepStep& step : props::Lockstep(trace, port)) {
    StoryStep story;
    story.text = DescribeStep(step.op, step.model);
    story.differences = Differences(step.model, step.port);
    for (const std::string& id : step.violated) {
      if (id == requirement) {
        story.violation = absl::StrCat(port.name, " differs from the model");
      }
    }
    cx.steps.push_back(std::move(story));
  }
  return cx;
}

struct RevisionReview {
  Report report;
  bool any_broken = false;
  bool matches_manifest = true;
};

RevisionReview ReviewRevision(const dbgref_port& port, const Command& command,
                              const ProofSummary& proofs_done,
                              const props::Manifest* manifest,
                              bool save_traces) {
  RevisionReview review;
  Report& report = review.report;
  report.revision = port.name;
  props::CampaignOptions options;
  options.sequences = command.sequences ? command.sequences : kDefaultSequences;
  options.seed = command.seed_given ? command.seed : kDefaultSeed;
  Progress progress(absl::StrCat("differential campaign on ", port.name),
                    command.quiet);
  options.progress = [&progress](double f) { progress.Update(f); };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<props::RequirementOutcome> outcomes =
      props::RunCampaign(port, options);
  report.timings.emplace_back("proofs", proofs_done.seconds);
  report.timings.emplace_back("campaign", props::SecondsSince(start));

  int broken = 0;
  for (const model::RequirementId& id : model::kRequirements) {
    RequirementResult result;
    result.id = std::string(id.id);
    result.title = std::string(id.title);
    auto proved = proofs_done.proved_by_requirement.find(result.id);
    if (proved != proofs_done.proved_by_requirement.end() && proved->second) {
      result.methods.push_back("proof");
    }
    result.methods.push_back("property");
    for (const props::RequirementOutcome& outcome : outcomes) {
      if (outcome.id != result.id ||
          outcome.verdict != props::Verdict::kBroken ||
          !outcome.counterexample) {
        continue;
      }
      result.verdict = props::Verdict::kBroken;
      result.counterexample =
          Tell(result.id, *outcome.counterexample, outcome.seed, port);
      if (save_traces) {
        const std::string path = absl::StrCat(OutputFolder(), "/", port.name,
                                              "/", result.id, ".trace");
        if (trace::WriteTraceFile(
                path, *outcome.counterexample,
                absl::StrCat(result.id, " broken on ", port.name, ", seed ",
                             outcome.seed))
                .ok()) {
          result.counterexample->saved_path = path;
        }
      }
    }
    if (manifest != nullptr) {
      result.expected_by_manifest = manifest->IsBroken(result.id)
                                        ? props::Verdict::kBroken
                                        : props::Verdict::kHolds;
      if (result.expected_by_manifest != result.verdict) {
        review.matches_manifest = false;
      }
    }
    if (result.verdict == props::Verdict::kBroken) ++broken;
    report.requirements.push_back(std::move(result));
  }
  review.any_broken = broken > 0;
  report.summary = absl::StrCat(
      model::kRequirements.size() - broken, " of ", model::kRequirements.size(),
      " requirements hold on ", port.name, ", ", broken, " broken (",
      options.sequences, " sequences, seed ", options.seed, ")");
  report.notes = proofs_done.notes;
  return review;
}

void Print(const Report& report, OutputFormat format) {
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

}  // namespace

int RunReview(const Command& command) {
  absl::StatusOr<std::vector<const dbgref_port*>> ports =
      SelectRevisions(command.args[0]);
  if (!ports.ok()) return InputError(std::string(ports.status().message()));
  absl::StatusOr<props::Manifest> manifest =
      props::LoadManifest(command.args[0]);
  const ProofSummary proofs_done = RunProofs(command.quiet);
  RevisionReview review = ReviewRevision(*ports->front(), command, proofs_done,
                                         manifest.ok() ? &*manifest : nullptr,
                                         /*save_traces=*/true);
  Print(review.report, command.format);
  return review.any_broken || !proofs_done.all_proved ? 1 : 0;
}

int RunCheck(const Command& command) {
  const ProofSummary proofs_done = RunProofs(command.quiet);
  bool all_as_expected = proofs_done.all_proved;
  std::vector<std::string> lines;
  std::vector<Report> reports;
  for (size_t i = 0; i < dbgref_port_count; ++i) {
    const dbgref_port& port = *dbgref_ports[i];
    absl::StatusOr<props::Manifest> manifest = props::LoadManifest(port.name);
    if (!manifest.ok()) {
      return InputError(std::string(manifest.status().message()));
    }
    RevisionReview review = ReviewRevision(port, command, proofs_done,
                                           &*manifest, /*save_traces=*/true);
    all_as_expected = all_as_expected && review.matches_manifest;
    int broken = 0;
    for (const RequirementResult& r : review.report.requirements) {
      if (r.verdict == props::Verdict::kBroken) ++broken;
    }
    lines.push_back(absl::StrFormat("%-10s %2d broken, %s", port.name, broken,
                                    review.matches_manifest
                                        ? "as its manifest expects"
                                        : "DIFFERS from its manifest"));
    reports.push_back(std::move(review.report));
  }
  if (command.format == OutputFormat::kJson) {
    std::string out = "[";
    for (size_t i = 0; i < reports.size(); ++i) {
      absl::StrAppend(&out, i ? ",\n" : "", RenderJson(reports[i]));
    }
    absl::StrAppend(&out, "]\n");
    std::fputs(out.c_str(), stdout);
  } else {
    for (const Report& report : reports) {
      Print(report, command.format);
      std::printf("\n");
    }
    std::printf("dbgref check: model proofs %s (%.1f s)\n",
                proofs_done.all_proved ? "all proved" : "NOT all proved",
                proofs_done.seconds);
    for (const std::string& line : lines) std::printf("  %s\n", line.c_str());
  }
  return all_as_expected ? 0 : 1;
}

}  // namespace dbgref
