// Running a scenario (a trace with expectations on its observations) on the
// model and on every port revision.
//
// On the model every expectation must hold. On a revision the observations
// must equal the model's; where a revision's first breaking step differs
// (props/observational_view.h), the requirements it breaks must be ones its
// manifest records as broken, and the expectations are checked on the
// revision's observations only before that step. So a scenario passes on a
// revision only as the revision's manifest says, never silently.
#ifndef DBGREF_TESTS_SCENARIO_SCENARIO_H_
#define DBGREF_TESTS_SCENARIO_SCENARIO_H_

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "model/record_compare.h"
#include "port/driver.h"
#include "props/lockstep.h"
#include "props/manifest.h"
#include "props/model_vcpu.h"
#include "props/requirement_set.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::scenario {

struct Expectation {
  size_t step;       // index of the operation
  std::string what;  // what is expected, for the failure message
  std::function<bool(const dbgref_obs&)> holds;
};

// What happened on one revision: its first breaking step, if any.
struct RevisionResult {
  std::string revision;
  std::optional<size_t> first_breaking_step;
  std::vector<std::string> violated;
  std::vector<dbgref_obs> observed;  // every step, also after that one
};

inline void CheckExpectations(const std::string& who,
                              const std::vector<dbgref_obs>& observed,
                              const std::vector<Expectation>& expectations,
                              size_t up_to, const trace::Trace& trace) {
  for (const Expectation& e : expectations) {
    if (e.step >= up_to) continue;
    EXPECT_TRUE(e.holds(observed[e.step]))
        << who << ", step " << e.step + 1 << " ("
        << trace::FormatOp(trace.ops[e.step]) << "): expected " << e.what
        << "; observed:\n"
        << model::ObsToString(observed[e.step]);
  }
}

// Runs the scenario on the model and on every revision; returns what each
// revision did, for scenarios that pin a revision's finding.
inline std::vector<RevisionResult> RunScenario(
    const trace::Trace& trace, const std::vector<Expectation>& expectations) {
  std::vector<dbgref_obs> model;
  props::ModelVcpu vcpu(trace.host);
  for (const dbgref_op& op : trace.ops) model.push_back(vcpu.Step(op));
  CheckExpectations("model", model, expectations, model.size(), trace);

  std::vector<RevisionResult> results;
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_port& port = *dbgref_ports[p];
    RevisionResult result;
    result.revision = port.name;
    std::vector<dbgref_obs> observed;
    for (const props::LockstepStep& step : props::Lockstep(trace, port)) {
      if (step.first_divergence) {
        result.first_breaking_step = observed.size();
        result.violated = step.violated;
      }
      observed.push_back(step.port);
    }
    const size_t up_to = result.first_breaking_step.value_or(observed.size());
    CheckExpectations(port.name, observed, expectations, up_to, trace);
    result.observed = observed;
    if (result.first_breaking_step) {
      const absl::StatusOr<props::Manifest> manifest =
          props::LoadManifest(port.name);
      EXPECT_TRUE(manifest.ok()) << manifest.status();
      if (manifest.ok()) {
        for (const std::string& id : result.violated) {
          EXPECT_TRUE(manifest->IsBroken(id))
              << port.name << " breaks " << id << " at step " << up_to + 1
              << " (" << trace::FormatOp(trace.ops[up_to])
              << ") but its manifest says it holds; model != port:\n"
              << model::ObsDiff(model[up_to], observed[up_to]);
        }
      }
    }
    results.push_back(std::move(result));
  }
  return results;
}

// The result for one revision.
inline const RevisionResult& On(const std::vector<RevisionResult>& results,
                                const std::string& revision) {
  for (const RevisionResult& r : results) {
    if (r.revision == revision) return r;
  }
  static const RevisionResult none;
  ADD_FAILURE() << "no revision " << revision;
  return none;
}

inline std::string Violated(const RevisionResult& r) {
  return absl::StrJoin(r.violated, ", ");
}

}  // namespace dbgref::scenario

#endif  // DBGREF_TESTS_SCENARIO_SCENARIO_H_
