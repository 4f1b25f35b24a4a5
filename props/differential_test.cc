// Property (b), stateful: the model (rc::state's model) and a port
// revision (the system under test) run the same random commands; after
// every step the port's observation equals the model's. Two allowances,
// both narrow: a difference that breaks no requirement (a design
// difference, props/observational_view.h) is passed over, and a difference
// that breaks only requirements the revision's manifest records as broken
// ends the comparison for that sequence (its known finding; later
// differences are consequences). Anything else fails, naming the
// requirements it breaks.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <memory>
#include <string>
#include <vector>

#include "model/concrete.h"
#include "model/record_compare.h"
#include "port/driver.h"
#include "props/generators.h"
#include "props/manifest.h"
#include "props/model_vcpu.h"
#include "props/observational_view.h"
#include "props/port_vcpu.h"
#include "tools/trace.h"

namespace dbgref::props {
namespace {

// The system under test: one vCPU of the revision, with what the judgement
// of a step needs.
struct PortUnderTest {
  PortUnderTest(const dbgref_port& port, const dbgref_host& host,
                RequirementSet known)
      : vcpu(port, host), known_broken(known) {}
  PortVcpu vcpu;
  RequirementSet known_broken;
  std::vector<dbgref_op> earlier;
  bool known_finding_seen = false;
};

using OpCommandBase = rc::state::Command<ModelVcpu, PortUnderTest>;

class OpCommand : public OpCommandBase {
 public:
  explicit OpCommand(const dbgref_op& op) : op_(op) {}

  void apply(ModelVcpu& model) const override { model.Step(op_); }

  void run(const ModelVcpu& model, PortUnderTest& sut) const override {
    const dbgref_obs port = sut.vcpu.Step(op_);
    if (!sut.known_finding_seen) {
      const model::ConcreteTransition t = model::StepTransition(
          model.host(), model.state(), model::FromRecord(op_));
      const StepVerdict v = ClassifyStep({t, sut.earlier, op_, port});
      if (v.Diverged()) {
        if (!v.violated.ContainedIn(sut.known_broken)) {
          RC_FAIL(std::string(sut.vcpu.port().name) + " breaks " +
                  v.violated.ToString() + " at " + FormatOp(op_) +
                  " (model != port):\n" +
                  model::ObsDiff(model::ToRecord(t.obs), port));
        }
        sut.known_finding_seen = true;
      }
    }
    sut.earlier.push_back(op_);
  }

  void show(std::ostream& os) const override { os << FormatOp(op_); }

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
