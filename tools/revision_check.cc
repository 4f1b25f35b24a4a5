// A revision checked against the model (see revision_check.h).
#include "tools/revision_check.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/requirement_list.h"
#include "oracle/host/kernel_session.h"
#include "props/campaign.h"
#include "props/elapsed.h"
#include "props/manifest.h"
#include "props/verdict.h"
#include "tools/counterexample.h"
#include "tools/kernel_boot.h"
#include "tools/kernel_campaign.h"
#include "tools/kernel_judge.h"
#include "tools/progress.h"
#include "tools/proof_summary.h"
#include "tools/report.h"
#include "tools/revisions.h"
#include "tools/saved_traces.h"

namespace dbgref::tools {
namespace {

using props::Verdict;

void Save(const Revision& revision, const std::string& name,
          const trace::Trace& t, uint64_t seed, const CheckOptions& options,
          Counterexample& cx) {
  if (!options.save_traces) return;
  if (const std::optional<std::string> path =
          SaveCounterexample(revision.name, name, t, seed)) {
    cx.saved_path = *path;
  }
}

std::string Sequences(const CheckOptions& options) {
  return absl::StrCat(options.sequences, " sequences, seed ", options.seed);
}

// The model or a port: props::RunCampaign on its table.
void CheckTable(const Revision& revision, const CheckOptions& options,
                Report& report) {
  props::CampaignOptions campaign;
  campaign.sequences = options.sequences;
  campaign.seed = options.seed;
  Progress progress(absl::StrCat("differential campaign on ", revision.name),
                    options.quiet);
  campaign.progress = [&progress](double f) { progress.Update(f); };
  const auto start = std::chrono::steady_clock::now();
  const std::vector<props::RequirementOutcome> outcomes =
      props::RunCampaign(*revision.table, campaign);
  report.timings.emplace_back("campaign", props::SecondsSince(start));
  for (std::size_t k = 0; k < report.requirements.size(); ++k) {
    RequirementResult& result = report.requirements[k];
    result.methods.push_back("property");
    for (const props::RequirementOutcome& o : outcomes) {
      if (o.id != result.id || o.verdict != Verdict::kBroken ||
          !o.counterexample) {
        continue;
      }
      result.status = Status::kBroken;
      result.counterexample =
          TellCounterexample(*o.counterexample, o.seed, *revision.table);
      Save(revision, result.id, *o.counterexample, o.seed, options,
           *result.counterexample);
    }
  }
  report.summary = absl::StrCat(
      report.Count(Status::kHolds), " of ", report.requirements.size(),
      " requirements hold on ", revision.name, ", ",
      report.Count(Status::kBroken), " broken (", Sequences(options), ")");
}

// A real kernel: one boot, the kernel campaign, each finding told.
absl::Status CheckKernel(const Revision& revision, const CheckOptions& options,
                         Report& report) {
  const auto boot_start = std::chrono::steady_clock::now();
  absl::StatusOr<std::unique_ptr<oracle::KernelSession>> session =
      StartKernel(revision, options.program);
  if (!session.ok()) return session.status();
  oracle::KernelSession& kernel = **session;
  report.timings.emplace_back("boot", props::SecondsSince(boot_start));

  KernelCampaignOptions campaign;
  campaign.sequences = options.sequences;
  campaign.seed = options.seed;
  absl::StatusOr<KernelCampaignResult> result;
  {
    Progress progress(
        absl::StrCat("differential campaign on ", revision.name),
        options.quiet);
    campaign.progress = [&progress](double f) { progress.Update(f); };
    result = RunKernelCampaign(kernel, campaign);
  }
  if (!result.ok()) return KernelError(revision, result.status());
  report.timings.emplace_back("campaign", result->run_seconds);
  report.timings.emplace_back("reduction", result->reduce_seconds);

  for (RequirementResult& r : report.requirements) {
    r.methods.push_back("kernel");
  }
  for (const KernelFinding& f : result->findings) {
    absl::StatusOr<KernelJudgement> j = CheckOnKernel(kernel, f.trace);
    if (!j.ok()) return KernelError(revision, j.status());
    RequirementResult& r = report.requirements[f.requirement];
    r.status = Status::kBroken;
    r.counterexample =
        TellKernelCounterexample(f.trace, f.seed, *j, revision.name);
    Save(revision, r.id, f.trace, f.seed, options, *r.counterexample);
  }
  for (std::size_t k = 0; k < report.requirements.size(); ++k) {
    RequirementResult& r = report.requirements[k];
    if (r.status == Status::kHolds &&
        !ObservableOnKernel(static_cast<Requirement>(k))) {
      r.status = Status::kNotObserved;
      r.methods.pop_back();  // the kernel's observation says nothing of it
    }
  }
  int n = 0;
  for (const KernelUnexplained& u : result->unexplained) {
    absl::StatusOr<KernelJudgement> j = CheckOnKernel(kernel, u.trace);
    if (!j.ok()) return KernelError(revision, j.status());
    UnexplainedDifference d;
    d.fields = u.fields;
    d.traces = u.traces;
    d.example = TellKernelCounterexample(u.trace, u.seed, *j, revision.name);
    Save(revision, absl::StrCat("unexplained-", ++n), u.trace, u.seed,
         options, d.example);
    report.unexplained.push_back(std::move(d));
  }

  std::vector<std::string> unobserved;
  for (std::size_t k = 0; k < report.requirements.size(); ++k) {
    if (!ObservableOnKernel(static_cast<Requirement>(k))) {
      unobserved.push_back(report.requirements[k].id);
    }
  }
  report.summary = absl::StrCat(
      report.Count(Status::kHolds), " of ", report.requirements.size(),
      " requirements hold on ", revision.name, ", ",
      report.Count(Status::kBroken), " broken, ",
      report.Count(Status::kNotObserved), " not observed, ",
      report.unexplained.size(), " unexplained (", Sequences(options), ")");
  report.notes.push_back(kernel.Summary());
  report.notes.push_back(absl::StrCat(
      "of ", result->sequences, " sequences, ", result->adapted,
      " lost ONE_REG operations of ids KVM does not have, ", result->refused,
      " could not run on the real guest, ", result->outside_convention,
      " left the guest runtime's convention (not compared) and ",
      result->differing, " differed from the model; ", result->operations,
      " operations on the kernel, ", result->candidates,
      " traces more while reducing"));
  report.notes.push_back(absl::StrCat(
      "not observed: ", absl::StrJoin(unobserved, ", "),
      " read only what KVM sets up as the guest enters, which a real kernel "
      "does not show (spec/real-kernel.md)"));
  report.notes.push_back(
      "MDCCINT_EL1 is excluded because of the emulator: QEMU 7.2 "
      "implements MDCCINT_EL1 as a no-op, so its reads are not compared "
      "(an emulator artefact, not a fact of the kernel; "
      "spec/real-kernel.md)");
  const absl::Status down = kernel.Shutdown();
  if (!down.ok()) {
    report.notes.push_back(absl::StrCat(
        "the VM did not shut down cleanly after the campaign: ",
        down.message()));
  }
  return absl::OkStatus();
}

}  // namespace

CheckOptions CheckOptionsOf(const Command& command) {
  CheckOptions options;
  options.sequences = command.sequences;
  if (command.seed_given) options.seed = command.seed;
  options.quiet = command.quiet;
  options.program = command.program;
  return options;
}

uint64_t DefaultSequences(const Revision& revision) {
  return revision.kind == RevisionKind::kKernel ? 2000 : 20000;
}

absl::StatusOr<Report> CheckRevision(const Revision& revision,
                                     const CheckOptions& asked) {
  CheckOptions options = asked;
  if (options.sequences == 0) options.sequences = DefaultSequences(revision);
  std::optional<props::Manifest> manifest;
  absl::StatusOr<props::Manifest> loaded = props::LoadManifest(revision.name);
  if (loaded.ok()) {
    manifest = std::move(*loaded);
  } else if (loaded.status().code() != absl::StatusCode::kNotFound) {
    return loaded.status();
  }

  Report report;
  report.revision = revision.name;
  report.description = revision.description;
  for (const model::RequirementId& id : model::kRequirements) {
    RequirementResult r;
    r.id = std::string(id.id);
    r.title = std::string(id.title);
    if (manifest) {
      r.expected = manifest->IsBroken(r.id) ? Verdict::kBroken : Verdict::kHolds;
    } else if (revision.kind == RevisionKind::kModel) {
      r.expected = Verdict::kHolds;  // the reference keeps every one
    }
    report.requirements.push_back(std::move(r));
  }

  if (revision.kind == RevisionKind::kKernel) {
    absl::Status s = CheckKernel(revision, options, report);
    if (!s.ok()) return s;
  } else {
    CheckTable(revision, options, report);
  }

  if (manifest) {
    report.manifest = absl::StrCat("props/manifests/", revision.name, ".txt");
  }
  if (manifest || revision.kind == RevisionKind::kModel) {
    bool matches = report.unexplained.empty();
    for (const RequirementResult& r : report.requirements) {
      const bool broken = r.status == Status::kBroken;
      const bool expected_broken = *r.expected == Verdict::kBroken;
      if (r.status == Status::kNotObserved ? expected_broken
                                           : broken != expected_broken) {
        matches = false;
      }
    }
    report.matches_manifest = matches;
  }
  return report;
}

void AddProofs(const ProofSummary& proofs, Report& report) {
  for (RequirementResult& r : report.requirements) {
    auto proved = proofs.proved_by_requirement.find(r.id);
    if (proved != proofs.proved_by_requirement.end() && proved->second) {
      r.methods.insert(r.methods.begin(), "proof");
    }
  }
  report.timings.insert(report.timings.begin(), {"proofs", proofs.seconds});
  for (const std::string& note : proofs.notes) report.notes.push_back(note);
}

}  // namespace dbgref::tools
