// Property (b): on random sequences (host, program, operations), every
// port revision keeps the differential discipline against the model
// (props/discipline.h): each step observes what the model's does, except a
// known design difference, the revision's known findings (its manifest's
// broken requirements), and a difference that breaks no requirement but
// after which the probes show a known finding. Anything else fails, with the
// sequence: a model bug, a gap in the requirements, or a design difference
// to document in props/README.md. Every revision has a manifest.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "port/driver.h"
#include "props/discipline.h"
#include "props/generators.h"
#include "props/manifest.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

class Differential : public testing::TestWithParam<const dbgref_revision*> {};

TEST_P(Differential, TheRevisionObservesWhatTheModelDoes) {
  const dbgref_revision& revision = *GetParam();
  const absl::StatusOr<Manifest> manifest = LoadManifest(revision.name);
  ASSERT_TRUE(manifest.ok()) << manifest.status();
  Discipline discipline(revision, manifest->Broken());
  EXPECT_TRUE(rc::check(std::string(revision.name) + " keeps the discipline",
                        [&] {
                          const trace::Trace t = *GenTrace();
                          const std::string failure = discipline.Check(t);
                          RC_ASSERT(failure == "");
                        }));
}

std::string RevisionName(
    const testing::TestParamInfo<const dbgref_revision*>& info) {
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
