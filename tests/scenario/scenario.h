// A scenario: a trace (host, program, operations) as a user of guest debug
// drives it, expectations on what each operation observes, written from
// the architecture and kernel facts, and the known differences of the port
// revisions it runs into. RunScenario runs it on the model and on every
// port revision (port/driver.h, through the interface of
// model/revision.h):
//  - on the model, every expectation holds, and every transition keeps
//    every requirement and the invariant (tests/util/vcpu.h);
//  - on a revision with no known difference declared, the lockstep
//    comparison (props/lockstep.h) finds no step whose difference breaks a
//    requirement, and every expectation holds on the revision's own
//    observations;
//  - on a revision with a known difference declared, the first breaking
//    step is in the operation declared and breaks exactly the requirements
//    declared, each recorded as broken in the revision's manifest
//    (props/manifests/); the expectations are checked on the revision's
//    observations of the operations before it. A declared difference that
//    does not happen fails too, so a declaration never outlives the
//    difference it names.
#ifndef DBGREF_TESTS_SCENARIO_SCENARIO_H_
#define DBGREF_TESTS_SCENARIO_SCENARIO_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "model/record_compare.h"
#include "port/driver.h"
#include "props/lockstep.h"
#include "props/manifest.h"
#include "props/revision_vcpu.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::scenario {

// The trace of a scenario: on host, or on a Cortex-A57-like host (6
// breakpoints, 4 watchpoints) when none is given.
inline trace::Trace ScenarioTrace(const dbgref_host& host,
                                  const dbgref_program& program,
                                  std::vector<dbgref_op> ops) {
  trace::Trace t;
  t.host = host;
  t.program = program;
  t.ops = std::move(ops);
  return t;
}
inline trace::Trace ScenarioTrace(const dbgref_program& program,
                                  std::vector<dbgref_op> ops) {
  return ScenarioTrace(tests::Host(6, 4), program, std::move(ops));
}

// What one operation observes: one IOCTL step, or the steps of a KVM_RUN.
using Steps = std::vector<dbgref_obs>;

struct Expectation {
  std::size_t op;    // index of the operation in the trace
  std::string what;  // what is expected, for the failure message
  std::function<bool(const Steps&)> holds;
};

// A difference of one revision from the model that the scenario runs into,
// pinned elsewhere with its smallest trace (pinned_by: a test of
// tests/port/port_revision_test.cc; spec/revisions.md and the revision's
// manifest say why).
struct KnownDifference {
  std::string revision;
  std::size_t op;                   // the operation of the first breaking step
  std::vector<std::string> breaks;  // the requirements that step breaks
  std::string pinned_by;
};

struct Scenario {
  trace::Trace trace;
  std::vector<Expectation> expect;
  std::vector<KnownDifference> known;
};

// Expectation helpers on the last step of an operation (the ioctl's
// observation, or the EXIT that ends a KVM_RUN).
inline Expectation Last(std::size_t op, std::string what,
                        std::function<bool(const dbgref_obs&)> holds) {
  return Expectation{op, std::move(what), [holds](const Steps& s) {
                       return !s.empty() && holds(s.back());
                     }};
}

// A KVM_RUN ending in KVM_EXIT_DEBUG with this hsr, at pc, with far.
inline Expectation DebugExit(std::size_t op, uint64_t hsr, uint64_t pc,
                             uint64_t far = 0) {
  char what[128];
  std::snprintf(
      what, sizeof(what), "KVM_EXIT_DEBUG hsr=%#llx pc=%#llx far=%#llx",
      static_cast<unsigned long long>(hsr), static_cast<unsigned long long>(pc),
      static_cast<unsigned long long>(far));
  return Last(op, what, [=](const dbgref_obs& o) {
    return o.exit_reason == facts::kExitDebug && o.hsr == hsr &&
           o.exit_pc == pc && o.exit_far == far;
  });
}

// A KVM_RUN ending in KVM_EXIT_MMIO at addr (the program's report, the
// END report, or the report of an exception the guest took itself).
inline Expectation MmioExit(std::size_t op, uint64_t addr) {
  char what[64];
  std::snprintf(what, sizeof(what), "KVM_EXIT_MMIO at %#llx",
                static_cast<unsigned long long>(addr));
  return Last(op, what, [=](const dbgref_obs& o) {
    return o.exit_reason == facts::kExitMmio && o.mmio_addr == addr;
  });
}

// The guest's report of its own exception: ESR_EL1 and ELR_EL1.
inline Expectation OwnException(std::size_t op, uint64_t esr, uint64_t elr) {
  char what[96];
  std::snprintf(what, sizeof(what),
                "the guest's own exception ESR_EL1=%#llx ELR_EL1=%#llx",
                static_cast<unsigned long long>(esr),
                static_cast<unsigned long long>(elr));
  return Last(op, what, [=](const dbgref_obs& o) {
    return o.exit_reason == facts::kExitMmio &&
           o.mmio_addr == facts::kMmioException && o.ctx_esr_el1 == esr &&
           o.ctx_elr_el1 == elr;
  });
}

// An ioctl returning ret (and, for KVM_GET_ONE_REG, value).
inline Expectation Returns(std::size_t op, int64_t ret) {
  return Last(op, "returns " + std::to_string(ret),
              [=](const dbgref_obs& o) { return o.ret == ret; });
}
inline Expectation Reads(std::size_t op, uint64_t value) {
  return Last(
      op, "KVM_GET_ONE_REG reads " + std::to_string(value),
      [=](const dbgref_obs& o) { return o.ret == 0 && o.value == value; });
}

namespace internal {

inline void Check(const std::string& who, const Scenario& s,
                  const std::vector<Steps>& observed, std::size_t up_to) {
  for (const Expectation& e : s.expect) {
    if (e.op >= up_to || e.op >= observed.size()) continue;
    const Steps& steps = observed[e.op];
    EXPECT_TRUE(e.holds(steps))
        << who << ", operation " << e.op + 1 << " ("
        << trace::FormatOp(s.trace.ops[e.op]) << "): expected " << e.what
        << "; observed:\n"
        << (steps.empty() ? std::string() : model::ObsToString(steps.back()));
  }
}

}  // namespace internal

// Runs the scenario on the model and on every port revision.
inline void RunScenario(const Scenario& s) {
  SCOPED_TRACE(trace::FormatTrace(s.trace));
  tests::ModelVcpu model(s.trace.program, s.trace.host);
  std::vector<Steps> model_obs;
  for (const dbgref_op& op : s.trace.ops) model_obs.push_back(model.Do(op));
  internal::Check("model", s, model_obs, model_obs.size());

  for (std::size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& revision = *dbgref_ports[p];
    const std::string name = revision.name;
    props::RevisionVcpu vcpu(revision);
    vcpu.Reset(s.trace.host, s.trace.program);
    std::vector<Steps> observed;
    for (const dbgref_op& op : s.trace.ops) {
      const absl::Span<const dbgref_obs> steps = vcpu.Step(op);
      observed.emplace_back(steps.begin(), steps.end());
    }
    props::LockstepRunner runner(revision);
    const std::optional<props::Divergence> first =
        runner.FirstDivergence(s.trace);
    const KnownDifference* known = nullptr;
    for (const KnownDifference& k : s.known) {
      if (k.revision == name) known = &k;
    }
    if (known == nullptr) {
      EXPECT_FALSE(first.has_value())
          << name << " breaks "
          << (first ? first->verdict.violated.ToString() : "") << " at step "
          << (first ? first->step : 0) << " of operation "
          << (first ? first->op + 1 : 0)
          << ", and the scenario declares no known difference for it; "
             "model != revision:\n"
          << (first ? model::ObsDiff(first->model, first->revision) : "");
      internal::Check(name, s, observed, observed.size());
      continue;
    }
    // The declared difference happens, where and as declared.
    EXPECT_TRUE(first.has_value())
        << name
        << " agrees with the model, but the scenario declares the "
           "known difference of "
        << known->pinned_by;
    if (!first.has_value()) continue;
    EXPECT_EQ(first->op, known->op)
        << name << ": the first breaking step is in operation " << first->op + 1
        << ", declared in " << known->op + 1;
    std::vector<std::string> broken = first->verdict.violated.Ids();
    std::vector<std::string> declared = known->breaks;
    std::sort(declared.begin(), declared.end());
    std::sort(broken.begin(), broken.end());
    EXPECT_EQ(broken, declared)
        << name << " at operation " << first->op + 1 << " step " << first->step
        << "; model != revision:\n"
        << model::ObsDiff(first->model, first->revision);
    const absl::StatusOr<props::Manifest> manifest = props::LoadManifest(name);
    EXPECT_TRUE(manifest.ok()) << manifest.status();
    if (manifest.ok()) {
      for (const std::string& id : broken) {
        EXPECT_TRUE(manifest->IsBroken(id))
            << name << " breaks " << id << " (" << known->pinned_by
            << ") but its manifest says it holds";
      }
    }
    internal::Check(name, s, observed, first->op);
  }
}

}  // namespace dbgref::scenario

#endif  // DBGREF_TESTS_SCENARIO_SCENARIO_H_
