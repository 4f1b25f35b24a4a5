// The trace format (trace/parse.h, trace/format.h): what it reads, what it
// prints, and the line and column of every error.

#include "trace/trace.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/parse.h"

namespace dbgref::trace {
namespace {

bool SameOp(const dbgref_op& a, const dbgref_op& b) {
  return std::memcmp(&a, &b, sizeof(a)) == 0;
}

TEST(TraceParse, ReadsEveryOperationKind) {
  absl::StatusOr<Trace> trace = ParseTrace(
      "# a QEMU-style session\n"
      "dbgref-trace v1\n"
      "host id_aa64dfr0=0x305106 host.bvr2=0xffff\n"
      "ioctl set_guest_debug control=ENABLE|USE_HW bcr0=0x1e7 bvr0=0x400000\n"
      "ioctl check_extension cap=hw_wps\n"
      "run write DBGBVR1_EL1 0x1234   # trapped\n"
      "run read MDSCR_EL1\n"
      "run read DBGWCR15_EL1\n"
      "run exception esr=0xc0000000 pc=0x400000 far=8\n");
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(trace->host.id_aa64dfr0_el1, 0x305106u);
  EXPECT_EQ(trace->host.host_regs.dbg_bvr[2], 0xffffu);
  ASSERT_EQ(trace->ops.size(), 6u);
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = 0x400000;
  EXPECT_TRUE(
      SameOp(trace->ops[0],
             SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch)));
  EXPECT_TRUE(SameOp(trace->ops[1], CheckExtensionOp(DBGREF_CAP_HW_WPS)));
  EXPECT_TRUE(SameOp(trace->ops[2], GuestWriteOp(DBGREF_REG_BVR, 1, 0x1234)));
  EXPECT_TRUE(SameOp(trace->ops[3], GuestReadOp(DBGREF_REG_MDSCR, 0)));
  EXPECT_TRUE(SameOp(trace->ops[4], GuestReadOp(DBGREF_REG_WCR, 15)));
  EXPECT_TRUE(
      SameOp(trace->ops[5], GuestExceptionOp(0xc0000000u, 0x400000, 8)));
}

TEST(TraceParse, NumericAndUnknownControlBitsSurvive) {
  absl::StatusOr<Trace> trace = ParseTrace(
      "dbgref-trace v1\nioctl set_guest_debug control=ENABLE|0x100\n");
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ(trace->ops[0].dbg.control, 0x101u);
  EXPECT_EQ(FormatOp(trace->ops[0]),
            "ioctl set_guest_debug control=ENABLE|0x100");
}

TEST(TraceFormat, RoundTrips) {
  Trace trace;
  trace.host.id_aa64dfr0_el1 = 0xf0f000;
  trace.host.host_regs.dbg_wvr[15] = 0xdead;
  kvm_guest_debug_arch arch{};
  arch.dbg_wcr[3] = 0x1e17;
  arch.dbg_wvr[3] = 0x1000;
  trace.ops = {
      SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP, arch),
      SetGuestDebugOp(0),
      CheckExtensionOp(DBGREF_CAP_HW_BPS),
      CheckExtensionOp(DBGREF_CAP_OTHER),
      GuestWriteOp(DBGREF_REG_MDCCINT, 0, UINT64_MAX),
      GuestReadOp(DBGREF_REG_BCR, 9),
      GuestExceptionOp(0xf2000000u, 0x8000, 0),
  };
  const std::string text = FormatTrace(trace);
  absl::StatusOr<Trace> back = ParseTrace(text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  EXPECT_EQ(FormatTrace(*back), text);
  ASSERT_EQ(back->ops.size(), trace.ops.size());
  for (size_t i = 0; i < trace.ops.size(); ++i) {
    EXPECT_TRUE(SameOp(back->ops[i], trace.ops[i])) << FormatOp(trace.ops[i]);
  }
  EXPECT_EQ(back->host.host_regs.dbg_wvr[15], 0xdeadu);
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

INSTANTIATE_TEST_SUITE_P(
    Malformed, TraceErrors,
    testing::Values(
        BadTrace{"",
                 "line 1, column 1: empty trace: expected the header "
                 "'dbgref-trace v1'"},
        BadTrace{"run read MDSCR_EL1\n",
                 "line 1, column 1: expected the header 'dbgref-trace v1'"},
        BadTrace{"dbgref-trace v9\n",
                 "line 1, column 14: unsupported trace version 'v9' (this "
                 "dbgref reads v1)"},
        BadTrace{"dbgref-trace v1\n  run read DBGBVR16_EL1\n",
                 "line 2, column 12: unknown debug register 'DBGBVR16_EL1' "
                 "(DBGBCR<n>_EL1, DBGBVR<n>_EL1, DBGWCR<n>_EL1, DBGWVR<n>_EL1 "
                 "with n 0..15, MDSCR_EL1, MDCCINT_EL1)"},
        BadTrace{"dbgref-trace v1\nrun write MDSCR_EL1 0x1g\n",
                 "line 2, column 21: expected a number (decimal or 0x hex), "
                 "got '0x1g'"},
        BadTrace{"dbgref-trace v1\nrun write MDSCR_EL1 0x10000000000000000\n",
                 "line 2, column 21: expected a number (decimal or 0x hex), "
                 "got '0x10000000000000000'"},
        BadTrace{
            "dbgref-trace v1\nioctl set_guest_debug control=ENABLE|BOGUS\n",
            "line 2, column 38: unknown control bit 'BOGUS' (ENABLE, "
            "SINGLESTEP, USE_SW_BP, USE_HW or a 32-bit number)"},
        BadTrace{"dbgref-trace v1\nioctl set_guest_debug bcr0=1\n",
                 "line 2, column 7: set_guest_debug needs control=<bits>"},
        BadTrace{"dbgref-trace v1\nioctl set_guest_debug control=1 bcr0=1 "
                 "bcr0=2\n",
                 "line 2, column 40: 'bcr0' given twice"},
        BadTrace{"dbgref-trace v1\nrun exception pc=4\n",
                 "line 2, column 5: exception needs esr=<value>"},
        BadTrace{"dbgref-trace v1\nrun exception esr=0x100000000\n",
                 "line 2, column 19: number 0x100000000 does not fit in 32 "
                 "bits"},
        BadTrace{"dbgref-trace v1\nrun exception esr=0x62000000\n",
                 "line 2, column 19: EC 0x18 (SYS64) is a system register "
                 "access: write it as run read or run write"},
        BadTrace{"dbgref-trace v1\nrun read MDSCR_EL1 extra\n",
                 "line 2, column 20: run read takes only a register"},
        BadTrace{"dbgref-trace v1\nrun jump\n",
                 "line 2, column 5: unknown guest action 'jump' (read, write, "
                 "exception)"},
        BadTrace{"dbgref-trace v1\nrun read MDSCR_EL1\nhost id_aa64dfr0=0\n",
                 "line 3, column 1: the host line must come before the "
                 "operations"},
        BadTrace{"dbgref-trace v1\nhost host.bcr0=1\n",
                 "line 2, column 1: host needs id_aa64dfr0=<value>"},
        BadTrace{"dbgref-trace v1\nioctl check_extension cap=hw_xps\n",
                 "line 2, column 27: unknown capability 'hw_xps' (hw_bps, "
                 "hw_wps, other)"},
        BadTrace{"dbgref-trace v1\nrun read MDSCR\xc3\xa9\n",
                 "line 2, column 15: unexpected non-printable or non-ASCII "
                 "byte"},
        BadTrace{"dbgref-trace v1\nreboot\n",
                 "line 2, column 1: unknown operation 'reboot' (host, ioctl, "
                 "run)"}));

}  // namespace
}  // namespace dbgref::trace
