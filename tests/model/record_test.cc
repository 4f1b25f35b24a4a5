// The C records (model/record.h) and the model's values: conversions both
// ways (model/record_convert.h), and the field-by-field comparison and
// printing of observations that the differential check reports with
// (model/record_compare.h).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "model/arch/instruction.h"
#include "model/concrete.h"
#include "model/record_compare.h"
#include "model/record_convert.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

// An observation with every field set, and garbage in the padding.
dbgref_obs Full() {
  dbgref_obs o;
  std::memset(&o, 0xa5, sizeof(o));
  o.step = DBGREF_STEP_EXIT;
  o.op_kind = DBGREF_OP_RUN;
  o.ret = -4;
  o.value = 1;
  o.entry_mdcr_el2 = facts::kMdcrAlways;
  o.entry_hw = UserRegs();
  o.entry_mdscr_el1 = facts::kMdscrMde;
  o.entry_pstate = facts::kPstateSs;
  o.entry_pc = facts::Line(1);
  o.pc = facts::Line(2);
  o.event = DBGREF_EVENT_TO_EL2;
  o.esr = facts::kWatchStoreExit;
  o.far = facts::kDataBase;
  o.read_value = 7;
  o.exit_reason = facts::kExitDebug;
  o.hsr = static_cast<uint32_t>(facts::kWatchStoreExit);
  o.exit_far = facts::kDataBase;
  o.mmio_addr = 0;
  o.undef = 0;
  o.exit_pc = facts::Line(2);
  o.ctx_mdscr_el1 = facts::kMdscrKde;
  o.ctx_pstate_ss = 1;
  o.ctx_oslk = 1;
  o.ctx_esr_el1 = facts::kOwnBreakpoint;
  o.ctx_elr_el1 = facts::Line(3);
  o.ctx_far_el1 = 0;
  return o;
}

TEST(RecordConvert, AnObservationGoesThereAndBackFieldByField) {
  const dbgref_obs o = Full();
  const dbgref_obs back = model::ToRecord(model::FromRecord(o));
  EXPECT_TRUE(model::ObsEqual(o, back)) << model::ObsDiff(o, back);
  // The way back writes zero padding: equal as bytes to a zeroed copy
  // filled field by field.
  const model::ConcreteObs m = model::FromRecord(o);
  EXPECT_EQ(m.ret, static_cast<uint64_t>(int64_t{-4}));
  EXPECT_TRUE(m.ctx_pstate_ss);
  EXPECT_EQ(m.entry_hw.wvr[15], UserReg(3, 15));
}

TEST(RecordConvert, RegistersHostProgramAndOperation) {
  const kvm_guest_debug_arch a = UserRegs();
  const model::DebugRegs<C> r = model::FromRecord(a);
  EXPECT_EQ(r.bcr[0], UserReg(0, 0));
  EXPECT_EQ(r.bvr[5], UserReg(1, 5));
  EXPECT_EQ(r.wcr[9], UserReg(2, 9));
  EXPECT_EQ(r.wvr[15], UserReg(3, 15));
  const kvm_guest_debug_arch back = model::ToRecord(r);
  EXPECT_EQ(std::memcmp(&a, &back, sizeof(a)), 0);

  const model::ConcreteHost h = model::FromRecord(Host(3, 2));
  EXPECT_EQ(h.id_aa64dfr0_el1, facts::Dfr0(2, 1));
  EXPECT_EQ(h.host_regs.wvr[7], HostReg(3, 7));

  const dbgref_program p =
      Program({Store(4, facts::kDataBase + 4), Msr(DBGREF_REG_WCR, 3, 0x55)});
  const model::ConcreteProgram mp = model::FromRecord(p);
  EXPECT_EQ(mp.line[0].pc, facts::Line(0));
  EXPECT_EQ(mp.line[0].insn.kind, uint64_t{DBGREF_INSN_STORE});
  EXPECT_EQ(mp.line[0].insn.size, 4u);
  EXPECT_EQ(mp.line[0].insn.addr, facts::kDataBase + 4);
  EXPECT_EQ(mp.line[1].insn.reg, uint64_t{DBGREF_REG_WCR});
  EXPECT_EQ(mp.line[1].insn.reg_index, 3u);
  EXPECT_EQ(mp.line[1].insn.value, 0x55u);
  // The lines the program does not use have an address no instruction
  // has, so nothing is fetched from them.
  for (std::size_t i = 2; i < DBGREF_MAX_PROGRAM_LINES; ++i) {
    EXPECT_NE(mp.line[i].pc % 4, 0u) << i;
  }

  dbgref_op op = SetGuestDebugOp(facts::kEnable | facts::kUseHw, UserRegs());
  op.reg = DBGREF_ONE_REG_BVR;
  op.reg_index = 4;
  op.value = 0x99;
  const model::ConcreteOp mo = model::IoctlOpFromRecord(op);
  EXPECT_EQ(mo.kind, uint64_t{DBGREF_OP_SET_GUEST_DEBUG});
  EXPECT_EQ(mo.control, uint64_t{facts::kEnable | facts::kUseHw});
  EXPECT_EQ(mo.arch.wcr[2], UserReg(2, 2));
  EXPECT_EQ(mo.reg, uint64_t{DBGREF_ONE_REG_BVR});
  EXPECT_EQ(mo.reg_index, 4u);
  EXPECT_EQ(mo.value, 0x99u);
}

TEST(RecordConvert, OnlySetGuestDebugTakesTheDebugRegisters) {
  dbgref_op op = SetGuestDebugOp(facts::kEnable | facts::kUseHw, UserRegs());
  for (const uint32_t kind : {DBGREF_OP_CHECK_EXTENSION, DBGREF_OP_GET_ONE_REG,
                              DBGREF_OP_SET_ONE_REG, DBGREF_OP_VCPU_INIT}) {
    op.kind = kind;
    const model::ConcreteOp mo = model::IoctlOpFromRecord(op);
    EXPECT_TRUE(model::RegsEq<model::ConcreteDomain>(
        mo.arch, model::ZeroRegs<model::ConcreteDomain>()))
        << kind;
    EXPECT_EQ(mo.control, uint64_t{facts::kEnable | facts::kUseHw}) << kind;
  }
}

TEST(RecordCompare, PaddingIsIgnored) {
  dbgref_obs a = Full();
  dbgref_obs b;
  std::memset(&b, 0, sizeof(b));
  b = model::ToRecord(model::FromRecord(a));  // zero padding
  EXPECT_NE(std::memcmp(&a, &b, sizeof(a)), 0);
  EXPECT_TRUE(model::ObsEqual(a, b));
  EXPECT_EQ(dbgref_obs_equal(&a, &b), 1);
  EXPECT_EQ(model::ObsDiff(a, b), "");
}

TEST(RecordCompare, EachDifferenceIsNamedWithBothValues) {
  const dbgref_obs a = Full();
  dbgref_obs b = a;
  b.ret = 0;
  b.entry_hw.dbg_bcr[3] = 0x1e7;
  b.exit_far = facts::kDataBase + 8;
  b.ctx_pstate_ss = 0;
  EXPECT_FALSE(model::ObsEqual(a, b));
  EXPECT_EQ(dbgref_obs_equal(&a, &b), 0);
  const std::vector<model::FieldDifference> d = model::ObsDifferences(a, b);
  ASSERT_EQ(d.size(), 4u);
  // In record order; the return value in decimal, the rest in hex.
  EXPECT_EQ(d[0].field, "ret");
  EXPECT_EQ(d[0].a, "-4");
  EXPECT_EQ(d[0].b, "0");
  EXPECT_EQ(d[1].field, "entry_hw.dbg_bcr[3]");
  EXPECT_EQ(d[1].a, "0x75e5000003");
  EXPECT_EQ(d[1].b, "0x1e7");
  EXPECT_EQ(d[2].field, "exit_far");
  EXPECT_EQ(d[3].field, "ctx_pstate_ss");
  EXPECT_EQ(model::ObsDiff(a, b),
            "ret: -4 != 0\n"
            "entry_hw.dbg_bcr[3]: 0x75e5000003 != 0x1e7\n"
            "exit_far: 0x20000 != 0x20008\n"
            "ctx_pstate_ss: 0x1 != 0x0\n");
}

TEST(RecordCompare, ToStringPrintsEveryFieldButZeroBankEntries) {
  dbgref_obs o;
  std::memset(&o, 0, sizeof(o));
  o.step = DBGREF_STEP_ENTER;
  o.op_kind = DBGREF_OP_RUN;
  o.entry_hw.dbg_wvr[2] = facts::kDataBase;
  const std::string s = model::ObsToString(o);
  EXPECT_NE(s.find("step = 0x1\n"), std::string::npos) << s;
  EXPECT_NE(s.find("op_kind = 0x2\n"), std::string::npos) << s;
  EXPECT_NE(s.find("ret = 0\n"), std::string::npos) << s;
  EXPECT_NE(s.find("entry_hw.dbg_wvr[2] = 0x20000\n"), std::string::npos) << s;
  EXPECT_EQ(s.find("entry_hw.dbg_bcr[0]"), std::string::npos) << s;
  EXPECT_NE(s.find("ctx_far_el1 = 0x0\n"), std::string::npos) << s;
}

}  // namespace
}  // namespace dbgref::tests
