// A revision's campaign judged per requirement (see revision_review.h).
#include "tools/revision_review.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/requirement_list.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/elapsed.h"
#include "props/manifest.h"
#include "props/verdict.h"
#include "tools/cli.h"
#include "tools/counterexample_story.h"
#include "tools/progress.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/saved_traces.h"

namespace dbgref::tools {

ReviewOptions ReviewOptionsOf(const Command& command) {
  ReviewOptions options;
  if (command.sequences != 0) options.sequences = command.sequences;
  if (command.seed_given) options.seed = command.seed;
  options.quiet = command.quiet;
  return options;
}

RevisionReview ReviewRevision(const dbgref_port& port,
                              const ReviewOptions& options,
                              const ProofSummary& proofs,
                              const props::Manifest* manifest) {
  RevisionReview review;
  Report& report = review.report;
  report.revision = port.name;
  props::CampaignOptions campaign;
  campaign.sequences = options.sequences;
  campaign.seed = options.seed;
  Progress progress(absl::StrCat("differential campaign on ", port.name),
                    options.quiet);
  campaign.progress = [&progress](double f) { progress.Update(f); };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<props::RequirementOutcome> outcomes =
      props::RunCampaign(port, campaign);
  report.timings.emplace_back("proofs", proofs.seconds);
  report.timings.emplace_back("campaign", props::SecondsSince(start));

  int broken = 0;
  for (const model::RequirementId& id : model::kRequirements) {
    RequirementResult result;
    result.id = std::string(id.id);
    result.title = std::string(id.title);
    auto proved = proofs.proved_by_requirement.find(result.id);
    if (proved != proofs.proved_by_requirement.end() && proved->second) {
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
      result.counterexample = TellCounterexample(
          result.id, *outcome.counterexample, outcome.seed, port);
      if (options.save_traces) {
        if (const std::optional<std::string> path = SaveCounterexample(
                port.name, result.id, *outcome.counterexample, outcome.seed)) {
          result.counterexample->saved_path = *path;
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
      campaign.sequences, " sequences, seed ", campaign.seed, ")");
  report.notes = proofs.notes;
  return review;
}

}  // namespace dbgref::tools
