// The shrinker (trace/shrink.h): what it drops, what it makes plain, what
// it keeps for each kind of values, and that its result is 1-minimal.

#include "trace/shrink.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "model/arch/registers.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

constexpr uint32_t kEnableUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kBrk64 = uint32_t{DBGREF_EC_BRK64} << DBGREF_ESR_EC_SHIFT;
constexpr uint32_t kIl = 1u << 25;

// A busy trace: a host with its own registers, every kind of operation,
// values everywhere.
Trace Busy() {
  Trace t;
  t.host.id_aa64dfr0_el1 = 0xf0305106;
  t.host.host_regs.dbg_bcr[0] = 0x4057000000;
  t.host.host_regs.dbg_wvr[3] = 0x4057000303;
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x400000;
  dbgref_op set = SetGuestDebugOp(
      kEnableUseHw | KVM_GUESTDBG_SINGLESTEP | (1u << 18), arch);
  set.dbg.pad = 0xdead;
  t.ops = {CheckExtensionOp(DBGREF_CAP_HW_WPS), set,
           GuestWriteOp(DBGREF_REG_BVR, 1, 0x1001),
           GuestExceptionOp(kBrk64 | kIl | 0x3c, 0x400804, 0x4010fc),
           GuestReadOp(DBGREF_REG_MDSCR, 0)};
  return t;
}

bool HasWrite(const Trace& t) {
  for (const dbgref_op& op : t.ops) {
    if (op.kind == DBGREF_OP_RUN && op.action.kind == DBGREF_ACTION_ACCESS &&
        op.action.is_write) {
      return true;
    }
  }
  return false;
}

TEST(Shrink, ReturnsATraceThatDoesNotFailAsItIs) {
  const Trace busy = Busy();
  const Trace out = Shrink(
      busy, [](const Trace&) { return false; }, Values::kArbitrary);
  EXPECT_EQ(FormatTrace(out), FormatTrace(busy));
}

TEST(Shrink, ArbitraryValuesBecomeZero) {
  const Trace out = Shrink(Busy(), HasWrite, Values::kArbitrary);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0x0\n"
            "run write DBGBVR0_EL1 0x0\n");
}

TEST(Shrink, RecognisableValuesStay) {
  const Trace out = Shrink(Busy(), HasWrite, Values::kRecognisable);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0xf0305106\n"
            "run write DBGBVR1_EL1 0x1001\n");
}

TEST(Shrink, KeepsWhatTheFailureNeedsAndNeverClearsEnable) {
  // Fails while some KVM_SET_GUEST_DEBUG sets bcr0, and an exception at a
  // pc other than 0 follows it.
  const auto fails = [](const Trace& t) {
    bool set = false;
    for (const dbgref_op& op : t.ops) {
      if (op.kind == DBGREF_OP_SET_GUEST_DEBUG && op.dbg.arch.dbg_bcr[0]) {
        set = true;
      }
      if (set && op.kind == DBGREF_OP_RUN &&
          op.action.kind == DBGREF_ACTION_EXCEPTION && op.action.pc != 0) {
        return true;
      }
    }
    return false;
  };
  EXPECT_EQ(FormatTrace(Shrink(Busy(), fails, Values::kArbitrary)),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0x0\n"
            "ioctl set_guest_debug control=ENABLE bcr0=0x1e7\n"
            "run exception esr=0xf0000000 pc=0x400804 far=0x0\n");
  // Recognisable: the syndrome keeps its IL bit, only its ISS goes.
  EXPECT_EQ(FormatTrace(Shrink(Busy(), fails, Values::kRecognisable)),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0xf0305106\n"
            "ioctl set_guest_debug control=ENABLE bcr0=0x1e7\n"
            "run exception esr=0xf2000000 pc=0x400804 far=0x0\n");
}

TEST(Shrink, TheHostKeepsOnlyTheRegisterAndFieldsTheFailureNeeds) {
  const auto fails = [](const Trace& t) {
    return t.host.host_regs.dbg_wvr[3] != 0 &&
           ((t.host.id_aa64dfr0_el1 >> DBGREF_DFR0_WRPS_SHIFT) &
            DBGREF_DFR0_FIELD_MASK) >= 3;
  };
  const Trace out = Shrink(Busy(), fails, Values::kArbitrary);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v1\n"
            "host id_aa64dfr0=0x305000 host.wvr3=0x4057000303\n");
}

TEST(Shrink, TheResultIsOneMinimal) {
  const auto fails = [](const Trace& t) {
    return HasWrite(t) && t.ops.size() >= 2;
  };
  const Trace out = Shrink(Busy(), fails, Values::kArbitrary);
  ASSERT_EQ(out.ops.size(), 2u);
  for (size_t i = 0; i < out.ops.size(); ++i) {
    Trace shorter = out;
    shorter.ops.erase(shorter.ops.begin() + static_cast<long>(i));
    EXPECT_FALSE(fails(shorter)) << i;
  }
}

}  // namespace
}  // namespace dbgref::trace
