// The shape of QEMU's use of hardware debug (target/arm/kvm64.c): it asks
// for the number of breakpoints and watchpoints, then sets ENABLE|USE_HW
// with a breakpoint at an address (BCR 0x1e7: enabled, EL1 and EL0, all
// four bytes; BVR the address) and a 4-byte write watchpoint (WCR 0x1e17;
// WVR the address aligned down to 8). A hit exits with KVM_EXIT_DEBUG, EC
// BREAKPT_LOW and the pc; a watchpoint hit with EC WATCHPT_LOW and the
// faulting address in far. The guest's own breakpoint registers stay its
// own throughout.
#include <gtest/gtest.h>

#include "model/arch/registers.h"
#include "model/uapi.h"
#include "props/generators.h"
#include "tests/scenario/scenario.h"
#include "trace/trace.h"

namespace dbgref::scenario {
namespace {

constexpr uint64_t kBreakAt = 0x400080;
constexpr uint64_t kWatched = 0x4010fc;  // a 4-byte variable
constexpr uint64_t kGuestOwnBcr = 0x20e5;

uint32_t Esr(uint32_t ec) { return (ec << DBGREF_ESR_EC_SHIFT) | (1u << 25); }

trace::Trace QemuTrace() {
  trace::Trace t;
  t.host.id_aa64dfr0_el1 = props::Dfr0(5, 3);  // 6 breakpoints, 4 watchpoints
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    t.host.host_regs.dbg_bcr[n] = props::HostRegisterValue(DBGREF_REG_BCR, n);
    t.host.host_regs.dbg_bvr[n] = props::HostRegisterValue(DBGREF_REG_BVR, n);
  }
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = kBreakAt;
  arch.dbg_wcr[0] = 0x1e17;
  arch.dbg_wvr[0] = kWatched & ~7ull;
  t.ops = {
      trace::CheckExtensionOp(DBGREF_CAP_HW_BPS),            // 0
      trace::CheckExtensionOp(DBGREF_CAP_HW_WPS),            // 1
      trace::GuestWriteOp(DBGREF_REG_BCR, 1, kGuestOwnBcr),  // 2
      trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                             arch),                                      // 3
      trace::GuestExceptionOp(Esr(DBGREF_EC_BREAKPT_LOW), kBreakAt, 0),  // 4
      trace::GuestExceptionOp(Esr(DBGREF_EC_WATCHPT_LOW), 0x400120,
                              kWatched),                                 // 5
      trace::GuestReadOp(DBGREF_REG_BCR, 1),                             // 6
      trace::GuestWriteOp(DBGREF_REG_BCR, 0, 0x1e5),                     // 7
      trace::GuestExceptionOp(Esr(DBGREF_EC_BREAKPT_LOW), kBreakAt, 0),  // 8
      trace::SetGuestDebugOp(0),                                         // 9
      trace::GuestReadOp(DBGREF_REG_BCR, 0),                             // 10
      trace::GuestExceptionOp(Esr(DBGREF_EC_BREAKPT_LOW), kBreakAt, 0),  // 11
  };
  return t;
}

Expectation Programmed(size_t step) {
  return {step,
          "userspace's breakpoint and watchpoint in the hardware, MDE set, "
          "TDA and TDE set",
          [](const dbgref_obs& o) {
            return o.entry_hw.dbg_bcr[0] == 0x1e7 &&
                   o.entry_hw.dbg_bvr[0] == kBreakAt &&
                   o.entry_hw.dbg_wcr[0] == 0x1e17 &&
                   o.entry_hw.dbg_wvr[0] == 0x4010f8 &&
                   (o.entry_mdscr_el1 & DBGREF_MDSCR_MDE) != 0 &&
                   (o.entry_mdcr_el2 & DBGREF_MDCR_TDA) != 0 &&
                   (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) != 0;
          }};
}

Expectation BreakpointHit(size_t step) {
  return {step, "KVM_EXIT_DEBUG, EC 0x30, pc", [](const dbgref_obs& o) {
            return o.exit_reason == KVM_EXIT_DEBUG &&
                   o.hsr == Esr(DBGREF_EC_BREAKPT_LOW) && o.pc == kBreakAt &&
                   o.far == 0;
          }};
}

TEST(QemuHardwareDebug, BreakpointAndWatchpointExitWithPcAndFar) {
  const std::vector<Expectation> e = {
      {0, "6 breakpoints", [](const dbgref_obs& o) { return o.ret == 6; }},
      {1, "4 watchpoints", [](const dbgref_obs& o) { return o.ret == 4; }},
      {3, "0", [](const dbgref_obs& o) { return o.ret == 0; }},
      Programmed(4),
      BreakpointHit(4),
      {5, "KVM_EXIT_DEBUG, EC 0x34, pc, far",
       [](const dbgref_obs& o) {
         return o.exit_reason == KVM_EXIT_DEBUG &&
                o.hsr == Esr(DBGREF_EC_WATCHPT_LOW) && o.pc == 0x400120 &&
                o.far == kWatched;
       }},
      {6, "the guest's own DBGBCR1_EL1, trapped",
       [](const dbgref_obs& o) {
         return o.trapped == 1 && o.read_value == kGuestOwnBcr &&
                o.entry_hw.dbg_bcr[1] == 0;
       }},
      {7, "trapped: the guest cannot overwrite QEMU's breakpoint",
       [](const dbgref_obs& o) { return o.trapped == 1 && o.undef == 0; }},
      Programmed(8),
      BreakpointHit(8),
      {10, "the guest's own write to DBGBCR0_EL1",
       [](const dbgref_obs& o) { return o.read_value == 0x1e5; }},
      {11, "no exit: QEMU's breakpoint is gone, TDE clear",
       [](const dbgref_obs& o) {
         return o.exit_reason == 0 &&
                (o.entry_mdcr_el2 & DBGREF_MDCR_TDE) == 0 &&
                o.entry_hw.dbg_bcr[0] != 0x1e7;
       }},
  };
  const std::vector<RevisionResult> results = RunScenario(QemuTrace(), e);
  EXPECT_FALSE(On(results, "final").first_breaking_step)
      << Violated(On(results, "final"));
  // v2 and v2-review drop the guest's trapped write to DBGBCR0_EL1 made
  // under USE_HW (manifest: REQ-SHADOW): it reads back 0 once QEMU is gone.
  for (const char* rev : {"v2", "v2-review"}) {
    const RevisionResult& r = On(results, rev);
    ASSERT_TRUE(r.first_breaking_step) << rev;
    EXPECT_EQ(*r.first_breaking_step, 10u) << rev;
    EXPECT_EQ(Violated(r), "REQ-SHADOW") << rev;
    EXPECT_EQ(r.observed[10].read_value, 0u) << rev;
  }
}

}  // namespace
}  // namespace dbgref::scenario
