// The oracle scenarios (see scenarios.h).
#include "tests/oracle/scenarios.h"

#include <cstring>

#include "model/uapi.h"
#include "oracle/host/a64.h"
#include "oracle/host/one_reg.h"
#include "oracle/layout.h"

namespace dbgref::oracle::scenarios {
namespace {

using a64::Size;
constexpr uint64_t kData = DBGREF_DATA_BASE;
constexpr uint32_t kRunMs = 500;
constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kStep = KVM_GUESTDBG_SINGLESTEP;
constexpr uint32_t kSwBp = KVM_GUESTDBG_USE_SW_BP;
constexpr uint32_t kHw = KVM_GUESTDBG_USE_HW;

kvm_guest_debug_arch Zero() {
  kvm_guest_debug_arch a;
  std::memset(&a, 0, sizeof(a));
  return a;
}

// Every scenario's program starts at the code region's base, on purpose:
// the VMM's reset must make the guest run the new program, not QEMU's
// translation of the last one (oracle/README.md, "QEMU's stale
// translations"); rewritten_code checks it directly.
constexpr uint64_t kCode = DBGREF_CODE_BASE;

Script Base() {
  Script s;
  s.Watch(Watched());
  s.SetOneReg(one_reg::X(kReportReg), DBGREF_MMIO_REPORT);
  s.SetOneReg(one_reg::kPc, kCode);
  return s;
}

Script Runs(Script s, int n) {
  for (int i = 0; i < n; ++i) s.Run(kRunMs);
  return s;
}

const std::vector<uint32_t> kThreeNops = {a64::Nop(), a64::Nop(), a64::Nop()};

// The guest arms its own breakpoint 0 at `target` (x1 = address, x2 = BCR,
// x3 = MDSCR with KDE and MDE): three MSRs and an ISB.
std::vector<uint32_t> ArmOwnBreakpoint() {
  return {a64::Msr(a64::Dbgbvr(0), 1), a64::Msr(a64::Dbgbcr(0), 2),
          a64::Msr(a64::Mdscr(), 3), a64::Isb()};
}

Script OwnBreakpointRegs(Script s, uint64_t target) {
  s.SetOneReg(one_reg::X(1), target)
      .SetOneReg(one_reg::X(2), kBcrExecEl1El0)
      .SetOneReg(one_reg::X(3), kMdscrKdeMde);
  return s;
}

}  // namespace

uint64_t CodeFor(size_t) { return DBGREF_CODE_BASE; }

std::vector<uint64_t> Watched() {
  return {one_reg::kPc,     one_reg::kPstate,  one_reg::X(0),
          one_reg::X(1),    one_reg::kEsrEl1,  one_reg::kElrEl1,
          one_reg::kFarEl1, one_reg::kSpsrEl1, one_reg::kMdscrEl1};
}

std::vector<Scenario> All() {
  std::vector<Scenario> all;
  auto add = [&](std::string name, Script s) {
    all.push_back({std::move(name), std::move(s)});
  };

  // Single-step over three NOPs, then into the END store.
  add("step_nops",
      Runs(Base().WriteMem(kCode, kThreeNops).SetGuestDebug(kEnable | kStep),
           4));

  // Single-step over an MRS of DBGBVR0_EL1, which traps to EL2.
  add("step_trapped_mrs",
      Runs(Base()
               .WriteMem(kCode,
                         {a64::Mrs(0, a64::Dbgbvr(0)), a64::Nop(), a64::Nop()})
               .SetOneReg(one_reg::Dbgbvr(0), 0x1234)
               .SetGuestDebug(kEnable | kStep),
           3));

  // A USE_HW breakpoint on the second NOP.
  {
    kvm_guest_debug_arch a = Zero();
    a.dbg_bcr[0] = kBcrExecEl1El0;
    a.dbg_bvr[0] = kCode + 4;
    add("hw_breakpoint",
        Runs(Base().WriteMem(kCode, kThreeNops).SetGuestDebug(kEnable | kHw, a),
             2));
  }

  // USE_HW watchpoints on a load and on a store of a doubleword.
  for (bool store : {false, true}) {
    kvm_guest_debug_arch a = Zero();
    a.dbg_wcr[0] = kWcrLoadStore;
    a.dbg_wvr[0] = kData;
    uint32_t access =
        store ? a64::Str(Size::kDouble, 1, 0) : a64::Ldr(Size::kDouble, 1, 0);
    add(store ? "hw_watchpoint_store" : "hw_watchpoint_load",
        Runs(Base()
                 .WriteMem(kCode, {a64::Nop(), access, a64::Nop()})
                 .SetOneReg(one_reg::X(0), kData)
                 .SetOneReg(one_reg::X(1), 0x55aa)
                 .SetGuestDebug(kEnable | kHw, a),
             2));
  }

  // BRK #0x1234 with USE_SW_BP, with ENABLE alone, with guest debug off.
  const std::vector<uint32_t> brk = {a64::Nop(), a64::Brk(0x1234), a64::Nop()};
  add("brk_sw_bp",
      Runs(Base().WriteMem(kCode, brk).SetGuestDebug(kEnable | kSwBp), 2));
  add("brk_enable_only",
      Runs(Base().WriteMem(kCode, brk).SetGuestDebug(kEnable), 3));
  add("brk_debug_off", Runs(Base().WriteMem(kCode, brk), 3));

  // The scenarios before re-entered at the BRK at +4; this one has NOPs
  // there and starts at +4.
  add("rewritten_code", Runs(Base()
                                 .WriteMem(kCode, {a64::Nop(), a64::Nop(),
                                                   a64::Nop(), a64::Nop()})
                                 .SetOneReg(one_reg::kPc, kCode + 4),
                             1));

  // The reset leaves the flush out when no code word differs from what the
  // last flush left. So: the BRK at +4 again (it differs from the NOPs the
  // last flush left: a flush), the NOPs again (a flush), the same NOPs once
  // more (no flush); each starts at +4.
  const std::vector<uint32_t> nops_at_4 = {a64::Nop(), a64::Nop(), a64::Nop(),
                                           a64::Nop()};
  add("brk_again", Runs(Base()
                            .WriteMem(kCode, brk)
                            .SetOneReg(one_reg::kPc, kCode + 4)
                            .SetGuestDebug(kEnable | kSwBp),
                        1));
  add("rewritten_code_again",
      Runs(Base().WriteMem(kCode, nops_at_4).SetOneReg(one_reg::kPc, kCode + 4),
           1));
  add("same_code_no_flush",
      Runs(Base().WriteMem(kCode, nops_at_4).SetOneReg(one_reg::kPc, kCode + 4),
           1));

  // The capabilities, on /dev/kvm, the VM fd and the vCPU fd.
  add("check_extension",
      Base()
          .CheckExtension(DBGREF_FD_SYSTEM, KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL)
          .CheckExtension(DBGREF_FD_SYSTEM, KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL)
          .CheckExtension(DBGREF_FD_VM, KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL)
          .CheckExtension(DBGREF_FD_VM, KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL)
          .CheckExtension(DBGREF_FD_VCPU, KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL)
          .GetOneReg(one_reg::kIdAa64dfr0El1));

  // KVM_GET_ONE_REG and the guest's own MRS of DBGBCR0_EL1 and MDSCR_EL1
  // while USE_HW puts other values into the hardware.
  {
    kvm_guest_debug_arch a = Zero();
    a.dbg_bcr[0] = kBcrExecEl1El0;
    a.dbg_bvr[0] = kCode + 0x100;  // never reached
    add("read_back_under_use_hw",
        Runs(Base()
                 .WriteMem(kCode, {a64::Mrs(0, a64::Dbgbcr(0)),
                                   a64::Mrs(1, a64::Mdscr()),
                                   a64::ReportStore(0, kReportReg),
                                   a64::ReportStore(1, kReportReg)})
                 .SetOneReg(one_reg::Dbgbcr(0), 0x1e1)
                 .SetOneReg(one_reg::Dbgbvr(0), 0x4000)
                 .SetGuestDebug(kEnable | kHw, a)
                 .GetOneReg(one_reg::Dbgbcr(0))
                 .GetOneReg(one_reg::Dbgbvr(0))
                 .GetOneReg(one_reg::kMdscrEl1),
             3)
            .GetOneReg(one_reg::Dbgbcr(0))
            .GetOneReg(one_reg::kMdscrEl1));
  }

  // An unknown control bit (1 << 20) with ENABLE, then without: the ret,
  // and whether single-step stays in force.
  add("invalid_control_with_enable",
      Runs(Base()
               .WriteMem(kCode, kThreeNops)
               .SetGuestDebug(kEnable | kStep)
               .SetGuestDebug(kEnable | kStep | (1u << 20)),
           1));
  add("invalid_control_without_enable", Runs(Base()
                                                 .WriteMem(kCode, kThreeNops)
                                                 .SetGuestDebug(kEnable | kStep)
                                                 .SetGuestDebug(1u << 20),
                                             1));

  // The guest's own breakpoint, guest debug off: it arms breakpoint 0 on
  // the NOP at +0x18 and takes it itself.
  {
    std::vector<uint32_t> prog = ArmOwnBreakpoint();
    prog.insert(prog.end(), {a64::Nop(), a64::Nop(), a64::Nop()});
    add("guest_own_breakpoint",
        Runs(OwnBreakpointRegs(Base().WriteMem(kCode, prog), kCode + 0x18), 2)
            .GetOneReg(one_reg::Dbgbcr(0))
            .GetOneReg(one_reg::Dbgbvr(0))
            .GetOneReg(one_reg::kMdscrEl1));
  }

  // The guest's OS lock: OSLAR_EL1 = 1, OSLSR_EL1 reported, then its own
  // breakpoint armed on the NOP at +0x24.
  {
    std::vector<uint32_t> prog = {a64::Msr(a64::Oslar(), 4), a64::Isb(),
                                  a64::Mrs(5, a64::Oslsr()),
                                  a64::ReportStore(5, kReportReg)};
    std::vector<uint32_t> arm = ArmOwnBreakpoint();
    prog.insert(prog.end(), arm.begin(), arm.end());
    prog.insert(prog.end(), {a64::Nop(), a64::Nop(), a64::Nop()});
    add("guest_os_lock",
        Runs(OwnBreakpointRegs(
                 Base().WriteMem(kCode, prog).SetOneReg(one_reg::X(4), 1),
                 kCode + 0x24),
             3)
            .GetOneReg(one_reg::kOslsrEl1));
  }

  // A guest that spins (B .): the run's timeout stops it; the next
  // scenario starts from a reset.
  add("spin_timeout",
      Base().WriteMem(kCode, {a64::BranchToSelf()}).Run(300).Run(300));

  // Does KVM_ARM_VCPU_INIT alone reset guest debug and the debug
  // registers? Single-step and DBGBCR0 are set, then INIT, then the
  // runtime's registers again, then a run.
  add("vcpu_init_resets",
      Base()
          .WriteMem(kCode, kThreeNops)
          .SetOneReg(one_reg::Dbgbcr(0), 0x1e1)
          .SetOneReg(one_reg::kMdscrEl1, kMdscrKdeMde)
          .SetGuestDebug(kEnable | kStep)
          .Init()
          .GetOneReg(one_reg::Dbgbcr(0))
          .GetOneReg(one_reg::kMdscrEl1)
          .SetOneReg(one_reg::X(DBGREF_REG_EXCEPTION), DBGREF_MMIO_EXCEPTION)
          .SetOneReg(one_reg::X(DBGREF_REG_END), DBGREF_MMIO_END)
          .SetOneReg(one_reg::kPc, kCode)
          .SetOneReg(one_reg::kPstate, DBGREF_START_PSTATE)
          .SetOneReg(one_reg::kVbarEl1, DBGREF_VBAR)
          .Run(kRunMs));

  // Guest memory both ways after many resets: the guest loads a word that
  // write_mem put into the data region and stores it elsewhere there;
  // read_mem sees both.
  add("data_round_trip",
      Runs(Base()
               .WriteMem(kData + 8, {0x1234abcd})
               .WriteMem(kCode, {a64::Ldr(Size::kWord, 1, 0),
                                 a64::Str(Size::kDouble, 1, 2),
                                 a64::ReportStore(1, kReportReg)})
               .SetOneReg(one_reg::X(0), kData + 8)
               .SetOneReg(one_reg::X(2), kData + 0x10),
           2)
          .ReadMem(kData + 8, 16));

  // The VMM's reset between scripts: vcpu_init_resets set single-step and
  // DBGBCR0; this one (two scripts later) sees neither.
  add("reset_between_scripts", Runs(Base().WriteMem(kCode, kThreeNops), 1)
                                   .GetOneReg(one_reg::Dbgbcr(0))
                                   .GetOneReg(one_reg::kMdscrEl1)
                                   .GetOneReg(one_reg::X(0))
                                   .ReadMem(kCode, 16));
  return all;
}

}  // namespace dbgref::oracle::scenarios
