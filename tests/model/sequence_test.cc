// Every requirement and the invariant on long pseudo-random operation
// sequences from reset, on hosts with every BRPs/WRPs value.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/requirements.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : x_(seed * 0x9e3779b97f4a7c15ull + 1) {}
  uint64_t Next() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t x_;
};

dbgref_op RandomOp(Rng& rng) {
  static constexpr uint32_t kControls[] = {
      0,
      KVM_GUESTDBG_ENABLE,
      KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP,
      KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
      KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP,
      KVM_GUESTDBG_VALID_MASK,
      KVM_GUESTDBG_ENABLE | 0x4,
      KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_HW};
  static constexpr uint32_t kEcs[] = {
      DBGREF_EC_SOFTSTP_LOW, DBGREF_EC_BREAKPT_LOW, DBGREF_EC_WATCHPT_LOW,
      DBGREF_EC_BKPT32,      DBGREF_EC_BRK64,       DBGREF_EC_HVC64,
      DBGREF_EC_DABT_LOW,    DBGREF_EC_SOFTSTP_CUR};
  static constexpr uint64_t kValues[] = {0,
                                         DBGREF_MDSCR_KDE,
                                         DBGREF_MDSCR_MDE,
                                         DBGREF_MDSCR_SS,
                                         DBGREF_MDSCR_DEBUG_BITS,
                                         0x1ff,
                                         ~0ull};
  switch (rng.Below(6)) {
    case 0: {
      kvm_guest_debug_arch a = UserRegs();
      a.dbg_bcr[rng.Below(16)] = rng.Next();
      a.dbg_wvr[rng.Below(16)] = rng.Next();
      return SetGuestDebugOp(kControls[rng.Below(8)], a);
    }
    case 1:
      return CheckExtensionOp(static_cast<uint32_t>(rng.Below(3)));
    case 2:
      return ExceptionOp(kEcs[rng.Below(8)], rng.Next(), rng.Next());
    case 3:
      return ReadOp(static_cast<dbgref_reg_kind>(rng.Below(6)),
                    static_cast<uint32_t>(rng.Below(16)));
    default: {
      const uint64_t v = rng.Below(2) ? kValues[rng.Below(7)] : rng.Next();
      return WriteOp(static_cast<dbgref_reg_kind>(rng.Below(6)),
                     static_cast<uint32_t>(rng.Below(16)), v);
    }
  }
}

TEST(AllRequirements, REQ_ALL_HoldOnEveryStepOfRandomSequences) {
  for (uint64_t seed = 1; seed <= 256; ++seed) {
    Rng rng(seed);
    Vcpu v(MakeHost(rng.Below(16), rng.Below(16)));
    ASSERT_TRUE(Invariant<C>(v.state()));
    for (int step = 0; step < 64; ++step) {
      const dbgref_op op = RandomOp(rng);
      v.Do(op);
      const RequirementVerdicts r = Judge(v.last());
      const auto where = ::testing::Message()
                         << "seed " << seed << " step " << step;
      EXPECT_TRUE(r.ioctl_valid) << where;
      EXPECT_TRUE(r.ioctl_disable) << where;
      EXPECT_TRUE(r.ioctl_hwregs) << where;
      EXPECT_TRUE(r.cap) << where;
      EXPECT_TRUE(r.trap_tda) << where;
      EXPECT_TRUE(r.trap_tde) << where;
      EXPECT_TRUE(r.hw_program) << where;
      EXPECT_TRUE(r.restore) << where;
      EXPECT_TRUE(r.shadow) << where;
      EXPECT_TRUE(r.isolation) << where;
      EXPECT_TRUE(r.noundef) << where;
      EXPECT_TRUE(r.exit) << where;
      EXPECT_TRUE(r.ss) << where;
      EXPECT_TRUE(r.off) << where;
      ASSERT_TRUE(Invariant<C>(v.state())) << where;
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST(AllRequirements, REQ_ALL_GenericStepAgreesWithFacade) {
  Rng rng(99);
  const dbgref_host host = MakeHost(4, 9);
  ConcreteVcpu s = Reset(host);
  for (int step = 0; step < 2000; ++step) {
    const dbgref_op op = RandomOp(rng);
    const ConcreteStep fast = Step(host, s, op);
    const ConcreteTransition generic =
        model::Step<C>(FromRecord(host), s, FromRecord(op));
    ASSERT_TRUE(StateEq<C>(fast.state, generic.post)) << step;
    const dbgref_obs o = ToRecord(generic.obs);
    ASSERT_EQ(0, std::memcmp(&o, &fast.obs, sizeof(o))) << step;
    s = fast.state;
  }
}

}  // namespace
}  // namespace dbgref::model::testing
