// The trace format (trace/parse.h, trace/format.h): what it reads, what it
// prints, and the line and column of every error.

#include "trace/trace.h"

#include <gtest/gtest.h>

#include <string>

#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/valid.h"

namespace dbgref::trace {
namespace {

constexpr char kEveryKind[] =
    "# a QEMU-style session\n"
    "dbgref-trace v2\n"
    "host id_aa64dfr0=0x305106 host.bvr2=0xffff\n"
    "\n"
    "program   # the guest\n"
    "0x10000: nop\n"
    "  0x10004:   ldrb [0x20001]\n"
    "0x10008: ldrh [0x20002]\n"
    "0x1000c: ldrw [0x20004]\n"
    "0x10010: ldrx [0x2fff8]\n"
    "0x10014: strb [0x20000]\n"
    "0x10018: strh [0x20000]\n"
    "0x1001c: strw [0x20000]\n"
    "0x10020: strx [0x20008]   # the watched one\n"
    "0x10024: brk #0x7\n"
    "0x10028: brk #65535\n"
    "0x1002c: mrs DBGBVR0_EL1\n"
    "0x10030: msr MDSCR_EL1, 0xa000\n"
    "0x10034: msr OSLAR_EL1, 1\n"
    "0x10038: mrs OSLSR_EL1\n"
    "0x1003c: mrs MDCCINT_EL1\n"
    "0x10040: msr DBGWCR15_EL1, 0xffffffffffffffff\n"
    "0x1fffc: report\n"
    "end\n"
    "ioctl set_guest_debug control=ENABLE|USE_HW bcr0=0x1e7 bvr0=0x10008\n"
    "ioctl check_extension cap=hw_wps\n"
    "ioctl get_one_reg MDSCR_EL1\n"
    "ioctl get_one_reg PC\n"
    "ioctl set_one_reg DBGBVR1_EL1 0x10004\n"
    "ioctl set_one_reg PC 0x10008\n"
    "ioctl set_one_reg PSTATE 0x2003c5\n"
    "ioctl vcpu_init\n"
    "run\n";

TEST(TraceParse, ReadsEveryInstructionAndOperation) {
  absl::StatusOr<Trace> trace = ParseTrace(kEveryKind);
  ASSERT_TRUE(trace.ok()) << trace.status();
  Trace expected;
  expected.host.id_aa64dfr0_el1 = 0x305106;
  expected.host.host_regs.dbg_bvr[2] = 0xffff;
  dbgref_program& p = expected.program;
  AddLine(p, Nop());
  AddLine(p, Load(1, 0x20001));
  AddLine(p, Load(2, 0x20002));
  AddLine(p, Load(4, 0x20004));
  AddLine(p, Load(8, 0x2fff8));
  AddLine(p, Store(1, 0x20000));
  AddLine(p, Store(2, 0x20000));
  AddLine(p, Store(4, 0x20000));
  AddLine(p, Store(8, 0x20008));
  AddLine(p, Brk(7));
  AddLine(p, Brk(0xffff));
  AddLine(p, Mrs(DBGREF_REG_BVR, 0));
  AddLine(p, Msr(DBGREF_REG_MDSCR, 0, 0xa000));
  AddLine(p, Msr(DBGREF_REG_OSLAR, 0, 1));
  AddLine(p, Mrs(DBGREF_REG_OSLSR));
  AddLine(p, Mrs(DBGREF_REG_MDCCINT));
  AddLine(p, Msr(DBGREF_REG_WCR, 15, UINT64_MAX));
  AddLineAt(p, 0x1fffc, Report());
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x10008;
  expected.ops = {
      SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch),
      CheckExtensionOp(DBGREF_CAP_HW_WPS),
      GetOneRegOp(DBGREF_ONE_REG_MDSCR),
      GetOneRegOp(DBGREF_ONE_REG_PC),
      SetOneRegOp(DBGREF_ONE_REG_BVR, 1, 0x10004),
      SetOneRegOp(DBGREF_ONE_REG_PC, 0, 0x10008),
      SetOneRegOp(DBGREF_ONE_REG_PSTATE, 0, 0x2003c5),
      VcpuInitOp(),
      RunOp(),
  };
  EXPECT_TRUE(*trace == expected) << FormatTrace(*trace);
}

TEST(TraceFormat, PrintsTheCanonicalText) {
  absl::StatusOr<Trace> trace = ParseTrace(kEveryKind);
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(FormatTrace(*trace),
            "dbgref-trace v2\n"
            "host id_aa64dfr0=0x305106 host.bvr2=0xffff\n"
            "program\n"
            "0x10000: nop\n"
            "0x10004: ldrb [0x20001]\n"
            "0x10008: ldrh [0x20002]\n"
            "0x1000c: ldrw [0x20004]\n"
            "0x10010: ldrx [0x2fff8]\n"
            "0x10014: strb [0x20000]\n"
            "0x10018: strh [0x20000]\n"
            "0x1001c: strw [0x20000]\n"
            "0x10020: strx [0x20008]\n"
            "0x10024: brk #0x7\n"
            "0x10028: brk #0xffff\n"
            "0x1002c: mrs DBGBVR0_EL1\n"
            "0x10030: msr MDSCR_EL1, 0xa000\n"
            "0x10034: msr OSLAR_EL1, 0x1\n"
            "0x10038: mrs OSLSR_EL1\n"
            "0x1003c: mrs MDCCINT_EL1\n"
            "0x10040: msr DBGWCR15_EL1, 0xffffffffffffffff\n"
            "0x1fffc: report\n"
            "end\n"
            "ioctl set_guest_debug control=ENABLE|USE_HW bcr0=0x1e7 "
            "bvr0=0x10008\n"
            "ioctl check_extension cap=hw_wps\n"
            "ioctl get_one_reg MDSCR_EL1\n"
            "ioctl get_one_reg PC\n"
            "ioctl set_one_reg DBGBVR1_EL1 0x10004\n"
            "ioctl set_one_reg PC 0x10008\n"
            "ioctl set_one_reg PSTATE 0x2003c5\n"
            "ioctl vcpu_init\n"
            "run\n");
}

TEST(TraceFormat, RoundTrips) {
  absl::StatusOr<Trace> trace = ParseTrace(kEveryKind);
  ASSERT_TRUE(trace.ok()) << trace.status();
  const std::string text = FormatTrace(*trace);
  absl::StatusOr<Trace> back = ParseTrace(text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  EXPECT_TRUE(*back == *trace) << text;
  EXPECT_EQ(FormatTrace(*back), text);
}

TEST(TraceParse, TheProgramSectionMayBeLeftOutAndLinesNeedNoOrder) {
  absl::StatusOr<Trace> trace = ParseTrace("dbgref-trace v2\nrun\n");
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(trace->program.count, 0u);
  EXPECT_EQ(FormatTrace(*trace),
            "dbgref-trace v2\nhost id_aa64dfr0=0x0\nprogram\nend\nrun\n");
  trace = ParseTrace(
      "dbgref-trace v2\nprogram\n0x10008: nop\n0x10000: report\nend\n");
  ASSERT_TRUE(trace.ok()) << trace.status();
  ASSERT_EQ(trace->program.count, 2u);
  EXPECT_EQ(trace->program.line[0].pc, 0x10008u);
  EXPECT_EQ(trace->program.line[1].pc, 0x10000u);
}

TEST(TraceParse, NumericAndUnknownControlBitsSurvive) {
  absl::StatusOr<Trace> trace = ParseTrace(
      "dbgref-trace v2\nioctl set_guest_debug control=ENABLE|0x100 pad=3\n");
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(trace->ops[0].dbg.control, 0x101u);
  EXPECT_EQ(FormatOp(trace->ops[0]),
            "ioctl set_guest_debug control=ENABLE|0x100 pad=0x3");
}

TEST(TraceParse, AnImmediateIsNoComment) {
  absl::StatusOr<Trace> trace = ParseTrace(
      "dbgref-trace v2\nprogram\n0x10000: brk #0x3c #a comment\n"
      "0x10004: nop #1 is no comment\nend\n");
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(trace.status().message(),
            "line 4, column 14: nop takes no operand");
}

struct BadTrace {
  const char* text;
  const char* message;  // the whole status message
};

class TraceErrors : public testing::TestWithParam<BadTrace> {};

TEST_P(TraceErrors, NamesLineAndColumn) {
  absl::StatusOr<Trace> trace = ParseTrace(GetParam().text);
  ASSERT_FALSE(trace.ok());
  EXPECT_EQ(trace.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(trace.status().message()), GetParam().message);
}

#define V2 "dbgref-trace v2\n"
#define PROGRAM(lines) V2 "program\n" lines "end\n"

INSTANTIATE_TEST_SUITE_P(
    Header, TraceErrors,
    testing::Values(
        BadTrace{"",
                 "line 1, column 1: empty trace: expected the header "
                 "'dbgref-trace v2'"},
        BadTrace{"# only a comment\n\n",
                 "line 3, column 1: empty trace: expected the header "
                 "'dbgref-trace v2'"},
        BadTrace{"run\n",
                 "line 1, column 1: expected the header 'dbgref-trace v2'"},
        BadTrace{"dbgref-trace\n",
                 "line 1, column 1: the header is 'dbgref-trace v2'"},
        BadTrace{"dbgref-trace v9\n",
                 "line 1, column 14: unsupported trace version 'v9' (this "
                 "dbgref reads v2)"},
        BadTrace{"# saved by dbgref\ndbgref-trace v1\nrun read MDSCR_EL1\n",
                 "line 2, column 14: this is a v1 trace, whose guest actions "
                 "('run read', 'run write', 'run exception') are not read any "
                 "more: a v2 trace gives the guest a program instead (see "
                 "docs/trace-format.md)"},
        BadTrace{V2 "run read MDSCR\xc3\xa9\n",
                 "line 2, column 15: unexpected non-printable or non-ASCII "
                 "byte"}));

INSTANTIATE_TEST_SUITE_P(
    Sections, TraceErrors,
    testing::Values(
        BadTrace{V2 "run\nhost id_aa64dfr0=0\n",
                 "line 3, column 1: the host line must come before the "
                 "program and the operations"},
        BadTrace{V2 "program\nend\nhost id_aa64dfr0=0\n",
                 "line 4, column 1: the host line must come before the "
                 "program and the operations"},
        BadTrace{V2 "host id_aa64dfr0=0\nhost id_aa64dfr0=0\n",
                 "line 3, column 1: a second host line"},
        BadTrace{V2 "host host.bcr0=1\n",
                 "line 2, column 1: host needs id_aa64dfr0=<value>"},
        BadTrace{V2 "host id_aa64dfr0=0 host.bcr16=1\n",
                 "line 2, column 20: unknown host field 'host.bcr16' "
                 "(id_aa64dfr0, host.bcr<n>, host.bvr<n>, host.wcr<n>, "
                 "host.wvr<n>)"},
        BadTrace{V2 "run\nprogram\nend\n",
                 "line 3, column 1: the program must come before the "
                 "operations"},
        BadTrace{V2 "program\nend\nprogram\nend\n",
                 "line 4, column 1: a second program section"},
        BadTrace{V2 "program 0x10000: nop\nend\n",
                 "line 2, column 9: program takes nothing after it"},
        BadTrace{V2 "program\n0x10000: nop\n",
                 "line 4, column 1: the program section has no 'end'"},
        BadTrace{V2 "program\nend now\n",
                 "line 3, column 5: end takes nothing after it"},
        BadTrace{V2 "end\n",
                 "line 2, column 1: 'end' outside a program section"},
        BadTrace{V2 "0x10000: nop\n",
                 "line 2, column 1: a program line outside the program "
                 "section"},
        BadTrace{PROGRAM("run\n"),
                 "line 3, column 1: expected a program line 'ADDRESS: "
                 "INSTRUCTION' or 'end'"},
        BadTrace{PROGRAM("0x10000 nop\n"),
                 "line 3, column 1: expected a program line 'ADDRESS: "
                 "INSTRUCTION' or 'end'"},
        BadTrace{V2 "reboot\n",
                 "line 2, column 1: unknown line 'reboot' (host, program, "
                 "ioctl, run)"}));

INSTANTIATE_TEST_SUITE_P(
    Program, TraceErrors,
    testing::Values(
        BadTrace{PROGRAM("0x10002: nop\n"),
                 "line 3, column 1: address 0x10002 is not 4-aligned"},
        BadTrace{PROGRAM("0x20000: nop\n"),
                 "line 3, column 1: address 0x20000 is outside the code "
                 "region 0x10000..0x1ffff"},
        BadTrace{PROGRAM("0xfffc: nop\n"),
                 "line 3, column 1: address 0xfffc is outside the code "
                 "region 0x10000..0x1ffff"},
        BadTrace{PROGRAM("0x1000g: nop\n"),
                 "line 3, column 1: expected a number (decimal or 0x hex), "
                 "got '0x1000g'"},
        BadTrace{PROGRAM("0x10000: nop\n0x10004: nop\n 0x10000: report\n"),
                 "line 5, column 2: address 0x10000 already has a line "
                 "(line 3)"},
        BadTrace{PROGRAM("0x10000:\n"),
                 "line 3, column 1: expected an instruction after '0x10000:'"},
        BadTrace{PROGRAM("0x10000: jmp 0x10000\n"),
                 "line 3, column 10: unknown instruction 'jmp' (nop, ldrb, "
                 "ldrh, ldrw, ldrx, strb, strh, strw, strx, brk, mrs, msr, "
                 "report)"},
        BadTrace{PROGRAM("0x10000: ldr [0x20000]\n"),
                 "line 3, column 10: unknown instruction 'ldr' (nop, ldrb, "
                 "ldrh, ldrw, ldrx, strb, strh, strw, strx, brk, mrs, msr, "
                 "report)"},
        BadTrace{PROGRAM("0x10000: report now\n"),
                 "line 3, column 17: report takes no operand"},
        BadTrace{PROGRAM("0x10000: ldrx\n"),
                 "line 3, column 10: ldrx takes one operand, [ADDRESS]"},
        BadTrace{PROGRAM("0x10000: strb [0x20000] [0x20001]\n"),
                 "line 3, column 25: strb takes one operand, [ADDRESS]"},
        BadTrace{PROGRAM("0x10000: ldrx 0x20000\n"),
                 "line 3, column 15: expected [ADDRESS], got '0x20000'"},
        BadTrace{PROGRAM("0x10000: ldrx [x]\n"),
                 "line 3, column 16: expected a number (decimal or 0x hex), "
                 "got 'x'"},
        BadTrace{PROGRAM("0x10000: ldrx [0x20004]\n"),
                 "line 3, column 16: an 8-byte access at 0x20004 is not "
                 "8-aligned"},
        BadTrace{PROGRAM("0x10000: strh [0x20001]\n"),
                 "line 3, column 16: a 2-byte access at 0x20001 is not "
                 "2-aligned"},
        BadTrace{PROGRAM("0x10000: strw [0x1fffc]\n"),
                 "line 3, column 16: a 4-byte access at 0x1fffc is outside "
                 "the data region 0x20000..0x2ffff"},
        BadTrace{PROGRAM("0x10000: ldrb [0x30000]\n"),
                 "line 3, column 16: a 1-byte access at 0x30000 is outside "
                 "the data region 0x20000..0x2ffff"},
        BadTrace{PROGRAM("0x10000: strx [0x10000000]\n"),
                 "line 3, column 16: an 8-byte access at 0x10000000 is "
                 "outside the data region 0x20000..0x2ffff"},
        BadTrace{PROGRAM("0x10000: brk 7\n"),
                 "line 3, column 14: expected #IMM, got '7'"},
        BadTrace{PROGRAM("0x10000: brk\n"),
                 "line 3, column 10: brk takes one operand, #IMM"},
        BadTrace{PROGRAM("0x10000: brk #0x10000\n"),
                 "line 3, column 15: BRK immediate 0x10000 does not fit in "
                 "16 bits"},
        BadTrace{PROGRAM("0x10000: mrs DBGBVR16_EL1\n"),
                 "line 3, column 14: unknown system register 'DBGBVR16_EL1' "
                 "(DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, "
                 "DBGWVR<n>_EL1 with n 0..15, MDSCR_EL1, MDCCINT_EL1, "
                 "OSLAR_EL1, OSLSR_EL1)"},
        BadTrace{PROGRAM("0x10000: mrs DBGBVR01_EL1\n"),
                 "line 3, column 14: unknown system register 'DBGBVR01_EL1' "
                 "(DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, "
                 "DBGWVR<n>_EL1 with n 0..15, MDSCR_EL1, MDCCINT_EL1, "
                 "OSLAR_EL1, OSLSR_EL1)"},
        BadTrace{PROGRAM("0x10000: mrs OSLAR_EL1\n"),
                 "line 3, column 14: OSLAR_EL1 is write-only: only msr "
                 "writes it"},
        BadTrace{PROGRAM("0x10000: msr OSLSR_EL1, 1\n"),
                 "line 3, column 14: OSLSR_EL1 is read-only: only mrs reads "
                 "it"},
        BadTrace{PROGRAM("0x10000: mrs\n"),
                 "line 3, column 10: mrs takes one operand, a register"},
        BadTrace{PROGRAM("0x10000: msr MDSCR_EL1 0x1\n"),
                 "line 3, column 23: expected ',' after the register"},
        BadTrace{PROGRAM("0x10000: msr MDSCR_EL1,0x1\n"),
                 "line 3, column 10: msr takes two operands, REGISTER, "
                 "VALUE"},
        BadTrace{PROGRAM("0x10000: msr MDSCR_EL1, 0x10000000000000000\n"),
                 "line 3, column 25: expected a number (decimal or 0x hex), "
                 "got '0x10000000000000000'"},
        BadTrace{V2 "program\n"
                    "0x10000: nop\n0x10004: nop\n0x10008: nop\n0x1000c: nop\n"
                    "0x10010: nop\n0x10014: nop\n0x10018: nop\n0x1001c: nop\n"
                    "0x10020: nop\n0x10024: nop\n0x10028: nop\n0x1002c: nop\n"
                    "0x10030: nop\n0x10034: nop\n0x10038: nop\n0x1003c: nop\n"
                    "0x10040: nop\n0x10044: nop\n0x10048: nop\n0x1004c: nop\n"
                    "0x10050: nop\n0x10054: nop\n0x10058: nop\n0x1005c: nop\n"
                    "0x10060: nop\nend\n",
                 "line 27, column 1: the program has more than 24 lines"}));

INSTANTIATE_TEST_SUITE_P(
    Operations, TraceErrors,
    testing::Values(
        BadTrace{V2 "run read MDSCR_EL1\n",
                 "line 2, column 5: run takes nothing after it (the guest's "
                 "instructions are in the program section)"},
        BadTrace{V2 "ioctl\n",
                 "line 2, column 1: ioctl needs one of set_guest_debug, "
                 "check_extension, get_one_reg, set_one_reg, vcpu_init"},
        BadTrace{V2 "ioctl reboot\n",
                 "line 2, column 7: unknown ioctl 'reboot' (set_guest_debug, "
                 "check_extension, get_one_reg, set_one_reg, vcpu_init)"},
        BadTrace{V2 "ioctl set_guest_debug control=ENABLE|BOGUS\n",
                 "line 2, column 38: unknown control bit 'BOGUS' (ENABLE, "
                 "SINGLESTEP, USE_SW_BP, USE_HW or a 32-bit number)"},
        BadTrace{V2 "ioctl set_guest_debug control=\n",
                 "line 2, column 31: control= needs a value"},
        BadTrace{V2 "ioctl set_guest_debug bcr0=1\n",
                 "line 2, column 7: set_guest_debug needs control=<bits>"},
        BadTrace{V2 "ioctl set_guest_debug control=1 bcr0=1 bcr0=2\n",
                 "line 2, column 40: 'bcr0' given twice"},
        BadTrace{V2 "ioctl set_guest_debug control=1 bcr16=1\n",
                 "line 2, column 33: unknown set_guest_debug field 'bcr16' "
                 "(control, pad, bcr<n>, bvr<n>, wcr<n>, wvr<n> with n "
                 "0..15)"},
        BadTrace{V2 "ioctl set_guest_debug control=1 bcr0\n",
                 "line 2, column 33: expected key=value, got 'bcr0'"},
        BadTrace{V2 "ioctl set_guest_debug control=1 pad=0x100000000\n",
                 "line 2, column 37: number 0x100000000 does not fit in 32 "
                 "bits"},
        BadTrace{V2 "ioctl check_extension cap=hw_xps\n",
                 "line 2, column 27: unknown capability 'hw_xps' (hw_bps, "
                 "hw_wps, other)"},
        BadTrace{V2 "ioctl check_extension\n",
                 "line 2, column 7: check_extension takes exactly "
                 "cap=<hw_bps|hw_wps|other>"},
        BadTrace{V2 "ioctl check_extension kind=hw_bps\n",
                 "line 2, column 23: unknown check_extension field 'kind' "
                 "(cap)"},
        BadTrace{V2 "ioctl get_one_reg\n",
                 "line 2, column 7: get_one_reg takes one register"},
        BadTrace{V2 "ioctl get_one_reg PC PSTATE\n",
                 "line 2, column 22: get_one_reg takes one register"},
        BadTrace{V2 "ioctl get_one_reg MDCCINT_EL1\n",
                 "line 2, column 19: unknown ONE_REG register 'MDCCINT_EL1' "
                 "(PC, PSTATE, MDSCR_EL1, DBGBCR<n>_EL1, DBGBVR<n>_EL1, "
                 "DBGWCR<n>_EL1, DBGWVR<n>_EL1 with n 0..15)"},
        BadTrace{V2 "ioctl set_one_reg PC\n",
                 "line 2, column 7: set_one_reg takes a register and a value"},
        BadTrace{V2 "ioctl set_one_reg PC 0x10002\n",
                 "line 2, column 22: PC 0x10002 is not a 4-aligned address "
                 "of the code region 0x10000..0x1ffff"},
        BadTrace{V2 "ioctl set_one_reg PC 0x200\n",
                 "line 2, column 22: PC 0x200 is not a 4-aligned address of "
                 "the code region 0x10000..0x1ffff"},
        BadTrace{V2 "ioctl set_one_reg PSTATE 0x3c4\n",
                 "line 2, column 26: PSTATE 0x3c4 is not EL1h (mode 0x5) "
                 "with only NZCV, SS, D, A, I and F besides"},
        BadTrace{V2 "ioctl set_one_reg PSTATE 0x4003c5\n",
                 "line 2, column 26: PSTATE 0x4003c5 is not EL1h (mode 0x5) "
                 "with only NZCV, SS, D, A, I and F besides"},
        BadTrace{V2 "ioctl set_one_reg MDSCR_EL1 -1\n",
                 "line 2, column 29: expected a number (decimal or 0x hex), "
                 "got '-1'"},
        BadTrace{V2 "ioctl vcpu_init now\n",
                 "line 2, column 17: vcpu_init takes nothing after it"}));

// A solver fills in every field; a trace holds only those a kind uses.
TEST(UnusedFields, AreZeroedAndTheUsedOnesKept) {
  dbgref_insn brk{};
  brk.kind = DBGREF_INSN_BRK;
  brk.imm = 0x42;
  brk.size = 3892314112u;
  brk.addr = 0x1ffff;
  brk.reg = 8;
  ASSERT_TRUE(InsnProblem(brk).has_value());
  const dbgref_insn clean = WithUnusedFieldsZero(brk);
  EXPECT_FALSE(InsnProblem(clean).has_value()) << *InsnProblem(clean);
  EXPECT_EQ(clean.imm, 0x42u);
  EXPECT_EQ(clean.size, 0u);
  EXPECT_EQ(clean.addr, 0u);
  EXPECT_EQ(clean.reg, 0u);

  dbgref_insn msr{};
  msr.kind = DBGREF_INSN_MSR;
  msr.reg = DBGREF_REG_BCR;
  msr.reg_index = 1;
  msr.value = 0x1e7;
  msr.imm = 9;
  const dbgref_insn kept = WithUnusedFieldsZero(msr);
  EXPECT_EQ(kept.reg, uint32_t{DBGREF_REG_BCR});
  EXPECT_EQ(kept.reg_index, 1u);
  EXPECT_EQ(kept.value, 0x1e7u);
  EXPECT_EQ(kept.imm, 0u);

  dbgref_op debug{};
  debug.kind = DBGREF_OP_SET_GUEST_DEBUG;
  debug.dbg.control = KVM_GUESTDBG_ENABLE;
  debug.dbg.arch.dbg_bcr[0] = 0x1e7;
  debug.reg = 3;
  debug.value = 7;
  ASSERT_TRUE(OpProblem(debug).has_value());
  const dbgref_op op = WithUnusedFieldsZero(debug);
  EXPECT_FALSE(OpProblem(op).has_value()) << *OpProblem(op);
  EXPECT_EQ(op.dbg.control, uint32_t{KVM_GUESTDBG_ENABLE});
  EXPECT_EQ(op.dbg.arch.dbg_bcr[0], 0x1e7u);
  EXPECT_EQ(op.reg, 0u);
  EXPECT_EQ(op.value, 0u);
}

}  // namespace
}  // namespace dbgref::trace
