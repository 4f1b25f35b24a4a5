// The shape of the Linux KVM selftest debug-exceptions, single-step part:
// userspace single-steps the guest (ENABLE|SINGLESTEP) while the guest
// writes DBGBVR0_EL1 and DBGWVR0_EL1 and reads them back. Every step exits
// with KVM_EXIT_DEBUG, EC SOFTSTP_LOW and the guest PC; the guest's own
// registers read back as written, during and after the host's debugging.
#include <gtest/gtest.h>

#include "model/arch/registers.h"
#include "model/uapi.h"
#include "props/generators.h"
#include "tests/scenario/scenario.h"
#include "trace/trace.h"

namespace dbgref::scenario {
namespace {

constexpr uint32_t kSingleStep = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
constexpr uint32_t kSoftStep = (DBGREF_EC_SOFTSTP_LOW << 26) | (1u << 25);

Expectation Stepped(size_t step, uint64_t pc) {
  return {step, "KVM_EXIT_DEBUG, EC SOFTSTP_LOW, pc",
          [pc](const dbgref_obs& o) {
            return o.exit_reason == KVM_EXIT_DEBUG && o.hsr == kSoftStep &&
                   o.pc == pc && o.far == 0;
          }};
}

Expectation SteppingOnEntry(size_t step) {
  return {step, "PSTATE.SS and MDSCR_EL1.SS set while the guest runs",
          [](const dbgref_obs& o) {
            return o.entry_pstate_ss == 1 &&
                   (o.entry_mdscr_el1 & DBGREF_MDSCR_SS) != 0 &&
                   (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) != 0;
          }};
}

Expectation Emulated(size_t step) {
  return {step, "a trapped, emulated access; the guest resumes",
          [](const dbgref_obs& o) {
            return o.trapped == 1 && o.undef == 0 && o.exit_reason == 0;
          }};
}

Expectation Reads(size_t step, uint64_t value) {
  return {step, "the value the guest wrote", [value](const dbgref_obs& o) {
            return o.read_value == value && o.undef == 0;
          }};
}

trace::Trace SelftestTrace() {
  trace::Trace t;
  t.host.id_aa64dfr0_el1 = props::Dfr0(5, 3);
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    t.host.host_regs.dbg_bvr[n] = props::HostRegisterValue(DBGREF_REG_BVR, n);
    t.host.host_regs.dbg_wvr[n] = props::HostRegisterValue(DBGREF_REG_WVR, n);
  }
  t.ops = {
      trace::SetGuestDebugOp(kSingleStep),               // 0
      trace::GuestWriteOp(DBGREF_REG_BVR, 0, 0x400a00),  // 1
      trace::GuestExceptionOp(kSoftStep, 0x400004, 0),   // 2
      trace::GuestWriteOp(DBGREF_REG_WVR, 0, 0x4010f8),  // 3
      trace::GuestExceptionOp(kSoftStep, 0x400008, 0),   // 4
      trace::GuestReadOp(DBGREF_REG_BVR, 0),             // 5
      trace::GuestExceptionOp(kSoftStep, 0x40000c, 0),   // 6
      trace::GuestReadOp(DBGREF_REG_WVR, 0),             // 7
      trace::GuestExceptionOp(kSoftStep, 0x400010, 0),   // 8
      trace::SetGuestDebugOp(0),                         // 9
      trace::GuestReadOp(DBGREF_REG_BVR, 0),             // 10
      trace::GuestReadOp(DBGREF_REG_WVR, 0),             // 11
      trace::GuestExceptionOp(kSoftStep, 0x400014, 0),   // 12
  };
  return t;
}

TEST(SelftestSingleStep, StepsAndGuestRegistersReadBack) {
  const trace::Trace t = SelftestTrace();
  std::vector<Expectation> e = {
      {0, "0", [](const dbgref_obs& o) { return o.ret == 0; }},
      Emulated(1),
      Stepped(2, 0x400004),
      Emulated(3),
      Stepped(4, 0x400008),
      Emulated(5),
      Reads(5, 0x400a00),
      Stepped(6, 0x40000c),
      Emulated(7),
      Reads(7, 0x4010f8),
      Stepped(8, 0x400010),
      {9, "0", [](const dbgref_obs& o) { return o.ret == 0; }},
      Reads(10, 0x400a00),
      Reads(11, 0x4010f8),
      {12, "no exit: with guest debug off the guest takes its own step",
       [](const dbgref_obs& o) {
         return o.exit_reason == 0 && (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) == 0;
       }},
  };
  for (size_t step : {1, 2, 3, 4, 5, 6, 7, 8})
    e.push_back(SteppingOnEntry(step));
  const std::vector<RevisionResult> results = RunScenario(t, e);

  // v2 and v2-review single-step as the model does.
  EXPECT_FALSE(On(results, "v2").first_breaking_step)
      << Violated(On(results, "v2"));
  EXPECT_FALSE(On(results, "v2-review").first_breaking_step)
      << Violated(On(results, "v2-review"));

  // final leaves PSTATE.SS set in the guest context after the first stepped
  // run (its manifest: REQ-RESTORE, REQ-SS) ...
  const RevisionResult& final = On(results, "final");
  ASSERT_TRUE(final.first_breaking_step);
  EXPECT_EQ(*final.first_breaking_step, 1u);
  EXPECT_EQ(Violated(final), "REQ-RESTORE, REQ-SS");
  // ... and still reports every step and reads the guest's values back.
  for (const Expectation& x :
       {Stepped(2, 0x400004), Stepped(4, 0x400008), Reads(5, 0x400a00),
        Stepped(6, 0x40000c), Reads(7, 0x4010f8), Stepped(8, 0x400010)}) {
    EXPECT_TRUE(x.holds(final.observed[x.step]))
        << "final, step " << x.step + 1 << ": " << x.what;
  }
  EXPECT_EQ(final.observed[1].ctx_pstate_ss, 1u);
}

}  // namespace
}  // namespace dbgref::scenario
