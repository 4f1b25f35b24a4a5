// What the seed patch itself shows (v2 of patch 08/10 and the review
// thread): the two capabilities, -EINVAL for unknown control bits, far
// reported for watchpoints only, the MDCR_EL2 bits with USE_HW, and the
// guest's MDSCR_EL1/MDCCINT_EL1 accesses that trap_debug_regs must emulate
// under USE_HW.
#include <gtest/gtest.h>

#include "model/arch/registers.h"
#include "model/uapi.h"
#include "props/generators.h"
#include "tests/scenario/scenario.h"
#include "trace/trace.h"

namespace dbgref::scenario {
namespace {

constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;

uint32_t Esr(uint32_t ec) { return (ec << DBGREF_ESR_EC_SHIFT) | (1u << 25); }

trace::Trace On(uint32_t brps, uint32_t wrps, std::vector<dbgref_op> ops) {
  trace::Trace t;
  t.host.id_aa64dfr0_el1 = props::Dfr0(brps, wrps);
  t.ops = std::move(ops);
  return t;
}

Expectation Returns(size_t step, int64_t ret) {
  return {step, "returns " + std::to_string(ret),
          [ret](const dbgref_obs& o) { return o.ret == ret; }};
}

void ExpectAllAgree(const std::vector<RevisionResult>& results) {
  for (const RevisionResult& r : results) {
    EXPECT_FALSE(r.first_breaking_step)
        << r.revision << " breaks " << Violated(r);
  }
}

// KVM_CAP_GUEST_DEBUG_HW_BPS/WPS: get_num_brps()/get_num_wrps(), the
// ID_AA64DFR0_EL1 field + 1; any other capability 0.
TEST(SeedBehaviour, CapabilitiesCountBreakpointsAndWatchpoints) {
  for (const auto& [brps, wrps] : std::vector<std::pair<uint32_t, uint32_t>>{
           {0, 0}, {5, 3}, {15, 15}, {1, 14}}) {
    const trace::Trace t = On(brps, wrps,
                              {trace::CheckExtensionOp(DBGREF_CAP_HW_BPS),
                               trace::CheckExtensionOp(DBGREF_CAP_HW_WPS),
                               trace::CheckExtensionOp(DBGREF_CAP_OTHER)});
    ExpectAllAgree(RunScenario(
        t, {Returns(0, brps + 1), Returns(1, wrps + 1), Returns(2, 0)}));
  }
}

// With ENABLE, a bit outside KVM_GUESTDBG_VALID is -EINVAL and the control
// word stays; without ENABLE guest debug is off whatever else is passed.
TEST(SeedBehaviour, InvalidControlIsEinvalAndChangesNothing) {
  const trace::Trace t =
      On(5, 3,
         {trace::SetGuestDebugOp(kEnable | KVM_GUESTDBG_USE_SW_BP),  // 0
          trace::SetGuestDebugOp(kUseHw | (1u << 2)),                // 1
          trace::GuestExceptionOp(Esr(DBGREF_EC_WFX), 0x400000, 0),  // 2
          trace::SetGuestDebugOp(KVM_GUESTDBG_USE_HW |
                                 KVM_GUESTDBG_SINGLESTEP),             // 3
          trace::GuestExceptionOp(Esr(DBGREF_EC_WFX), 0x400000, 0)});  // 4
  ExpectAllAgree(RunScenario(
      t,
      {Returns(0, 0),
       Returns(1, -DBGREF_EINVAL),
       {2, "still debugging (TDE), no MDE: USE_HW was refused",
        [](const dbgref_obs& o) {
          return (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) != 0 &&
                 (o.entry_mdscr_el1 & DBGREF_MDSCR_MDE) == 0;
        }},
       Returns(3, 0),
       {4, "guest debug off: no TDE, no single-step", [](const dbgref_obs& o) {
          return (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) == 0 &&
                 o.entry_pstate_ss == 0;
        }}}));
}

// kvm_handle_guest_debug: far only for ESR_ELx_EC_WATCHPT_LOW; the five
// debug classes exit, other classes resume the guest.
TEST(SeedBehaviour, FarIsReportedForWatchpointsOnly) {
  const uint64_t far = 0x4010fc;
  const trace::Trace t =
      On(5, 3,
         {trace::SetGuestDebugOp(kUseHw | KVM_GUESTDBG_USE_SW_BP),
          trace::GuestExceptionOp(Esr(DBGREF_EC_WATCHPT_LOW), 0x400100, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_BREAKPT_LOW), 0x400104, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_BRK64), 0x400108, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_BKPT32), 0x40010c, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_SOFTSTP_LOW), 0x400110, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_DABT_LOW), 0x400114, far),
          trace::GuestExceptionOp(Esr(DBGREF_EC_WATCHPT_CUR), 0x400118, far)});
  std::vector<Expectation> e;
  for (size_t step = 1; step <= 5; ++step) {
    const uint64_t want_far = step == 1 ? far : 0;
    const dbgref_op op = t.ops[step];
    e.push_back({step, "KVM_EXIT_DEBUG with hsr and pc; far for watchpoints",
                 [op, want_far](const dbgref_obs& o) {
                   return o.exit_reason == KVM_EXIT_DEBUG &&
                          o.hsr == op.action.esr && o.pc == op.action.pc &&
                          o.far == want_far;
                 }});
  }
  for (size_t step : {6, 7}) {
    e.push_back({step, "not a debug exit", [](const dbgref_obs& o) {
                   return o.exit_reason == 0 && o.far == 0;
                 }});
  }
  ExpectAllAgree(RunScenario(t, e));
}

// setup_debug with USE_HW: TPM, TPMCR, TDRA, TDOSA always, TDE for guest
// debug, and TDA forced even when the guest's registers are DIRTY.
TEST(SeedBehaviour, MdcrBitsWithUseHw) {
  const trace::Trace t =
      On(5, 3,
         {trace::GuestWriteOp(DBGREF_REG_WCR, 0, 0x1001),  // DIRTY
          trace::SetGuestDebugOp(kUseHw),
          trace::GuestExceptionOp(Esr(DBGREF_EC_WFX), 0x400000, 0)});
  ExpectAllAgree(RunScenario(
      t, {{2, "TPM|TPMCR|TDRA|TDOSA|TDE|TDA", [](const dbgref_obs& o) {
             return o.entry_mdcr_el2 == (DBGREF_MDCR_ALWAYS_BITS |
                                         DBGREF_MDCR_TDE | DBGREF_MDCR_TDA);
           }}}));
}

// trap_debug_regs also handles MDSCR_EL1 and MDCCINT_EL1; its USE_HW path
// in the seed has no slot for them (the "Bad register index" branch).
TEST(SeedBehaviour, MdscrAndMdccintAreEmulatedUnderUseHw) {
  const trace::Trace t =
      On(5, 3,
         {trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, 0x40),   // 0
          trace::SetGuestDebugOp(kUseHw),                   // 1
          trace::GuestReadOp(DBGREF_REG_MDSCR, 0),          // 2
          trace::GuestWriteOp(DBGREF_REG_MDCCINT, 0, 0x1),  // 3
          trace::GuestReadOp(DBGREF_REG_MDCCINT, 0)});      // 4
  const std::vector<RevisionResult> results = RunScenario(
      t, {{2, "the guest's own MDSCR_EL1, emulated",
           [](const dbgref_obs& o) {
             return o.trapped == 1 && o.undef == 0 && o.read_value == 0x40;
           }},
          {3, "emulated",
           [](const dbgref_obs& o) { return o.trapped == 1 && o.undef == 0; }},
          {4, "the value written", [](const dbgref_obs& o) {
             return o.read_value == 0x1 && o.undef == 0;
           }}});
  EXPECT_FALSE(On(results, "final").first_breaking_step)
      << Violated(On(results, "final"));
  for (const char* rev : {"v2", "v2-review"}) {
    const RevisionResult& r = On(results, rev);
    ASSERT_TRUE(r.first_breaking_step) << rev;
    EXPECT_EQ(*r.first_breaking_step, 2u) << rev;
    EXPECT_EQ(Violated(r), "REQ-SHADOW, REQ-NOUNDEF") << rev;
    EXPECT_EQ(r.observed[2].undef, 1u) << rev;
    EXPECT_EQ(r.observed[3].undef, 1u) << rev;
  }
}

}  // namespace
}  // namespace dbgref::scenario
