// Property (b), stateful: the model (rc::state's model) and a port
// revision (the system under test) run the same random commands, and after
// every step the port's observation equals the model's, with these
// allowances only:
//  - a known design difference (KnownDesignDifferenceOnly) is passed over;
//  - a difference that breaks requirements the revision's manifest records
//    as broken is its known finding: the comparison of that sequence ends
//    there (later differences are consequences);
//  - a difference that breaks no requirement is accepted as a sign of a
//    state the revision already got wrong only if probes from the state
//    before it, or after it, show a known finding (guest debug off, the
//    guest reads every debug register, one more entry); the comparison
//    ends there. Otherwise the property fails: the model and the port
//    differ in a way no requirement explains (a model bug, a gap in the
//    requirements, or a design difference to document).
// Anything that breaks a requirement the manifest says holds fails,
// naming it.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <memory>
#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/record_compare.h"
#include "port/driver.h"
#include "props/generators.h"
#include "props/lockstep.h"
#include "props/manifest.h"
#include "props/model_vcpu.h"
#include "props/observational_view.h"
#include "props/port_vcpu.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

// The system under test: one vCPU of the revision, and the judgement of
// each step against a model vCPU kept in step with it.
class PortUnderTest {
 public:
  PortUnderTest(const dbgref_port& port, const dbgref_host& host,
                RequirementSet known)
      : host_(host),
        port_(port, host),
        model_(host),
        known_broken_(known),
        prober_(port) {}

  // One operation on both; fails the property on a difference that breaks
  // a requirement the manifest says holds, or that breaks none and is no
  // sign of a known finding.
  void Step(const dbgref_op& op) {
    const dbgref_obs port = port_.Step(op);
    const model::ConcreteTransition t = model::StepTransition(
        model_.host(), model_.state(), model::FromRecord(op));
    model_.Step(op);
    if (!known_finding_seen_) {
      const StepVerdict v = ClassifyStep({t, earlier_, op, port});
      const std::string where = trace::FormatOp(op) + " (model != port):\n" +
                                model::ObsDiff(model::ToRecord(t.obs), port);
      if (v.Diverged()) {
        if (!v.violated.ContainedIn(known_broken_)) {
          RC_FAIL(std::string(port_.port().name) + " breaks " +
                  v.violated.ToString() + " at " + where);
        }
        known_finding_seen_ = true;
      } else if (v.Unexplained()) {
        std::vector<dbgref_op> through = earlier_;
        through.push_back(op);
        if (!KnownFindingShows(earlier_) && !KnownFindingShows(through)) {
          RC_FAIL(std::string(port_.port().name) +
                  " differs from the model without breaking a requirement, "
                  "and no known finding shows before or after, at " +
                  where);
        }
        known_finding_seen_ = true;
      }
    }
    earlier_.push_back(op);
  }

 private:
  // Whether, from the state after `prefix`, the probes (guest debug off,
  // the guest reads every debug register, one more entry) show a finding
  // the manifest records: then a difference that breaks no requirement is
  // a sign of a state the revision already got wrong.
  bool KnownFindingShows(const std::vector<dbgref_op>& prefix) {
    std::vector<dbgref_op> ops = prefix;
    ops.push_back(trace::SetGuestDebugOp(0));
    for (uint32_t kind = DBGREF_REG_BCR; kind <= DBGREF_REG_WVR; ++kind) {
      for (uint32_t n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
        ops.push_back(trace::GuestReadOp(kind, n));
      }
    }
    ops.push_back(trace::GuestReadOp(DBGREF_REG_MDSCR, 0));
    ops.push_back(trace::GuestReadOp(DBGREF_REG_MDCCINT, 0));
    ops.push_back(trace::GuestExceptionOp(DBGREF_EC_WFX << DBGREF_ESR_EC_SHIFT,
                                          0x400000, 0));
    const std::optional<Divergence> d = prober_.FirstDivergence(host_, ops);
    return d && d->verdict.violated.ContainedIn(known_broken_);
  }

  dbgref_host host_;
  PortVcpu port_;
  ModelVcpu model_;
  RequirementSet known_broken_;
  LockstepRunner prober_;
  std::vector<dbgref_op> earlier_;
  bool known_finding_seen_ = false;
};

using OpCommandBase = rc::state::Command<ModelVcpu, PortUnderTest>;

class OpCommand : public OpCommandBase {
 public:
  explicit OpCommand(const dbgref_op& op) : op_(op) {}

  void apply(ModelVcpu& model) const override { model.Step(op_); }

  void run(const ModelVcpu&, PortUnderTest& sut) const override {
    sut.Step(op_);
  }

  void show(std::ostream& os) const override { os << trace::FormatOp(op_); }

 private:
  dbgref_op op_;
};

class Differential : public testing::TestWithParam<const dbgref_port*> {};

TEST_P(Differential, PortObservesWhatTheModelDoes) {
  const dbgref_port& port = *GetParam();
  const absl::StatusOr<Manifest> manifest = LoadManifest(port.name);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  const RequirementSet known = manifest->Broken();
  rc::detail::checkGTest([&] {
    const dbgref_host host = *GenHost();
    PortUnderTest sut(port, host, known);
    rc::state::check(ModelVcpu(host), sut, [](const ModelVcpu&) {
      return rc::gen::map(GenOp(), [](const dbgref_op& op) {
        return std::shared_ptr<const OpCommandBase>(
            std::make_shared<OpCommand>(op));
      });
    });
  });
}

std::string RevisionName(
    const testing::TestParamInfo<const dbgref_port*>& info) {
  std::string name = info.param->name;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Revisions, Differential,
                         testing::ValuesIn(dbgref_ports,
                                           dbgref_ports + dbgref_port_count),
                         RevisionName);

}  // namespace
}  // namespace dbgref::props
