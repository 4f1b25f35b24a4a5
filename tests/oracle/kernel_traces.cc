// The named model traces (see kernel_traces.h).
#include "tests/oracle/kernel_traces.h"

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/uapi.h"
#include "oracle/host/trace_builder.h"

namespace dbgref::oracle::traces {
namespace {

constexpr uint64_t kCode = DBGREF_CODE_BASE;
constexpr uint64_t kData = DBGREF_DATA_BASE;
constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kStep = KVM_GUESTDBG_SINGLESTEP;
constexpr uint32_t kSwBp = KVM_GUESTDBG_USE_SW_BP;
constexpr uint32_t kHw = KVM_GUESTDBG_USE_HW;
// E, PMC EL1 and EL0, BAS 0b1111: an address match at EL1.
constexpr uint64_t kBcr = 0x1e7;
// E, PAC EL1 and EL0, BAS 0xff; LSC loads and stores, stores only.
constexpr uint64_t kWcrBoth = 0x1fff;
constexpr uint64_t kWcrStore = 0x1ff7;
constexpr uint64_t kKdeMde = DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE;

}  // namespace

std::vector<NamedTrace> All(const dbgref_host& host) {
  std::vector<NamedTrace> all;
  auto add = [&](std::string name, const TraceBuilder& b) {
    all.push_back({std::move(name), b.Build()});
  };
  auto T = [&]() { return TraceBuilder(host); };

  // tests/exec/execution_test.cc.
  add("single_step_three_nops",
      T().Nop().Nop().Nop().Debug(kEnable | kStep).Run(5));
  add("step_over_trapped_mrs", T().Mrs(DBGREF_REG_BVR, 0)
                                   .Nop()
                                   .Set(DBGREF_ONE_REG_BVR, 0, 0x1234)
                                   .Debug(kEnable | kStep)
                                   .Run(3));
  add("user_breakpoint_fires_at_its_address",
      T().Nop()
          .Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(1, kBcr, kCode + 8))
          .Run(2));
  add("user_watchpoint_on_store",
      T().Load(kData + 0x10, 8)
          .Store(kData + 4, 4)
          .Debug(kEnable | kHw, Watchpoint(0, kWcrStore, kData))
          .Run(2));
  add("brk_with_enable_alone", T().Brk(7).Debug(kEnable).Run(2));
  add("brk_with_guest_debug_off", T().Brk(7).Report().Run(3));
  add("guest_own_breakpoint", T().Msr(DBGREF_REG_BCR, kBcr)
                                  .Msr(DBGREF_REG_BVR, kCode + 12)
                                  .Msr(DBGREF_REG_MDSCR, kKdeMde)
                                  .Nop()
                                  .Run(3)
                                  .Get(DBGREF_ONE_REG_BCR, 0)
                                  .Get(DBGREF_ONE_REG_BVR, 0)
                                  .Get(DBGREF_ONE_REG_MDSCR));
  add("guest_os_lock", T().Msr(DBGREF_REG_OSLAR, 1)
                           .Msr(DBGREF_REG_BCR, kBcr)
                           .Msr(DBGREF_REG_BVR, kCode + 16)
                           .Msr(DBGREF_REG_MDSCR, kKdeMde)
                           .Nop()
                           .Mrs(DBGREF_REG_OSLSR)
                           .Run(2)
                           .Get(DBGREF_ONE_REG_BCR, 0)
                           .Get(DBGREF_ONE_REG_MDSCR));
  add("unimplemented_register_undefs", T().Mrs(DBGREF_REG_BCR, 9).Nop().Run(3));

  // The earlier oracle scenarios (tests/oracle/scenarios.cc).
  add("hw_watchpoint_load",
      T().Nop()
          .Load(kData, 8)
          .Nop()
          .Debug(kEnable | kHw, Watchpoint(0, kWcrBoth, kData))
          .Run(2));
  add("hw_watchpoint_store",
      T().Nop()
          .Store(kData, 8)
          .Nop()
          .Debug(kEnable | kHw, Watchpoint(0, kWcrBoth, kData))
          .Run(2));
  add("hw_watchpoint_inside_a_wider_access",
      T().Store(kData + 8, 8)
          .Debug(kEnable | kHw, Watchpoint(0, 0x1e17, kData + 8))  // BAS 0xf0
          .Run(1));
  add("brk_sw_bp", T().Nop().Brk(0x1234).Nop().Debug(kEnable | kSwBp).Run(2));
  add("check_extension",
      T().Cap(DBGREF_CAP_HW_BPS).Cap(DBGREF_CAP_HW_WPS).Cap(DBGREF_CAP_OTHER));
  add("read_back_under_use_hw",
      T().Mrs(DBGREF_REG_BCR, 0)
          .Mrs(DBGREF_REG_MDSCR)
          .Report()
          .Report()
          .Set(DBGREF_ONE_REG_BCR, 0, 0x1e1)
          .Set(DBGREF_ONE_REG_BVR, 0, 0x4000)
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 0x100))
          .Get(DBGREF_ONE_REG_BCR, 0)
          .Get(DBGREF_ONE_REG_BVR, 0)
          .Get(DBGREF_ONE_REG_MDSCR)
          .Run(3)
          .Get(DBGREF_ONE_REG_BCR, 0)
          .Get(DBGREF_ONE_REG_MDSCR));
  add("invalid_control_with_enable", T().Nop()
                                         .Nop()
                                         .Nop()
                                         .Debug(kEnable | kStep)
                                         .Debug(kEnable | kStep | (1u << 20))
                                         .Run(1));
  add("invalid_control_without_enable",
      T().Nop().Nop().Nop().Debug(kEnable | kStep).Debug(1u << 20).Run(1));
  add("guest_own_watchpoint", T().Msr(DBGREF_REG_WCR, kWcrStore)
                                  .Msr(DBGREF_REG_WVR, kData)
                                  .Msr(DBGREF_REG_MDSCR, kKdeMde)
                                  .Store(kData + 4, 4)
                                  .Nop()
                                  .Run(3));

  // The candidates.
  add("oslsr_unlocked", T().Mrs(DBGREF_REG_OSLSR).Report().Run(1));
  add("os_lock_then_unlock", T().Msr(DBGREF_REG_OSLAR, 1)
                                 .Mrs(DBGREF_REG_OSLSR)
                                 .Msr(DBGREF_REG_OSLAR, 0)
                                 .Mrs(DBGREF_REG_OSLSR)
                                 .Report()
                                 .Run(1));
  add("os_lock_and_guest_own_step",
      T().Msr(DBGREF_REG_OSLAR, 1)
          .Msr(DBGREF_REG_MDSCR, DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE)
          .Nop()
          .Nop()
          .Run(2));
  add("os_lock_and_guest_own_watchpoint", T().Msr(DBGREF_REG_OSLAR, 1)
                                              .Msr(DBGREF_REG_WCR, kWcrStore)
                                              .Msr(DBGREF_REG_WVR, kData)
                                              .Msr(DBGREF_REG_MDSCR, kKdeMde)
                                              .Store(kData, 8)
                                              .Run(2));
  add("os_lock_and_user_breakpoint",
      T().Msr(DBGREF_REG_OSLAR, 1)
          .Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 8))
          .Run(2));
  add("os_lock_and_user_single_step",
      T().Msr(DBGREF_REG_OSLAR, 1).Nop().Nop().Debug(kEnable | kStep).Run(3));
  add("brk_with_enable_and_single_step",
      T().Nop().Brk(3).Nop().Debug(kEnable | kStep).Run(3));
  add("unimplemented_register_under_use_hw",
      T().Mrs(DBGREF_REG_BCR, 6)
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 0x100))
          .Run(2));
  add("unimplemented_watchpoint_write",
      T().Msr(DBGREF_REG_WCR, 4, kWcrBoth).Nop().Run(2));
  add("unimplemented_register_after_dirty",
      T().Msr(DBGREF_REG_BCR, 0, 0).Mrs(DBGREF_REG_BVR, 8).Nop().Run(2));
  add("one_reg_of_unimplemented_register",
      T().Set(DBGREF_ONE_REG_BCR, 9, kBcr)
          .Get(DBGREF_ONE_REG_BCR, 9)
          .Set(DBGREF_ONE_REG_WVR, 7, kData)
          .Get(DBGREF_ONE_REG_WVR, 7));
  add("one_reg_of_unknown_ids",
      T().Get(DBGREF_ONE_REG_WVR, 16)
          .Set(DBGREF_ONE_REG_BCR, 31, kBcr)
          .Get(DBGREF_ONE_REG_BCR, 15)
          .Get(DBGREF_ONE_REG_COUNT)
          .Set(DBGREF_ONE_REG_COUNT, 0, 1));
  add("single_step_over_report",
      T().Report().Nop().Debug(kEnable | kStep).Run(4));
  add("single_step_through_own_handler",
      T().Mrs(DBGREF_REG_BCR, 9).Nop().Debug(kEnable | kStep).Run(18));
  add("single_step_through_brk_handler",
      T().Brk(5).Nop().Debug(kEnable | kStep).Run(2).Debug(0).Run(2));
  add("set_one_reg_pstate_ss_own_step",
      T().Nop()
          .Nop()
          .Nop()
          .Set(DBGREF_ONE_REG_MDSCR, DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE)
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Run(3)
          .Get(DBGREF_ONE_REG_PSTATE));
  add("set_one_reg_pstate_ss_under_single_step",
      T().Nop()
          .Nop()
          .Nop()
          .Debug(kEnable | kStep)
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Run(1)
          .Get(DBGREF_ONE_REG_PSTATE)
          .Debug(0)
          .Get(DBGREF_ONE_REG_PSTATE)
          .Run(1));
  add("single_step_keeps_guest_pstate_ss",
      T().Nop()
          .Nop()
          .Nop()
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Debug(kEnable | kStep)
          .Run(1)
          .Debug(0)
          .Get(DBGREF_ONE_REG_PSTATE)
          .Run(1));
  add("guest_own_step",
      T().Msr(DBGREF_REG_MDSCR, DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE)
          .Nop()
          .Nop()
          .Run(5));
  add("vcpu_init_keeps_guest_debug", T().Nop()
                                         .Nop()
                                         .Nop()
                                         .Set(DBGREF_ONE_REG_BCR, 0, 0x1e1)
                                         .Set(DBGREF_ONE_REG_MDSCR, kKdeMde)
                                         .Debug(kEnable | kStep)
                                         .Init()
                                         .Get(DBGREF_ONE_REG_BCR, 0)
                                         .Get(DBGREF_ONE_REG_MDSCR)
                                         .Run(2));
  add("vcpu_init_after_mmio_exit",
      T().Report().Nop().Nop().Run(1).Init().Run(1));
  add("vcpu_init_after_own_exception",
      T().Brk(1).Mrs(DBGREF_REG_BCR, 0).Report().Run(1).Init().Run(3));
  add("vcpu_init_with_operands", T().Msr(DBGREF_REG_BVR, 0, kCode + 8)
                                     .Mrs(DBGREF_REG_BVR, 0)
                                     .Load(kData + 8, 8)
                                     .Report()
                                     .Run(1)
                                     .Init()
                                     .Get(DBGREF_ONE_REG_BVR, 0)
                                     .Run(1));
  add("set_pc_then_run", T().Nop()
                             .Report()
                             .Nop()
                             .Report()
                             .Set(DBGREF_ONE_REG_PC, kCode + 8)
                             .Run(2)
                             .Get(DBGREF_ONE_REG_PC));
  add("user_breakpoint_and_guest_own_breakpoint",
      T().Msr(DBGREF_REG_BCR, kBcr)
          .Msr(DBGREF_REG_BVR, kCode + 16)
          .Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Nop()
          .Nop()
          .Nop()
          .Run(1)
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 20))
          .Run(2)
          .Debug(0)
          .Run(2));
  add("watchpoint_byte_miss_and_hit",
      T().Store(kData + 1, 1)
          .Load(kData + 2, 2)
          .Store(kData + 6, 2)
          .Debug(kEnable | kHw,
                 Watchpoint(0, 1 | (3 << 1) | (3 << 3) | (0x80 << 5), kData))
          .Run(2));
  add("guest_own_breakpoint_under_enable", T().Msr(DBGREF_REG_BCR, kBcr)
                                               .Msr(DBGREF_REG_BVR, kCode + 16)
                                               .Msr(DBGREF_REG_MDSCR, kKdeMde)
                                               .Nop()
                                               .Nop()
                                               .Debug(kEnable | kSwBp)
                                               .Run(2)
                                               .Get(DBGREF_ONE_REG_MDSCR));
  add("guest_own_step_suspended_under_enable",
      T().Msr(DBGREF_REG_MDSCR, DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE)
          .Nop()
          .Nop()
          .Run(1)
          .Debug(kEnable)
          .Run(2)
          .Get(DBGREF_ONE_REG_MDSCR)
          .Debug(0)
          .Run(2));
  add("guest_mdscr_write_under_single_step", T().Msr(DBGREF_REG_MDSCR, kKdeMde)
                                                 .Mrs(DBGREF_REG_MDSCR)
                                                 .Nop()
                                                 .Debug(kEnable | kStep)
                                                 .Run(3)
                                                 .Get(DBGREF_ONE_REG_MDSCR)
                                                 .Debug(0)
                                                 .Get(DBGREF_ONE_REG_MDSCR)
                                                 .Run(1));
  add("watchpoint_on_report_store",
      T().Report()
          .Debug(kEnable | kHw, Watchpoint(0, kWcrStore, DBGREF_MMIO_REPORT))
          .Run(1));
  add("pstate_ss_without_step_after_entry",
      T().Nop()
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Run(1));
  add("user_breakpoint_in_handler",
      T().Brk(9)
          .Nop()
          .Run(1)
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, DBGREF_HANDLER_ADDR + 8))
          .Run(2)
          .Debug(0)
          .Run(2));
  add("guest_own_breakpoint_in_handler_masked_by_d",
      T().Msr(DBGREF_REG_BCR, kBcr)
          .Msr(DBGREF_REG_BVR, DBGREF_HANDLER_ADDR + 8)
          .Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Brk(2)
          .Nop()
          .Run(3));
  add("watchpoint_upper_word",
      T().Store(kData, 4)
          .Store(kData + 4, 4)
          .Debug(
              kEnable | kHw,
              Watchpoint(0, 1 | (3 << 1) | (3 << 3) | (0x0f << 5), kData + 4))
          .Run(2));
  add("watchpoint_load_only_misses_store",
      T().Store(kData, 8)
          .Load(kData, 8)
          .Debug(kEnable | kHw,
                 Watchpoint(0, 1 | (3 << 1) | (1 << 3) | (0xff << 5), kData))
          .Run(2));
  add("linked_breakpoint_type_does_not_match",
      T().Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, kBcr | (1u << 20), kCode + 4))
          .Run(1));
  add("breakpoint_el0_only_does_not_match",
      T().Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, 0x1e5, kCode + 4))
          .Run(1));
  add("use_hw_unimplemented_slots", T().Nop()
                                        .Store(kData, 8)
                                        .Nop()
                                        .Debug(kEnable | kHw,
                                               [] {
                                                 kvm_guest_debug_arch a =
                                                     NoRegs();
                                                 a.dbg_bcr[7] = kBcr;
                                                 a.dbg_bvr[7] = kCode + 8;
                                                 a.dbg_wcr[5] = kWcrBoth;
                                                 a.dbg_wvr[5] = kData;
                                                 return a;
                                               }())
                                        .Run(1));
  add("use_hw_last_implemented_slots", T().Nop()
                                           .Store(kData, 8)
                                           .Nop()
                                           .Debug(kEnable | kHw,
                                                  [] {
                                                    kvm_guest_debug_arch a =
                                                        NoRegs();
                                                    a.dbg_bcr[5] = kBcr;
                                                    a.dbg_bvr[5] = kCode + 8;
                                                    a.dbg_wcr[3] = kWcrBoth;
                                                    a.dbg_wvr[3] = kData;
                                                    return a;
                                                  }())
                                           .Run(2));
  add("vcpu_init_keeps_use_hw",
      T().Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 4))
          .Init()
          .Run(1));
  add("mdccint_write_and_read", T().Msr(DBGREF_REG_MDCCINT, 0x5)
                                    .Mrs(DBGREF_REG_MDCCINT)
                                    .Mrs(DBGREF_REG_MDSCR)
                                    .Report()
                                    .Run(1));
  add("oslar_read_and_oslsr_write_undef",
      T().Mrs(DBGREF_REG_OSLAR).Msr(DBGREF_REG_OSLSR, 0, 1).Nop().Run(3));
  add("single_step_use_hw_and_own_breakpoint",
      T().Msr(DBGREF_REG_BCR, kBcr)
          .Msr(DBGREF_REG_BVR, kCode + 16)
          .Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Nop()
          .Nop()
          .Nop()
          .Run(1)
          .Debug(kEnable | kStep | kHw, Breakpoint(0, kBcr, kCode + 20))
          .Run(3));
  add("guest_write_under_use_hw",
      T().Msr(DBGREF_REG_BCR, 0, 0x1e1)
          .Mrs(DBGREF_REG_BCR, 0)
          .Nop()
          .Nop()
          .Debug(kEnable | kHw, Breakpoint(0, kBcr, kCode + 12))
          .Run(2)
          .Get(DBGREF_ONE_REG_BCR, 0)
          .Debug(0)
          .Get(DBGREF_ONE_REG_BCR, 0)
          .Run(1));
  add("single_step_over_own_watchpoint_store",
      T().Msr(DBGREF_REG_WCR, kWcrStore)
          .Msr(DBGREF_REG_WVR, kData)
          .Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Nop()
          .Store(kData, 8)
          .Nop()
          .Run(1)
          .Set(DBGREF_ONE_REG_PC, kCode + 12)
          .Debug(kEnable | kStep)
          .Run(3));
  add("pstate_ss_under_enable_across_a_trap",
      T().Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Debug(kEnable)
          .Run(1));
  add("pstate_ss_under_enable_without_a_trap",
      T().Nop()
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Debug(kEnable)
          .Run(1));
  add("pstate_ss_under_os_lock_across_a_trap",
      T().Msr(DBGREF_REG_OSLAR, 1)
          .Report()
          .Msr(DBGREF_REG_MDSCR, kKdeMde)
          .Nop()
          .Run(1)
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Run(1));
  // Outside the runtime's convention: userspace clears PSTATE.D inside the
  // handler and the guest's own step nests there.
  add("pstate_d_cleared_inside_handler",
      T().Mrs(DBGREF_REG_WCR, 2)
          .Msr(DBGREF_REG_MDSCR, DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE)
          .Run(1)
          .Set(DBGREF_ONE_REG_PSTATE, DBGREF_START_PSTATE | DBGREF_SPSR_SS)
          .Run(2)
          .Debug(kEnable | kHw)
          .Run(1));
  return all;
}

}  // namespace dbgref::oracle::traces
