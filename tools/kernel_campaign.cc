// The campaign on a real kernel (see kernel_campaign.h).
#include "tools/kernel_campaign.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "oracle/host/kernel_session.h"
#include "oracle/host/kernel_trace.h"
#include "props/campaign.h"
#include "props/elapsed.h"
#include "props/generators.h"
#include "tools/kernel_judge.h"
#include "trace/shrink.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::tools {
namespace {

// Sequences per round trip: small enough for a progress line that moves.
constexpr std::size_t kChunk = 250;

// The most kinds of unexplained difference reduced and reported.
constexpr std::size_t kMaxUnexplainedKinds = 4;

// Reduces t while still_fails holds on the kernel; the first error of the
// session ends it.
absl::StatusOr<trace::Trace> ReduceOnKernel(
    oracle::KernelSession& session, const trace::Trace& t,
    const std::function<bool(const KernelJudgement&)>& still_fails,
    uint64_t* candidates) {
  absl::Status error;
  trace::Trace reduced =
      trace::Shrink(t, [&](const trace::Trace& candidate) {
        if (!error.ok()) return false;
        ++*candidates;
        absl::StatusOr<KernelJudgement> j = CheckOnKernel(session, candidate);
        if (!j.ok()) {
          // A candidate the runner cannot run is no failure; anything else
          // is the VM's and ends the reduction.
          if (j.status().code() != absl::StatusCode::kInvalidArgument) {
            error = j.status();
          }
          return false;
        }
        return still_fails(*j);
      },
      trace::Values::kRecognisable);
  if (!error.ok()) return error;
  return reduced;
}

}  // namespace

std::string DifferenceKind(const std::vector<oracle::KernelDifference>& d) {
  std::vector<std::string> fields;
  for (const oracle::KernelDifference& x : d) fields.push_back(x.field);
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  return absl::StrJoin(fields, " ");
}

absl::StatusOr<KernelJudgement> CheckOnKernel(oracle::KernelSession& session,
                                              const trace::Trace& t) {
  trace::Trace on_kernel = t;
  on_kernel.host = session.host();
  absl::StatusOr<std::vector<oracle::CheckedTrace>> checked =
      session.Check({KernelTraceOf(on_kernel)});
  if (!checked.ok()) return checked.status();
  return JudgeKernel(on_kernel, (*checked)[0]);
}

absl::StatusOr<KernelCampaignResult> RunKernelCampaign(
    oracle::KernelSession& session, const KernelCampaignOptions& options) {
  KernelCampaignResult result;
  const auto start = std::chrono::steady_clock::now();
  std::map<Requirement, std::size_t> found;  // index into result.findings
  std::map<std::string, std::size_t> kinds;  // into result.unexplained

  std::vector<trace::Trace> chunk;
  std::vector<uint64_t> seeds;
  auto run_chunk = [&]() -> absl::Status {
    if (chunk.empty()) return absl::OkStatus();
    std::vector<oracle::KernelTrace> traces;
    traces.reserve(chunk.size());
    for (const trace::Trace& t : chunk) traces.push_back(KernelTraceOf(t));
    absl::StatusOr<std::vector<oracle::CheckedTrace>> checked =
        session.Check(traces);
    if (!checked.ok()) return checked.status();
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      const oracle::CheckedTrace& c = (*checked)[i];
      result.operations += chunk[i].ops.size();
      if (!c.model.outside_convention.empty()) {
        ++result.outside_convention;
        continue;
      }
      if (c.differences.empty()) continue;
      ++result.differing;
      const KernelJudgement j = JudgeKernel(chunk[i], c);
      if (j.first) {
        for (int k = 0; k < kRequirementCount; ++k) {
          const Requirement r = static_cast<Requirement>(k);
          if (!j.first->verdict.violated.Has(r) || found.count(r)) continue;
          found[r] = result.findings.size();
          result.findings.push_back({r, seeds[i], chunk[i]});
        }
      } else if (j.unexplained) {
        const std::string kind = DifferenceKind(j.differences);
        auto it = kinds.find(kind);
        if (it != kinds.end()) {
          ++result.unexplained[it->second].traces;
        } else if (kinds.size() < kMaxUnexplainedKinds) {
          kinds[kind] = result.unexplained.size();
          result.unexplained.push_back({kind, 1, seeds[i], chunk[i]});
        }
      }
    }
    chunk.clear();
    seeds.clear();
    return absl::OkStatus();
  };

  trace::Trace t;
  for (uint64_t i = 0; i < options.sequences; ++i) {
    if (options.progress && i % kChunk == 0) {
      options.progress(static_cast<double>(i) / options.sequences);
    }
    const uint64_t seed = props::SequenceSeed(options.seed, i);
    props::GenerateSequence(seed, options.max_ops, t);
    t.host = session.host();
    ++result.sequences;
    // The generators also make ONE_REG operations of ids no kernel has,
    // which no trace may hold (trace/valid.h): a real VMM cannot issue
    // them, so they are left out.
    const size_t before = t.ops.size();
    t.ops.erase(std::remove_if(t.ops.begin(), t.ops.end(),
                               [](const dbgref_op& op) {
                                 return trace::OpProblem(op).has_value();
                               }),
                t.ops.end());
    if (t.ops.size() != before) ++result.adapted;
    if (!oracle::CompileTrace(KernelTraceOf(t)).ok()) {
      ++result.refused;
      continue;
    }
    chunk.push_back(t);
    seeds.push_back(seed);
    if (chunk.size() == kChunk) {
      absl::Status s = run_chunk();
      if (!s.ok()) return s;
    }
  }
  absl::Status s = run_chunk();
  if (!s.ok()) return s;
  if (options.progress) options.progress(1.0);
  result.run_seconds = props::SecondsSince(start);

  const auto reduce_start = std::chrono::steady_clock::now();
  std::sort(result.findings.begin(), result.findings.end(),
            [](const KernelFinding& a, const KernelFinding& b) {
              return a.requirement < b.requirement;
            });
  for (KernelFinding& f : result.findings) {
    const Requirement r = f.requirement;
    absl::StatusOr<trace::Trace> reduced = ReduceOnKernel(
        session, f.trace,
        [r](const KernelJudgement& j) {
          return j.first && j.first->verdict.violated.Has(r);
        },
        &result.candidates);
    if (!reduced.ok()) return reduced.status();
    f.trace = std::move(*reduced);
  }
  for (KernelUnexplained& u : result.unexplained) {
    const std::string kind = u.fields;
    absl::StatusOr<trace::Trace> reduced = ReduceOnKernel(
        session, u.trace,
        [&kind](const KernelJudgement& j) {
          return j.unexplained && DifferenceKind(j.differences) == kind;
        },
        &result.candidates);
    if (!reduced.ok()) return reduced.status();
    u.trace = std::move(*reduced);
  }
  result.reduce_seconds = props::SecondsSince(reduce_start);
  return result;
}

}  // namespace dbgref::tools
