// The oracle scenarios on a real kernel (the first argument, e.g.
// linux-6.1), in one boot, with exact expectations: what Linux 6.1 and
// 6.12 were seen to do (oracle/README.md, "Facts observed").
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "model/uapi.h"
#include "oracle/host/one_reg.h"
#include "oracle/host/oracle.h"
#include "oracle/layout.h"
#include "tests/oracle/oracle_test_flags.h"
#include "tests/oracle/scenarios.h"

namespace dbgref::oracle {
namespace {

class ScenariosTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    BootOptions o;
    o.kernel = TestFlags().kernel;
    o.initramfs = TestFlags().initramfs;
    absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
    ASSERT_TRUE(vm.ok()) << vm.status();
    std::printf("%s\n", (*vm)->info().Summary().c_str());
    std::vector<scenarios::Scenario> all = scenarios::All();
    std::vector<Script> scripts;
    for (const auto& s : all) scripts.push_back(s.script);
    absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch(scripts);
    ASSERT_TRUE(r.ok()) << r.status();
    booted_ = true;
    for (size_t i = 0; i < all.size(); ++i) {
      results_[all[i].name] = (*r)[i];
      code_[all[i].name] = scenarios::CodeFor(i);
    }
    absl::Status s = (*vm)->Shutdown();
    ASSERT_TRUE(s.ok()) << s;
  }

  // The result of scenario `name`; checks that its reset worked.
  static const ScriptResult& R(const std::string& name) {
    EXPECT_TRUE(booted_) << "the boot failed";
    const ScriptResult& r = results_.at(name);
    EXPECT_EQ(r.reset_errno, 0) << name;
    return r;
  }
  static uint64_t Code(const std::string& name) { return code_.at(name); }

  static bool booted_;
  static std::map<std::string, ScriptResult> results_;
  static std::map<std::string, uint64_t> code_;
};

bool ScenariosTest::booted_ = false;
std::map<std::string, ScriptResult> ScenariosTest::results_;
std::map<std::string, uint64_t> ScenariosTest::code_;

constexpr uint32_t kExitDebug = 4;
constexpr uint32_t kExitMmio = 6;
constexpr uint32_t kExitIntr = 10;

uint32_t Ec(uint32_t hsr) { return hsr >> 26; }

// The runs of a result, in order.
std::vector<RunResult> Runs(const ScriptResult& r) {
  std::vector<RunResult> runs;
  for (const OpResult& o : r.results) {
    if (o.opcode == DBGREF_WIRE_OP_RUN) {
      EXPECT_EQ(o.ret, 0) << Describe(r);
      runs.push_back(o.run);
    }
  }
  return runs;
}

// The values of the get_one_reg ops, in order.
std::vector<uint64_t> Gets(const ScriptResult& r) {
  std::vector<uint64_t> v;
  for (const OpResult& o : r.results) {
    if (o.opcode == DBGREF_WIRE_OP_GET_ONE_REG) {
      EXPECT_EQ(o.ret, 0);
      v.push_back(o.value);
    }
  }
  return v;
}

void ExpectDebugExit(const RunResult& run, uint32_t ec, uint64_t pc) {
  EXPECT_EQ(run.exit_reason, kExitDebug);
  EXPECT_EQ(Ec(run.hsr), ec);
  EXPECT_EQ(run.Reg(one_reg::kPc), pc);
}

void ExpectMmio(const RunResult& run, uint64_t addr, uint64_t pc) {
  EXPECT_EQ(run.exit_reason, kExitMmio);
  EXPECT_EQ(run.mmio_phys_addr, addr);
  EXPECT_TRUE(run.mmio_is_write);
  EXPECT_EQ(run.Reg(one_reg::kPc), pc);
}

TEST_F(ScenariosTest, SingleStepThreeNops) {
  const ScriptResult& r = R("step_nops");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 4u) << Describe(r);
  const uint64_t c = Code("step_nops");
  for (int i = 0; i < 3; ++i) {
    ExpectDebugExit(runs[i], 0x32, c + 4 * (i + 1));
    EXPECT_EQ(runs[i].hsr, 0xcb000022u);  // ISV 1, IFSC 0x22
    EXPECT_EQ(runs[i].run_flags, 1u);     // HSR_HIGH_VALID
    EXPECT_EQ(runs[i].hsr_high, 0u);
  }
  ExpectMmio(runs[3], DBGREF_MMIO_END, c + 12);
}

// One step exit for the trapped MRS, and its value read: the step is taken
// at once after KVM's skip (ISV 0).
TEST_F(ScenariosTest, SingleStepOverTrappedMrs) {
  const ScriptResult& r = R("step_trapped_mrs");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 3u);
  const uint64_t c = Code("step_trapped_mrs");
  ExpectDebugExit(runs[0], 0x32, c + 4);
  EXPECT_EQ(runs[0].hsr, 0xca000022u) << Describe(r);
  EXPECT_EQ(runs[0].Reg(one_reg::X(0)), 0x1234u);
  ExpectDebugExit(runs[1], 0x32, c + 8);
  ExpectDebugExit(runs[2], 0x32, c + 12);
}

TEST_F(ScenariosTest, HardwareBreakpoint) {
  const ScriptResult& r = R("hw_breakpoint");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 2u);
  const uint64_t c = Code("hw_breakpoint");
  ExpectDebugExit(runs[0], 0x30, c + 4);
  EXPECT_EQ(runs[0].hsr, 0xc2000022u);
  // Re-entering at the breakpoint takes it again.
  ExpectDebugExit(runs[1], 0x30, c + 4);
}

TEST_F(ScenariosTest, WatchpointOnLoadAndStore) {
  for (const char* name : {"hw_watchpoint_load", "hw_watchpoint_store"}) {
    const bool store = std::strstr(name, "store") != nullptr;
    const ScriptResult& r = R(name);
    std::vector<RunResult> runs = Runs(r);
    ASSERT_EQ(runs.size(), 2u);
    ExpectDebugExit(runs[0], 0x34, Code(name) + 4);
    EXPECT_EQ(runs[0].far, DBGREF_DATA_BASE);
    EXPECT_EQ((runs[0].hsr >> 6) & 1, store ? 1u : 0u) << name;  // WnR
    EXPECT_EQ(runs[0].hsr, store ? 0xd2000062u : 0xd2000022u);
    ExpectDebugExit(runs[1], 0x34, Code(name) + 4);
  }
}

TEST_F(ScenariosTest, BrkWithSoftwareBreakpoints) {
  const ScriptResult& r = R("brk_sw_bp");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 2u);
  ExpectDebugExit(runs[0], 0x3c, Code("brk_sw_bp") + 4);
  EXPECT_EQ(runs[0].hsr & 0xffff, 0x1234u);
}

// ENABLE without USE_SW_BP: the BRK still exits to userspace.
TEST_F(ScenariosTest, BrkWithEnableAlone) {
  const ScriptResult& r = R("brk_enable_only");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 3u);
  for (const RunResult& run : runs) {
    ExpectDebugExit(run, 0x3c, Code("brk_enable_only") + 4);
    EXPECT_EQ(run.hsr, 0xf2001234u);
  }
}

TEST_F(ScenariosTest, BrkWithGuestDebugOff) {
  const ScriptResult& r = R("brk_debug_off");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 3u);
  const uint64_t c = Code("brk_debug_off");
  ExpectMmio(runs[0], DBGREF_MMIO_EXCEPTION, DBGREF_HANDLER_REPORT_ADDR);
  EXPECT_EQ(runs[0].Reg(one_reg::kEsrEl1), 0xf2001234u);
  EXPECT_EQ(runs[0].Reg(one_reg::kElrEl1), c + 4);
  EXPECT_EQ(runs[0].Reg(one_reg::kSpsrEl1), DBGREF_START_PSTATE);
  EXPECT_EQ(runs[0].Reg(one_reg::kPstate), 0x3c5u);  // the handler, DAIF set
  ExpectMmio(runs[1], DBGREF_MMIO_END, c + 12);      // resumed at ELR + 4
  EXPECT_EQ(runs[1].Reg(one_reg::kElrEl1), c + 8);
}

// The guest runs what the VMM wrote, not a translation QEMU kept from an
// earlier script (the flush of the reset).
TEST_F(ScenariosTest, RewrittenCodeRuns) {
  const ScriptResult& r = R("rewritten_code");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 1u);
  ExpectMmio(runs[0], DBGREF_MMIO_END, Code("rewritten_code") + 0x10);
}

// The flush follows what changed: a BRK where the last flush left NOPs
// runs, and so do the NOPs after it, with or without a flush.
TEST_F(ScenariosTest, FlushFollowsWhatChanged) {
  std::vector<RunResult> runs = Runs(R("brk_again"));
  ASSERT_EQ(runs.size(), 1u);
  ExpectDebugExit(runs[0], 0x3c, Code("brk_again") + 4);
  for (const char* name : {"rewritten_code_again", "same_code_no_flush"}) {
    runs = Runs(R(name));
    ASSERT_EQ(runs.size(), 1u);
    ExpectMmio(runs[0], DBGREF_MMIO_END, Code(name) + 0x10);
  }
}

TEST_F(ScenariosTest, CheckExtension) {
  const ScriptResult& r = R("check_extension");
  std::vector<int> values;
  for (const OpResult& o : r.results) {
    if (o.opcode == DBGREF_WIRE_OP_CHECK_EXTENSION) {
      values.push_back(o.ret < 0 ? -o.err : o.ret);
    }
  }
  // /dev/kvm and the VM fd answer 6 and 4; the vCPU fd has no
  // KVM_CHECK_EXTENSION (-EINVAL).
  EXPECT_EQ(values, (std::vector<int>{6, 4, 6, 4, -22}));
  uint64_t dfr0 = Gets(r).at(0);
  EXPECT_EQ(((dfr0 >> 12) & 0xf) + 1, 6u);  // BRPs
  EXPECT_EQ(((dfr0 >> 20) & 0xf) + 1, 4u);  // WRPs
  EXPECT_EQ(dfr0 & 0xf,
            TestFlags().kernel == "linux-6.1" ? 6u : 9u);  // DebugVer
}

// The guest and KVM_GET_ONE_REG see the guest's own registers while
// USE_HW puts the host's into the hardware.
TEST_F(ScenariosTest, ReadBackUnderUseHw) {
  const ScriptResult& r = R("read_back_under_use_hw");
  EXPECT_EQ(Gets(r), (std::vector<uint64_t>{0x1e1, 0x4000, 0, 0x1e1, 0}));
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 3u);
  ExpectMmio(runs[0], DBGREF_MMIO_REPORT, Code("read_back_under_use_hw") + 8);
  EXPECT_EQ(runs[0].mmio_data, 0x1e1u);  // MRS DBGBCR0_EL1
  ExpectMmio(runs[1], DBGREF_MMIO_REPORT, Code("read_back_under_use_hw") + 12);
  EXPECT_EQ(runs[1].mmio_data, 0u);  // MRS MDSCR_EL1: no MDE
}

// An unknown bit gives EINVAL with or without ENABLE; single-step stays.
TEST_F(ScenariosTest, InvalidControl) {
  for (const char* name :
       {"invalid_control_with_enable", "invalid_control_without_enable"}) {
    const ScriptResult& r = R(name);
    std::vector<int> rets;
    for (const OpResult& o : r.results) {
      if (o.opcode == DBGREF_WIRE_OP_SET_GUEST_DEBUG) rets.push_back(o.err);
    }
    EXPECT_EQ(rets, (std::vector<int>{0, 22})) << name;
    std::vector<RunResult> runs = Runs(r);
    ASSERT_EQ(runs.size(), 1u);
    ExpectDebugExit(runs[0], 0x32, Code(name) + 4);
  }
}

TEST_F(ScenariosTest, GuestOwnBreakpoint) {
  const ScriptResult& r = R("guest_own_breakpoint");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 2u);
  const uint64_t c = Code("guest_own_breakpoint");
  ExpectMmio(runs[0], DBGREF_MMIO_EXCEPTION, DBGREF_HANDLER_REPORT_ADDR);
  EXPECT_EQ(runs[0].Reg(one_reg::kEsrEl1), 0xc6000022u) << Describe(r);
  EXPECT_EQ(runs[0].Reg(one_reg::kElrEl1), c + 0x18);
  ExpectMmio(runs[1], DBGREF_MMIO_END, c + 0x1c);
  EXPECT_EQ(Gets(r), (std::vector<uint64_t>{0x1e7, c + 0x18, 0xa000}));
}

// OSLAR_EL1 = 1 locks (OSLSR_EL1 0xa) and the guest's breakpoint is then
// not taken.
TEST_F(ScenariosTest, GuestOsLock) {
  const ScriptResult& r = R("guest_os_lock");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 3u);
  const uint64_t c = Code("guest_os_lock");
  ExpectMmio(runs[0], DBGREF_MMIO_REPORT, c + 0xc);
  EXPECT_EQ(runs[0].mmio_data, 0xau);
  ExpectMmio(runs[1], DBGREF_MMIO_END, c + 0x2c);
  EXPECT_EQ(Gets(r), (std::vector<uint64_t>{0xa}));
}

TEST_F(ScenariosTest, SpinningGuestTimesOutAndTheNextScriptRuns) {
  const ScriptResult& r = R("spin_timeout");
  for (const OpResult& o : r.results) {
    if (o.opcode != DBGREF_WIRE_OP_RUN) continue;
    EXPECT_EQ(o.ret, -1);
    EXPECT_EQ(o.err, 4);  // EINTR
    EXPECT_TRUE(o.run.timed_out);
    EXPECT_EQ(o.run.exit_reason, kExitIntr);
  }
  EXPECT_EQ(R("vcpu_init_resets").reset_errno, 0);
}

// KVM_ARM_VCPU_INIT resets the debug registers but not guest debug.
TEST_F(ScenariosTest, VcpuInitKeepsGuestDebug) {
  const ScriptResult& r = R("vcpu_init_resets");
  EXPECT_EQ(Gets(r), (std::vector<uint64_t>{0, 0}));
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 1u);
  ExpectDebugExit(runs[0], 0x32, Code("vcpu_init_resets") + 4);
}

// The guest sees what write_mem put into the data region, and read_mem
// sees what the guest stored (the flush's TLBI).
TEST_F(ScenariosTest, DataRoundTrip) {
  const ScriptResult& r = R("data_round_trip");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 2u);
  ExpectMmio(runs[0], DBGREF_MMIO_REPORT, Code("data_round_trip") + 8);
  EXPECT_EQ(runs[0].mmio_data, 0x1234abcdu);
  const std::vector<uint8_t>& bytes = r.results.back().bytes;
  EXPECT_EQ(bytes, (std::vector<uint8_t>{0xcd, 0xab, 0x34, 0x12, 0, 0, 0, 0,
                                         0xcd, 0xab, 0x34, 0x12, 0, 0, 0, 0}));
}

// The VMM's reset: no single-step, zero debug registers, fresh memory.
TEST_F(ScenariosTest, ResetBetweenScripts) {
  const ScriptResult& r = R("reset_between_scripts");
  std::vector<RunResult> runs = Runs(r);
  ASSERT_EQ(runs.size(), 1u);
  ExpectMmio(runs[0], DBGREF_MMIO_END, Code("reset_between_scripts") + 12);
  EXPECT_EQ(Gets(r), (std::vector<uint64_t>{0, 0, 0}));
}

}  // namespace
}  // namespace dbgref::oracle
