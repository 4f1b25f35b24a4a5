// The shrinker (trace/shrink.h): what it drops, what it makes plain, what
// it keeps for each kind of values, that it hands the check only valid
// traces, and that its result is 1-minimal over operations and program
// lines.

#include "trace/shrink.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace {
namespace {

constexpr uint32_t kEnableUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;

// A busy trace: a host with its own registers, a program of every kind of
// instruction at scattered addresses, every kind of operation, values
// everywhere.
Trace Busy() {
  Trace t;
  t.host.id_aa64dfr0_el1 = 0xf0305106;
  t.host.host_regs.dbg_bcr[0] = 0x4057000000;
  t.host.host_regs.dbg_wvr[3] = 0x4057000303;
  AddLineAt(t.program, 0x10040, Load(8, 0x20100));
  AddLineAt(t.program, 0x10044, Nop());
  AddLineAt(t.program, 0x10010, Msr(DBGREF_REG_BVR, 3, 0x10044));
  AddLineAt(t.program, 0x10014, Brk(0x3c));
  AddLineAt(t.program, 0x10018, Store(4, 0x20204));
  AddLineAt(t.program, 0x1001c, Mrs(DBGREF_REG_MDSCR));
  AddLineAt(t.program, 0x10020, Report());
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x10044;
  arch.dbg_wcr[1] = 0x1ff7;
  arch.dbg_wvr[1] = 0x20200;
  dbgref_op set = SetGuestDebugOp(
      kEnableUseHw | KVM_GUESTDBG_SINGLESTEP | (1u << 18), arch);
  set.dbg.pad = 0xdead;
  t.ops = {CheckExtensionOp(DBGREF_CAP_HW_WPS),
           set,
           SetOneRegOp(DBGREF_ONE_REG_BVR, 2, 0x10010),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10010),
           RunOp(),
           GetOneRegOp(DBGREF_ONE_REG_MDSCR),
           VcpuInitOp(),
           RunOp()};
  return t;
}

bool HasKind(const Trace& t, uint32_t insn_kind) {
  for (uint32_t i = 0; i < t.program.count; ++i) {
    if (t.program.line[i].insn.kind == insn_kind) return true;
  }
  return false;
}

bool HasOp(const Trace& t, uint32_t op_kind) {
  for (const dbgref_op& op : t.ops) {
    if (op.kind == op_kind) return true;
  }
  return false;
}

bool MsrAndRun(const Trace& t) {
  return HasKind(t, DBGREF_INSN_MSR) && HasOp(t, DBGREF_OP_RUN);
}

// Every single operation and program line deleted, on its own, makes
// fails false.
template <class Fails>
void ExpectOneMinimal(const Trace& t, const Fails& fails) {
  ASSERT_TRUE(fails(t));
  for (size_t i = 0; i < t.ops.size(); ++i) {
    Trace shorter = t;
    shorter.ops.erase(shorter.ops.begin() + static_cast<long>(i));
    EXPECT_FALSE(fails(shorter)) << "operation " << i + 1 << " of\n"
                                 << FormatTrace(t);
  }
  for (uint32_t i = 0; i < t.program.count; ++i) {
    Trace shorter = t;
    for (uint32_t j = i; j + 1 < shorter.program.count; ++j) {
      shorter.program.line[j] = shorter.program.line[j + 1];
    }
    --shorter.program.count;
    EXPECT_FALSE(fails(shorter)) << "program line " << i + 1 << " of\n"
                                 << FormatTrace(t);
  }
}

TEST(Shrink, BusyIsValid) { EXPECT_TRUE(ValidateTrace(Busy()).ok()); }

TEST(Shrink, ReturnsATraceThatDoesNotFailAsItIs) {
  const Trace busy = Busy();
  const Trace out = Shrink(
      busy, [](const Trace&) { return false; }, Values::kArbitrary);
  EXPECT_TRUE(out == busy);
}

TEST(Shrink, ArbitraryValuesBecomePlain) {
  const Trace out = Shrink(Busy(), MsrAndRun, Values::kArbitrary);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x0\n"
            "program\n"
            "0x10000: msr DBGBVR0_EL1, 0x0\n"
            "end\n"
            "run\n");
}

TEST(Shrink, RecognisableValuesStay) {
  const Trace out = Shrink(Busy(), MsrAndRun, Values::kRecognisable);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0xf0305106\n"
            "program\n"
            "0x10000: msr DBGBVR3_EL1, 0x10044\n"
            "end\n"
            "run\n");
}

TEST(Shrink, KeepsWhatTheFailureNeedsAndNeverClearsEnable) {
  // Fails while some KVM_SET_GUEST_DEBUG sets bvr0 to the address of a
  // program line, and a KVM_RUN follows it.
  const auto fails = [](const Trace& t) {
    bool set = false;
    for (const dbgref_op& op : t.ops) {
      if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) {
        for (uint32_t i = 0; i < t.program.count; ++i) {
          set |= op.dbg.arch.dbg_bvr[0] == t.program.line[i].pc;
        }
      }
      if (set && op.kind == DBGREF_OP_RUN) return true;
    }
    return false;
  };
  EXPECT_EQ(FormatTrace(Shrink(Busy(), fails, Values::kRecognisable)),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0xf0305106\n"
            "program\n"
            "0x10000: nop\n"
            "end\n"
            "ioctl set_guest_debug control=ENABLE bvr0=0x10000\n"
            "run\n");
}

TEST(Shrink, InstructionsBecomeNopsWhereOnlyTheirAddressMatters) {
  // Fails while the program has lines at 0x10010 and 0x10018.
  const auto fails = [](const Trace& t) {
    int found = 0;
    for (uint32_t i = 0; i < t.program.count; ++i) {
      found +=
          t.program.line[i].pc == 0x10010 || t.program.line[i].pc == 0x10018;
    }
    return found == 2;
  };
  EXPECT_EQ(FormatTrace(Shrink(Busy(), fails, Values::kArbitrary)),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x0\n"
            "program\n"
            "0x10010: nop\n"
            "0x10018: nop\n"
            "end\n");
}

TEST(Shrink, TheHostKeepsOnlyTheRegisterAndFieldsTheFailureNeeds) {
  const auto fails = [](const Trace& t) {
    return t.host.host_regs.dbg_wvr[3] != 0 &&
           ((t.host.id_aa64dfr0_el1 >> 20) & 0xf) >= 3;
  };
  EXPECT_EQ(FormatTrace(Shrink(Busy(), fails, Values::kArbitrary)),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x305000 host.wvr3=0x4057000303\n"
            "program\n"
            "end\n");
}

TEST(Shrink, TheCheckSeesOnlyValidTraces) {
  int checked = 0;
  const auto fails = [&](const Trace& t) {
    ++checked;
    EXPECT_TRUE(ValidateTrace(t).ok()) << FormatTrace(t);
    bool pc = false;
    for (const dbgref_op& op : t.ops) {
      pc |= op.kind == DBGREF_OP_SET_ONE_REG && op.reg == DBGREF_ONE_REG_PC;
    }
    return pc && HasKind(t, DBGREF_INSN_LOAD);
  };
  const Trace out = Shrink(Busy(), fails, Values::kArbitrary);
  EXPECT_GT(checked, 20);
  // The PC's plainest value is the start of the code, not 0.
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x0\n"
            "program\n"
            "0x10000: ldrx [0x20000]\n"
            "end\n"
            "ioctl set_one_reg PC 0x10000\n");
}

TEST(Shrink, TheResultIsOneMinimalOverOperationsAndProgramLines) {
  // Fails with at least two loads or stores and two KVM_RUNs.
  const auto fails = [](const Trace& t) {
    int accesses = 0;
    for (uint32_t i = 0; i < t.program.count; ++i) {
      const uint32_t k = t.program.line[i].insn.kind;
      accesses += k == DBGREF_INSN_LOAD || k == DBGREF_INSN_STORE;
    }
    int runs = 0;
    for (const dbgref_op& op : t.ops) runs += op.kind == DBGREF_OP_RUN;
    return accesses >= 2 && runs >= 2;
  };
  for (Values values : {Values::kArbitrary, Values::kRecognisable}) {
    const Trace out = Shrink(Busy(), fails, values);
    EXPECT_EQ(out.program.count, 2u);
    EXPECT_EQ(out.ops.size(), 2u);
    ExpectOneMinimal(out, fails);
  }
}

// A straight-line program from the start of the code, a breakpoint on its
// last line from userspace and from the guest, the PC set to its third.
Trace StraightLine() {
  Trace t;
  AddLine(t.program, Nop());                            // 0x10000
  AddLine(t.program, Msr(DBGREF_REG_BVR, 0, 0x1000c));  // 0x10004
  AddLine(t.program, Nop());                            // 0x10008
  AddLine(t.program, Brk(1));                           // 0x1000c
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x1000c;
  arch.dbg_bvr[1] = 0x10000;
  t.ops = {SetGuestDebugOp(kEnableUseHw, arch),
           SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10008), RunOp()};
  return t;
}

TEST(DropLineMovingUp, TheLinesAfterItAndThePcsThatNameThemMoveUp) {
  const Trace t = DropLineMovingUp(StraightLine(), 2);
  ASSERT_EQ(t.program.count, 3u);
  EXPECT_EQ(t.program.line[2].pc, DBGREF_CODE_BASE + 8);
  EXPECT_EQ(t.program.line[2].insn.kind, DBGREF_INSN_BRK);
  EXPECT_EQ(t.program.line[1].insn.value, 0x10008u);  // the guest's BVR
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bvr[0], 0x10008u);  // userspace's
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bvr[1], 0x10000u);  // before it: stays
  EXPECT_EQ(t.ops[1].value, 0x10008u);  // named the deleted line: stays
  EXPECT_EQ(t.ops[0].dbg.arch.dbg_bcr[0], 0x1e7u);  // not a pc
  EXPECT_TRUE(ValidateTrace(t).ok());
  EXPECT_TRUE(DropLineMovingUp(StraightLine(), 4) == StraightLine());
}

TEST(Shrink, AStraightLineProgramStaysOne) {
  // Fails while userspace's breakpoint 0 is on a BRK that the guest reaches
  // from the start of its code, running straight through.
  const auto fails = [](const Trace& t) {
    uint64_t bvr = 0;
    for (const dbgref_op& op : t.ops) {
      if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) bvr = op.dbg.arch.dbg_bvr[0];
    }
    for (uint32_t i = 0; i < t.program.count; ++i) {
      if (t.program.line[i].pc != DBGREF_CODE_BASE + 4 * i) return false;
      if (t.program.line[i].insn.kind == DBGREF_INSN_BRK) {
        return bvr == t.program.line[i].pc && HasOp(t, DBGREF_OP_RUN);
      }
    }
    return false;
  };
  ASSERT_TRUE(fails(StraightLine()));
  const Trace out = Shrink(StraightLine(), fails, Values::kRecognisable);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x0\n"
            "program\n"
            "0x10000: brk #0x1\n"
            "end\n"
            "ioctl set_guest_debug control=ENABLE bvr0=0x10000\n"
            "run\n");
  EXPECT_TRUE(IsOneMinimal(out, fails));
  EXPECT_FALSE(IsOneMinimal(StraightLine(), fails));
}

TEST(Deletions, EachOperationAndEachLineEitherWay) {
  const Trace t = StraightLine();
  // 3 operations; 4 lines dropped, and the 3 with lines after them moved up.
  const std::vector<Trace> d = Deletions(t);
  EXPECT_EQ(d.size(), 3u + 4u + 3u);
  for (const Trace& c : d) {
    EXPECT_TRUE(ValidateTrace(c).ok()) << FormatTrace(c);
    EXPECT_EQ(c.ops.size() + c.program.count,
              t.ops.size() + t.program.count - 1);
  }
}

// The check of a proof or a property: the model's KVM_RUN ends in a
// watchpoint exit.
bool WatchpointExit(const Trace& t) {
  model::ConcreteVcpu vcpu = model::Reset(t.host);
  for (const dbgref_op& op : t.ops) {
    const model::ConcreteStep step = model::Step(t.host, t.program, vcpu, op);
    const dbgref_obs& last = step.obs.back();
    if (last.exit_reason == KVM_EXIT_DEBUG && (last.hsr >> 26) == 0x34) {
      return true;
    }
    vcpu = step.state;
  }
  return false;
}

TEST(Shrink, OnTheModelAWatchpointNeedsItsAccessItsSettingAndARun) {
  Trace busy = Busy();
  // The first KVM_RUN stops at the BRK, the second at the watchpoint.
  busy.ops = {CheckExtensionOp(DBGREF_CAP_HW_WPS),
              SetGuestDebugOp(kEnableUseHw, busy.ops[1].dbg.arch),
              SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10010),
              RunOp(),
              GetOneRegOp(DBGREF_ONE_REG_MDSCR),
              SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10018),
              RunOp(),
              VcpuInitOp(),
              RunOp()};
  ASSERT_TRUE(WatchpointExit(busy));
  const Trace out = Shrink(busy, WatchpointExit, Values::kRecognisable);
  EXPECT_EQ(FormatTrace(out),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0xf0305106\n"
            "program\n"
            "0x10000: strw [0x20204]\n"
            "end\n"
            "ioctl set_guest_debug control=ENABLE|USE_HW wcr1=0x1ff7 "
            "wvr1=0x20200\n"
            "run\n");
  ExpectOneMinimal(out, WatchpointExit);
}

TEST(Shrink, TwoOperationsNeededOnlyTogetherGoTogether) {
  // Fails with a KVM_RUN while KVM_GET_ONE_REG and KVM_CHECK_EXTENSION are
  // both there or both gone: neither can go on its own.
  const auto fails = [](const Trace& t) {
    return HasOp(t, DBGREF_OP_RUN) && HasOp(t, DBGREF_OP_GET_ONE_REG) ==
                                          HasOp(t, DBGREF_OP_CHECK_EXTENSION);
  };
  const Trace out = Shrink(Busy(), fails, Values::kRecognisable);
  ASSERT_EQ(out.ops.size(), 1u) << FormatTrace(out);
  EXPECT_EQ(out.ops[0].kind, DBGREF_OP_RUN);
  ExpectOneMinimal(out, fails);
}

TEST(Shrink, AProgramMovesUpToTheStartOfTheCodeWithThePcsNamingIt) {
  // Fails while userspace's breakpoint 0 is on a BRK, wherever it is.
  const auto fails = [](const Trace& t) {
    for (const dbgref_op& op : t.ops) {
      if (op.kind != DBGREF_OP_SET_GUEST_DEBUG) continue;
      for (uint32_t i = 0; i < t.program.count; ++i) {
        if (t.program.line[i].insn.kind == DBGREF_INSN_BRK &&
            t.program.line[i].pc == op.dbg.arch.dbg_bvr[0]) {
          return true;
        }
      }
    }
    return false;
  };
  Trace t;
  AddLineAt(t.program, 0x10020, Brk(1));
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x10020;
  t.ops = {SetGuestDebugOp(kEnableUseHw, arch)};
  EXPECT_EQ(FormatTrace(Shrink(t, fails, Values::kRecognisable)),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x0\n"
            "program\n"
            "0x10000: brk #0x1\n"
            "end\n"
            "ioctl set_guest_debug control=ENABLE bvr0=0x10000\n");
}

TEST(Shrink, ALongTraceLosesWhatItDoesNotNeedInFewerChecksThanItHasOps) {
  // Fails with a KVM_RUN: one of 64 operations is enough.
  Trace t = Busy();
  const std::vector<dbgref_op> ops = t.ops;
  while (t.ops.size() < 64) t.ops.insert(t.ops.end(), ops.begin(), ops.end());
  int checks = 0;
  const auto fails = [&](const Trace& c) {
    ++checks;
    return HasOp(c, DBGREF_OP_RUN);
  };
  const Trace out = Shrink(t, fails, Values::kRecognisable);
  EXPECT_EQ(out.ops.size(), 1u);
  EXPECT_EQ(out.program.count, 0u);
  EXPECT_LT(checks, 64) << checks;
}

}  // namespace
}  // namespace dbgref::trace
