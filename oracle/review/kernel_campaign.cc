// The campaign on a real kernel (see kernel_campaign.h).
#include "oracle/review/kernel_campaign.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/record.h"
#include "oracle/host/model_projection.h"
#include "props/campaign.h"
#include "props/generators.h"
#include "trace/format.h"
#include "trace/shrink.h"

namespace dbgref::oracle {
namespace {

double Since(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a)
      .count();
}

bool Compiles(const KernelTrace& t) { return CompileTrace(t).ok(); }

std::string Key(const trace::Trace& t) { return trace::FormatTrace(t); }

struct Job {
  const ShrinkGoal* goal;
  std::map<std::string, bool> answers;
  bool done = false;
  KernelTrace result;
};

}  // namespace

absl::Status CheckNoTimeout(const KernelTrace& t, const CheckedTrace& c,
                            const std::string& which) {
  for (size_t k = 0; k < c.kernel.steps.size(); ++k) {
    if (c.kernel.steps[k].timed_out) {
      return absl::DeadlineExceededError(absl::StrCat(
          which, ", op ", k,
          ": KVM_RUN did not return before its timeout (the guest hangs); "
          "no outcome is claimed. The trace:\n",
          DescribeTrace(t)));
    }
  }
  return absl::OkStatus();
}

KernelTrace KernelSequence(const dbgref_host& host, uint64_t seed,
                           uint64_t index, int max_ops) {
  trace::Trace t;
  props::GenerateSequence(props::SequenceSeed(seed, index), max_ops, t);
  KernelTrace k = FromTrace(t);
  k.host = host;
  return k;
}

absl::StatusOr<std::vector<KernelTrace>> ShrinkOnKernel(
    KernelSession& session, const std::vector<ShrinkGoal>& goals,
    ShrinkStats* stats) {
  std::vector<Job> jobs(goals.size());
  for (size_t g = 0; g < goals.size(); ++g) {
    jobs[g].goal = &goals[g];
    jobs[g].answers[Key(ToTrace(goals[g].trace))] = true;
  }
  for (;;) {
    std::vector<KernelTrace> batch;
    std::map<std::string, size_t> in_batch;
    std::vector<std::vector<std::pair<std::string, size_t>>> asked(jobs.size());
    for (size_t g = 0; g < jobs.size(); ++g) {
      Job& job = jobs[g];
      if (job.done) continue;
      std::set<std::string> pending;
      const trace::Trace result = trace::Shrink(
          ToTrace(job.goal->trace),
          [&](const trace::Trace& c) {
            const std::string key = Key(c);
            auto it = job.answers.find(key);
            if (it != job.answers.end()) return it->second;
            KernelTrace k = FromTrace(c);
            if (!Compiles(k)) {
              job.answers[key] = false;
              return false;
            }
            if (pending.insert(key).second) {
              auto b = in_batch.find(key);
              if (b == in_batch.end()) {
                b = in_batch.emplace(key, batch.size()).first;
                batch.push_back(std::move(k));
              }
              asked[g].emplace_back(key, b->second);
            }
            return false;
          },
          trace::Values::kRecognisable);
      if (pending.empty()) {
        job.done = true;
        job.result = FromTrace(result);
      }
    }
    if (batch.empty()) break;
    absl::StatusOr<std::vector<CheckedTrace>> checked = session.Check(batch);
    if (!checked.ok()) return checked.status();
    if (stats != nullptr) {
      ++stats->round_trips;
      stats->candidates += batch.size();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      absl::Status s = CheckNoTimeout(batch[i], (*checked)[i],
                                      "a shrinking candidate");
      if (!s.ok()) return s;
    }
    for (size_t g = 0; g < jobs.size(); ++g) {
      for (const auto& [key, index] : asked[g]) {
        jobs[g].answers[key] =
            jobs[g].goal->keeps(batch[index], (*checked)[index]);
      }
    }
  }
  std::vector<KernelTrace> out;
  for (Job& job : jobs) out.push_back(std::move(job.result));
  return out;
}

absl::StatusOr<KernelCampaignResult> RunKernelCampaign(
    KernelSession& session, const KernelCampaignOptions& o) {
  KernelCampaignResult result;
  KernelCampaignStats& st = result.stats;
  const dbgref_host host = session.host();

  // The first sequence per broken requirement and per unexplained kind.
  struct Seen {
    uint64_t index = 0;
    KernelTrace trace;
    KernelJudgement judgement;
    uint64_t count = 0;
  };
  std::map<int, Seen> broken;                // by requirement position
  std::map<std::string, Seen> unexplained;   // by kind
  const size_t batch = std::max<size_t>(1, o.batch);
  for (uint64_t start = 0; start < o.sequences; start += batch) {
    const uint64_t end = std::min<uint64_t>(o.sequences, start + batch);
    std::vector<KernelTrace> traces;
    std::vector<uint64_t> index;
    for (uint64_t i = start; i < end; ++i) {
      ++st.sequences;
      KernelTrace t = KernelSequence(host, o.seed, i, o.max_ops);
      if (!Compiles(t)) {
        ++st.refused;
        continue;
      }
      // The ops from the one that leaves the runtime's convention on are
      // not comparable (and the real guest may spin there): left out.
      const KernelObservation projected = ProjectModel(host, t);
      if (!projected.outside_convention.empty()) {
        ++st.outside_convention;
        t.ops.resize(projected.outside_convention_op);
        if (t.ops.empty()) continue;
      }
      traces.push_back(std::move(t));
      index.push_back(i);
    }
    const auto t0 = std::chrono::steady_clock::now();
    absl::StatusOr<std::vector<CheckedTrace>> checked = session.Check(traces);
    if (!checked.ok()) return checked.status();
    st.run_seconds += Since(t0);
    for (size_t i = 0; i < traces.size(); ++i) {
      const CheckedTrace& c = (*checked)[i];
      absl::Status s = CheckNoTimeout(
          traces[i], c, absl::StrCat("sequence ", index[i], " (seed ", o.seed,
                                     ")"));
      if (!s.ok()) return s;
      ++st.run;
      for (const KernelStep& x : c.kernel.steps) {
        ++st.ops;
        if (x.op_kind != DBGREF_OP_RUN) continue;
        ++st.runs;
        st.exits += x.exits;
      }
      if (!c.model.outside_convention.empty()) continue;
      if (c.differences.empty()) continue;
      ++st.differing;
      const KernelJudgement j = JudgeKernelTrace(host, traces[i], c);
      for (int r = 0; r < kRequirementCount; ++r) {
        if (!j.violated.Has(static_cast<Requirement>(r))) continue;
        Seen& seen = broken[r];
        if (seen.count++ == 0) seen = {index[i], traces[i], j, 1};
      }
      if (j.unexplained) {
        Seen& seen = unexplained[j.fields];
        if (seen.count++ == 0) seen = {index[i], traces[i], j, 1};
      }
    }
    if (o.progress) {
      o.progress(static_cast<double>(end) / static_cast<double>(o.sequences));
    }
  }

  // Shrinking: every finding and every unexplained kind together.
  std::vector<ShrinkGoal> goals;
  std::vector<std::pair<int, std::string>> owner;  // requirement or kind
  for (const auto& [r, seen] : broken) {
    const std::string fields = seen.judgement.fields;
    const Requirement req = static_cast<Requirement>(r);
    goals.push_back({seen.trace, [host, fields, req](const KernelTrace& t,
                                                     const CheckedTrace& c) {
                       if (c.differences.empty()) return false;
                       const KernelJudgement j = JudgeKernelTrace(host, t, c);
                       return j.fields == fields && j.violated.Has(req);
                     }});
    owner.emplace_back(r, "");
  }
  for (const auto& [kind, seen] : unexplained) {
    const std::string fields = kind;
    goals.push_back({seen.trace, [host, fields](const KernelTrace& t,
                                                const CheckedTrace& c) {
                       if (c.differences.empty()) return false;
                       const KernelJudgement j = JudgeKernelTrace(host, t, c);
                       return j.fields == fields && j.unexplained;
                     }});
    owner.emplace_back(-1, kind);
  }
  std::vector<KernelTrace> shrunk;
  if (o.shrink && !goals.empty()) {
    const auto t0 = std::chrono::steady_clock::now();
    ShrinkStats ss;
    absl::StatusOr<std::vector<KernelTrace>> s =
        ShrinkOnKernel(session, goals, &ss);
    if (!s.ok()) return s.status();
    shrunk = std::move(*s);
    st.shrink_seconds = Since(t0);
    st.shrink_round_trips = ss.round_trips;
    st.shrink_candidates = ss.candidates;
  } else {
    for (const ShrinkGoal& g : goals) shrunk.push_back(g.trace);
  }

  // The shrunk traces once more, for their descriptions.
  absl::StatusOr<std::vector<CheckedTrace>> final_check = session.Check(shrunk);
  if (!final_check.ok()) return final_check.status();
  std::map<int, KernelFinding> findings;
  for (size_t g = 0; g < goals.size(); ++g) {
    const auto& [r, kind] = owner[g];
    const Seen& seen = r >= 0 ? broken[r] : unexplained[kind];
    KernelFinding f;
    f.index = seen.index;
    f.sequence_seed = props::SequenceSeed(o.seed, seen.index);
    f.found = seen.trace;
    f.shrunk = shrunk[g];
    const CheckedTrace& c = (*final_check)[g];
    f.judgement = JudgeKernelTrace(host, f.shrunk, c);
    f.differences = DescribeDifferences(f.shrunk, c.differences);
    f.kernel = DescribeObservation(f.shrunk, c.kernel);
    f.model = DescribeObservation(f.shrunk, c.model);
    f.sequences_showing = seen.count;
    if (r >= 0) {
      findings[r] = std::move(f);
    } else {
      result.unexplained.push_back(std::move(f));
    }
  }
  for (int r = 0; r < kRequirementCount; ++r) {
    KernelRequirementOutcome out;
    out.id = std::string(props::RequirementIdOf(static_cast<Requirement>(r)));
    auto it = findings.find(r);
    if (it != findings.end()) {
      out.verdict = props::Verdict::kBroken;
      out.finding = std::move(it->second);
    }
    result.outcomes.push_back(std::move(out));
  }
  return result;
}

}  // namespace dbgref::oracle
