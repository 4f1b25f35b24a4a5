// The alphabets of exhaustive exploration (see alphabet.h).
//
// The default alphabet, printed in every report (DescribeAlphabet):
//  - host: 2 breakpoints and 2 watchpoints (ID_AA64DFR0_EL1 0x101006),
//    the host's own breakpoint 0 and watchpoint 0 in use (0x4057_xxxx
//    values, outside the guest's memory), which the guest must never see;
//  - programs: every program of up to 4 lines from DBGREF_CODE_BASE, no
//    instruction twice, over: MSR DBGWVR0_EL1 of the data address; MSR
//    DBGWCR0_EL1 0x1fff (enabled, EL1 and EL0, loads and stores, 8
//    bytes); MRS DBGWCR0_EL1; MSR MDSCR_EL1 KDE|MDE; LDRB of the data
//    address; a report store (an MMIO exit); BRK #1;
//  - operations: KVM_SET_GUEST_DEBUG with an unknown bit and no ENABLE,
//    ENABLE|USE_HW without registers, ENABLE|SINGLESTEP, ENABLE, off (0),
//    and ENABLE|USE_HW with breakpoint 0 on line 1 (0x10004, enabled at
//    EL1) and watchpoint 0 on the data address; KVM_RUN; KVM_GET_ONE_REG
//    of DBGWCR0_EL1; KVM_SET_ONE_REG of MDSCR_EL1 KDE|SS; KVM_ARM_VCPU_INIT.
// Values were chosen so that breakpoints and watchpoints both match (line
// 1, the data address) and miss (every other line and access), and so that
// each finding of every port manifest is reachable.
//
// "small" is the alphabet of the tests: 6 instructions, up to 5 lines, 7
// operations, no host registers; it reaches every manifest finding too.
// "tiny" has 2 instructions and 3 operations, for quick checks of the
// search itself.
#include "props/alphabet.h"

#include <cstdint>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr uint64_t kData = DBGREF_DATA_BASE;
constexpr uint64_t kLine1 = DBGREF_CODE_BASE + 4;
constexpr uint64_t kWatchAll = 0x1fff;  // E, PAC EL1+EL0, LSC both, BAS all
constexpr uint64_t kBreakEl1 = 0x1e7;   // E, PMC EL1, BAS all
constexpr uint64_t kKdeMde = DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE;
constexpr uint64_t kKdeSs = DBGREF_MDSCR_KDE | DBGREF_MDSCR_SS;
constexpr uint32_t kUnknownBit = 1u << 18;

// 2 BRPs, 2 WRPs, debug architecture v8.
constexpr uint64_t kTwoAndTwo = (1u << 12) | (1u << 20) | 0x6;

dbgref_host TwoAndTwo(bool host_regs) {
  dbgref_host host{};
  host.id_aa64dfr0_el1 = kTwoAndTwo;
  if (host_regs) {
    host.host_regs.dbg_bcr[0] = kBreakEl1;
    host.host_regs.dbg_bvr[0] = 0x40570000;
    host.host_regs.dbg_wcr[0] = kWatchAll;
    host.host_regs.dbg_wvr[0] = 0x40570008;
  }
  return host;
}

std::vector<dbgref_insn> SmallInstructions() {
  return {trace::Msr(DBGREF_REG_WVR, 0, kData),
          trace::Msr(DBGREF_REG_WCR, 0, kWatchAll),
          trace::Mrs(DBGREF_REG_WCR, 0),
          trace::Msr(DBGREF_REG_MDSCR, 0, kKdeMde),
          trace::Load(1, kData),
          trace::Report()};
}

std::vector<dbgref_op> SmallOps() {
  return {trace::SetGuestDebugOp(kUnknownBit),
          trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW),
          trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP),
          trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE),
          trace::RunOp(),
          trace::GetOneRegOp(DBGREF_ONE_REG_WCR, 0),
          trace::SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0, kKdeSs)};
}

Alphabet Default() {
  Alphabet a;
  a.name = "default";
  a.host = TwoAndTwo(/*host_regs=*/true);
  a.instructions = SmallInstructions();
  a.instructions.push_back(trace::Brk(1));
  a.max_lines = 4;
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = kBreakEl1;
  arch.dbg_bvr[0] = kLine1;
  arch.dbg_wcr[0] = kWatchAll;
  arch.dbg_wvr[0] = kData;
  a.ops = SmallOps();
  a.ops.push_back(trace::SetGuestDebugOp(0));
  a.ops.push_back(
      trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch));
  a.ops.push_back(trace::VcpuInitOp());
  a.summary = absl::StrCat(
      a.instructions.size(), " instructions, programs of up to ", a.max_lines,
      " lines, ", a.ops.size(), " operations, host registers in use");
  return a;
}

Alphabet Small() {
  Alphabet a;
  a.name = "small";
  a.host = TwoAndTwo(/*host_regs=*/false);
  a.instructions = SmallInstructions();
  a.max_lines = 5;
  a.ops = SmallOps();
  a.summary = absl::StrCat(a.instructions.size(),
                           " instructions, programs of up to ", a.max_lines,
                           " lines, ", a.ops.size(), " operations (tests)");
  return a;
}

Alphabet Tiny() {
  Alphabet a;
  a.name = "tiny";
  a.host = TwoAndTwo(/*host_regs=*/false);
  a.instructions = {trace::Msr(DBGREF_REG_WVR, 0, kData), trace::Report()};
  a.max_lines = 2;
  a.ops = {
      trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW),
      trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP),
      trace::RunOp()};
  a.summary = "2 instructions, programs of up to 2 lines, 3 operations";
  return a;
}

}  // namespace

const std::vector<Alphabet>& Alphabets() {
  static const auto* alphabets =
      new std::vector<Alphabet>{Default(), Small(), Tiny()};
  return *alphabets;
}

absl::StatusOr<const Alphabet*> FindAlphabet(absl::string_view name) {
  for (const Alphabet& a : Alphabets()) {
    if (a.name == name) return &a;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown alphabet '", name, "' (", AlphabetNames(), ")"));
}

std::string AlphabetNames() {
  std::vector<std::string> names;
  for (const Alphabet& a : Alphabets()) names.push_back(a.name);
  return absl::StrJoin(names, ", ");
}

std::vector<dbgref_program> Programs(const Alphabet& alphabet) {
  std::vector<dbgref_program> programs;
  const int n = static_cast<int>(alphabet.instructions.size());
  std::vector<int> chosen;
  std::vector<bool> used(n, false);
  // Depth-first over sequences of exactly `length` lines.
  std::function<void(int)> extend = [&](int length) {
    if (static_cast<int>(chosen.size()) == length) {
      dbgref_program p{};
      for (int i : chosen) trace::AddLine(p, alphabet.instructions[i]);
      programs.push_back(p);
      return;
    }
    for (int i = 0; i < n; ++i) {
      if (alphabet.distinct_lines && used[i]) continue;
      used[i] = true;
      chosen.push_back(i);
      extend(length);
      chosen.pop_back();
      used[i] = false;
    }
  };
  for (int length = 0; length <= alphabet.max_lines; ++length) extend(length);
  return programs;
}

int Breakpoints(const dbgref_host& host) {
  return static_cast<int>((host.id_aa64dfr0_el1 >> 12) & 0xf) + 1;
}

int Watchpoints(const dbgref_host& host) {
  return static_cast<int>((host.id_aa64dfr0_el1 >> 20) & 0xf) + 1;
}

std::vector<std::string> DescribeAlphabet(const Alphabet& a) {
  std::vector<std::string> lines;
  lines.push_back(absl::StrCat("alphabet ", a.name, ": ", a.summary));
  bool host_regs = false;
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; ++i) {
    host_regs = host_regs || a.host.host_regs.dbg_bcr[i] != 0 ||
                a.host.host_regs.dbg_wcr[i] != 0;
  }
  lines.push_back(absl::StrCat(
      "host: ", Breakpoints(a.host), " breakpoints, ", Watchpoints(a.host),
      " watchpoints (ID_AA64DFR0_EL1 0x", absl::Hex(a.host.id_aa64dfr0_el1),
      "), host's own debug registers ", host_regs ? "in use" : "unused"));
  lines.push_back(absl::StrCat("programs: every one of 0..", a.max_lines,
                               " lines from 0x", absl::Hex(DBGREF_CODE_BASE),
                               a.distinct_lines ? ", no instruction twice" : "",
                               " (", Programs(a).size(), " programs)"));
  std::vector<std::string> insns;
  for (const dbgref_insn& i : a.instructions) {
    insns.push_back(trace::FormatInsn(i));
  }
  lines.push_back(absl::StrCat("instructions: ", absl::StrJoin(insns, "; ")));
  std::vector<std::string> ops;
  for (const dbgref_op& o : a.ops) ops.push_back(trace::FormatOp(o));
  lines.push_back(absl::StrCat("operations: ", absl::StrJoin(ops, "; ")));
  return lines;
}

}  // namespace dbgref::props
