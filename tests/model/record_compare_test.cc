// Field-by-field equality and the printable difference of two observation
// records.
#include "model/record_compare.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

dbgref_obs SomeObs() {
  Vcpu v;
  v.Do(SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW));
  return v.Do(ExceptionOp(DBGREF_EC_WATCHPT_LOW));
}

TEST(RecordCompare, EqualRecordsHaveNoDiff) {
  const dbgref_obs a = SomeObs();
  dbgref_obs b;
  std::memset(&b, 0xee, sizeof(b));  // padding differs
  b = a;
  EXPECT_TRUE(ObsEqual(a, b));
  EXPECT_EQ(dbgref_obs_equal(&a, &b), 1);
  EXPECT_EQ(ObsDiff(a, b), "");
}

TEST(RecordCompare, EveryFieldIsCompared) {
  const dbgref_obs a = SomeObs();
  auto differs = [&](void (*mutate)(dbgref_obs&), const std::string& name) {
    dbgref_obs b = a;
    mutate(b);
    EXPECT_FALSE(ObsEqual(a, b)) << name;
    EXPECT_EQ(dbgref_obs_equal(&a, &b), 0) << name;
    EXPECT_EQ(ObsDiff(a, b).rfind(name, 0), 0u) << ObsDiff(a, b);
  };
  differs([](dbgref_obs& o) { o.op_kind ^= 1; }, "op_kind");
  differs([](dbgref_obs& o) { o.ret ^= 1; }, "ret");
  differs([](dbgref_obs& o) { o.entry_mdcr_el2 ^= 1; }, "entry_mdcr_el2");
  differs([](dbgref_obs& o) { o.entry_hw.dbg_wvr[15] ^= 1; },
          "entry_hw.dbg_wvr[15]");
  differs([](dbgref_obs& o) { o.entry_mdscr_el1 ^= 1; }, "entry_mdscr_el1");
  differs([](dbgref_obs& o) { o.entry_pstate_ss ^= 1; }, "entry_pstate_ss");
  differs([](dbgref_obs& o) { o.trapped ^= 1; }, "trapped");
  differs([](dbgref_obs& o) { o.undef ^= 1; }, "undef");
  differs([](dbgref_obs& o) { o.read_value ^= 1; }, "read_value");
  differs([](dbgref_obs& o) { o.exit_reason ^= 1; }, "exit_reason");
  differs([](dbgref_obs& o) { o.hsr ^= 1; }, "hsr");
  differs([](dbgref_obs& o) { o.pc ^= 1; }, "pc");
  differs([](dbgref_obs& o) { o.far ^= 1; }, "far");
  differs([](dbgref_obs& o) { o.ctx_mdscr_el1 ^= 1; }, "ctx_mdscr_el1");
  differs([](dbgref_obs& o) { o.ctx_pstate_ss ^= 1; }, "ctx_pstate_ss");
}

TEST(RecordCompare, ToStringNamesTheFields) {
  const std::string s = ObsToString(SomeObs());
  EXPECT_NE(s.find("exit_reason = 0x4"), std::string::npos) << s;
  EXPECT_NE(s.find("entry_hw.dbg_bcr[0] = 0x75e5000000"), std::string::npos)
      << s;
}

}  // namespace
}  // namespace dbgref::model::testing
