// The named model traces (tests/oracle/kernel_traces.h) on a real kernel
// (the first argument, e.g. linux-6.1), in one boot: each kernel
// observation must equal the model's projection (oracle/host/
// model_projection.h), field for field, except for the differences
// recorded below, each with its analysis. A recorded difference must
// appear exactly as recorded: one that goes away fails too.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "oracle/host/kernel_session.h"
#include "tests/oracle/kernel_traces.h"

namespace dbgref::oracle {
namespace {

std::string g_kernel = "linux-6.1";
std::string g_initramfs;

// A difference between a kernel and the model that was analysed: which
// kernels show it, the fields ("op N field"), and why.
struct Recorded {
  std::set<std::string> kernels;
  std::set<std::string> fields;
  const char* analysis;
};

const std::set<std::string> kBoth = {"linux-6.1", "linux-6.12"};

// oracle/README.md, "Differences between the model and the kernels".
const std::map<std::string, Recorded>& RecordedDifferences() {
  static const auto* recorded = new std::map<std::string, Recorded>{
      {"single_step_through_own_handler",
       {kBoth,
        {"op 15 pc", "op 16 exit_reason", "op 16 hsr", "op 16 mmio_addr",
         "op 17 exit_reason", "op 17 hsr", "op 17 mmio_addr", "op 17 pc",
         "op 18 exit_reason", "op 18 hsr", "op 18 mmio_addr"},
        "model error [arm:eret]: an exception return sets PSTATE.SS to "
        "DebugExceptionReturnSS(SPSR), SPSR.SS only when MDSCR_EL1.SS is set, "
        "debug exceptions are disabled at the source and enabled at the "
        "destination; while userspace steps the guest (TDE) they are enabled "
        "at the handler's ERET, so PSTATE.SS becomes 0 and the step exit "
        "comes right after the ERET (kernel), not one instruction later "
        "(model)"}},
      {"guest_own_step_suspended_under_enable",
       {kBoth,
        {"op 2 pstate"},
        "model error [arm:eret]: the handler's ERET with SPSR.SS = 1 while "
        "guest debug is on (TDE: enabled at the source, MDSCR_EL1.SS lent "
        "clear) leaves PSTATE.SS 0; the model restores SPSR.SS"}},
      {"pstate_ss_without_step_after_entry",
       {kBoth,
        {"op 1 pstate"},
        "model error [arm:eret] at KVM's entry: the world switch enters the "
        "guest with an ERET from EL2, so the guest's PSTATE.SS survives only "
        "when its software step is enabled (MDSCR_EL1.SS and debug "
        "exceptions enabled at EL1); here MDSCR_EL1.SS is 0 and the CPU "
        "clears PSTATE.SS, which the exit then saves"}},
      {"set_one_reg_pstate_ss_under_single_step",
       {kBoth,
        {"op 6 pstate"},
        "as pstate_ss_without_step_after_entry: KVM gave the guest's "
        "PSTATE.SS back after SINGLESTEP (op 5 reads it set), the next entry "
        "clears it because the guest's own step is not enabled"}},
      {"single_step_keeps_guest_pstate_ss",
       {kBoth, {"op 5 pstate"}, "as pstate_ss_without_step_after_entry"}},
      {"pstate_ss_under_enable_across_a_trap",
       {kBoth,
        {"op 2 pstate"},
        "the kernel keeps the guest's PSTATE.SS whenever it lends MDSCR_EL1 "
        "(guest debug on with any control word, or the OS lock set): the "
        "skip after the trapped MSR clears SPSR.SS and the exit puts the "
        "saved bit back; the model puts it back only under SINGLESTEP "
        "(model/clear_debug.h), though setup_debug preserves it whenever it "
        "lends. A design difference for the lead to decide"}},
      {"pstate_ss_under_os_lock_across_a_trap",
       {kBoth,
        {"op 2 pstate"},
        "as pstate_ss_under_enable_across_a_trap, with the OS lock (guest "
        "debug off)"}},
      {"watchpoint_on_report_store",
       {kBoth,
        {"op 1 exit_reason", "op 1 hsr", "op 1 far", "op 1 mmio_addr"},
        "model error [arm:watchpoint-match]: the watchpoint check comes "
        "after a translation without fault (AArch64.TranslateAddress calls "
        "AArch64.CheckDebug only when AArch64.FullTranslate, stage 2 "
        "included, did not fault); an MMIO store faults at stage 2, KVM "
        "emulates it and no watchpoint fires"}},
  };
  return *recorded;
}

class ModelTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    SessionOptions o;
    o.boot.kernel = g_kernel;
    o.boot.initramfs = g_initramfs;
    absl::StatusOr<std::unique_ptr<KernelSession>> k = KernelSession::Start(o);
    if (!k.ok()) {
      boot_error_ = k.status().ToString();
      return;
    }
    std::printf("%s\n", (*k)->Summary().c_str());
    std::vector<traces::NamedTrace> all = traces::All((*k)->host());
    std::vector<KernelTrace> ts;
    for (const auto& t : all) ts.push_back(t.trace);
    absl::StatusOr<std::vector<CheckedTrace>> r = (*k)->Check(ts);
    if (!r.ok()) {
      boot_error_ = r.status().ToString();
      return;
    }
    for (size_t i = 0; i < all.size(); ++i) {
      results_->emplace(all[i].name, std::make_pair(all[i].trace, (*r)[i]));
    }
    absl::Status s = (*k)->Shutdown();
    if (!s.ok()) boot_error_ = s.ToString();
  }

  static std::string boot_error_;
  static std::map<std::string, std::pair<KernelTrace, CheckedTrace>>* results_;
};

std::string ModelTest::boot_error_;
std::map<std::string, std::pair<KernelTrace, CheckedTrace>>*
    ModelTest::results_ =
        new std::map<std::string, std::pair<KernelTrace, CheckedTrace>>();

// The traces that leave the runtime's convention on purpose (the model's
// projection says so, and they are not compared).
const std::set<std::string> kOutsideConvention = {
    "pstate_d_cleared_inside_handler"};

TEST_P(ModelTest, KernelMatchesTheModelsProjection) {
  ASSERT_TRUE(boot_error_.empty()) << boot_error_;
  auto it = results_->find(GetParam());
  ASSERT_NE(it, results_->end());
  const KernelTrace& t = it->second.first;
  const CheckedTrace& c = it->second.second;
  EXPECT_EQ(!c.model.outside_convention.empty(),
            kOutsideConvention.count(GetParam()) != 0)
      << c.model.outside_convention;
  std::set<std::string> fields;
  for (const KernelDifference& d : c.differences) {
    fields.insert(absl::StrCat("op ", d.op, " ", d.field));
  }
  std::set<std::string> expected;
  auto rec = RecordedDifferences().find(GetParam());
  if (rec != RecordedDifferences().end() &&
      rec->second.kernels.count(g_kernel) != 0) {
    expected = rec->second.fields;
  }
  EXPECT_EQ(fields, expected)
      << g_kernel << ", trace " << GetParam() << ":\n"
      << DescribeTrace(t) << "-- kernel\n"
      << DescribeObservation(t, c.kernel) << "-- model\n"
      << DescribeObservation(t, c.model) << "-- differences\n"
      << DescribeDifferences(t, c.differences)
      << (expected.empty() ? "" : "-- recorded: ")
      << (expected.empty() ? "" : rec->second.analysis);
}

std::vector<std::string> Names() {
  std::vector<std::string> names;
  for (const auto& t : traces::All(ZeroHost())) names.push_back(t.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Traces, ModelTest, ::testing::ValuesIn(Names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Every recorded difference names a trace that exists.
TEST(RecordedDifferences, NameExistingTraces) {
  const std::vector<std::string> names = Names();
  for (const auto& [name, rec] : RecordedDifferences()) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    EXPECT_FALSE(rec.fields.empty()) << name;
  }
}

}  // namespace
}  // namespace dbgref::oracle

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      dbgref::oracle::g_initramfs = argv[i] + 12;
    } else if (std::strncmp(argv[i], "--kernel=", 9) == 0) {
      dbgref::oracle::g_kernel = argv[i] + 9;
    }
  }
  return RUN_ALL_TESTS();
}
