// One step of the CPU running the guest at EL1: the instruction at the PC
// executes, or an exception is taken instead (spec/execution.md, "The CPU";
// each rule is cited in spec/sources.md under the name in brackets). In
// order of priority:
//  1. [arm:step-pending] with software step enabled and PSTATE.SS clear
//     (active-pending), a software step exception, before the instruction;
//     ISV is set when the last instruction completed the step;
//  2. [arm:breakpoint-match] a breakpoint that matches the PC, before the
//     instruction;
//  3. the instruction's own exception: [arm:watchpoint-match] a watchpoint
//     on the access, before it is performed; [arm:brk] BRK, never gated;
//     [arm:unimplemented-undef] an MRS or MSR of a breakpoint or watchpoint
//     register the CPU does not implement is UNDEFINED, whatever MDCR_EL2
//     says; [arm:mdcr-tda] an MRS or MSR of a debug register, MDSCR_EL1 or
//     MDCCINT_EL1 traps to EL2 when MDCR_EL2.TDA is set or TDE is (TDE makes
//     the CPU treat TDA as 1); [arm:mdcr-tdosa] one of OSLAR_EL1 or
//     OSLSR_EL1 traps when TDOSA is set (or TDE); [arm:translate-first] a
//     store to MMIO is a data abort to EL2 (a stage 2 fault), and an access
//     whose translation faults is not checked against the watchpoints.
// [arm:debug-routing] debug exceptions go to EL2 when MDCR_EL2.TDE is set
// (EC ..._LOW), otherwise to the guest's own vector (EC ..._CUR); an UNDEF
// always goes to the guest. [arm:exception-entry] an exception taken to EL1
// saves the preferred return address in ELR_EL1 and PSTATE in SPSR_EL1,
// writes ESR_EL1 (and FAR_EL1 for a watchpoint), and continues at
// VBAR_EL1 + 0x200 with PSTATE.D set and PSTATE.SS clear. [arm:step-retire]
// an instruction that completes with MDSCR_EL1.SS and PSTATE.SS set clears
// PSTATE.SS, whether or not debug exceptions are enabled (SSAdvance).
// [arm:eret-ss] an exception return restores PSTATE from SPSR_EL1, SS only
// as model/arch/exception_return.h says; the runtime's ERET returns as the
// guest's convention says.
#ifndef DBGREF_MODEL_ARCH_EXECUTE_H_
#define DBGREF_MODEL_ARCH_EXECUTE_H_

#include <cstdint>

#include "model/arch/cpu.h"
#include "model/arch/debug_events.h"
#include "model/arch/debug_regs.h"
#include "model/arch/exception_return.h"
#include "model/arch/id_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/domain.h"
#include "model/guest_layout.h"

namespace dbgref::model {

// What one step did.
template <class D>
struct GuestStepEvent {
  WordOf<D> pc;          // the instruction's address
  Insn<D> insn;          // the instruction there
  WordOf<D> event;       // enum dbgref_guest_event
  WordOf<D> esr;         // the syndrome of an exception taken (EL1 or EL2)
  WordOf<D> far;         // a watchpoint's or MMIO access's address
  WordOf<D> read_value;  // a direct MRS's value
  // An instruction completed: it executed, or it took an exception to the
  // guest's own vector (the step of a debugger that steps it is over).
  BoolOf<D> completed;
  // An MSR wrote the CPU's register directly (it neither trapped nor
  // UNDEFed).
  BoolOf<D> direct_write;
};

// MDCR_EL2.TDA as the CPU applies it: TDE makes the CPU treat TDA as 1.
template <class D>
BoolOf<D> TdaInEffect(const WordOf<D>& mdcr_el2) {
  return AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDA | DBGREF_MDCR_TDE);
}

template <class D>
BoolOf<D> TdosaInEffect(const WordOf<D>& mdcr_el2) {
  return AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDOSA | DBGREF_MDCR_TDE);
}

// Debug exceptions from EL1 go to EL2.
template <class D>
BoolOf<D> DebugRoutedToEl2(const WordOf<D>& mdcr_el2) {
  return AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDE);
}

// Software step is enabled for the guest (whatever PSTATE.SS says).
template <class D>
BoolOf<D> StepEnabled(const Cpu<D>& cpu) {
  return D::and_(AnyBits<D>(cpu.mdscr_el1, DBGREF_MDSCR_SS),
                 DebugExceptionsEnabled<D>(cpu.mdcr_el2, cpu.mdscr_el1,
                                           cpu.pstate, cpu.os_locked));
}

// Breakpoint and watchpoint events are enabled for the guest.
template <class D>
BoolOf<D> BreakpointsEnabled(const Cpu<D>& cpu) {
  return D::and_(AnyBits<D>(cpu.mdscr_el1, DBGREF_MDSCR_MDE),
                 DebugExceptionsEnabled<D>(cpu.mdcr_el2, cpu.mdscr_el1,
                                           cpu.pstate, cpu.os_locked));
}

// The MMIO address a report store writes to.
template <class D>
WordOf<D> ReportAddress(const Insn<D>& i) {
  return D::ite(IsInsn<D>(i, DBGREF_INSN_REPORT), D::lit(DBGREF_MMIO_REPORT),
                D::ite(IsInsn<D>(i, DBGREF_INSN_END), D::lit(DBGREF_MMIO_END),
                       D::lit(DBGREF_MMIO_EXCEPTION)));
}

// The runtime's return address after the guest's exception: the
// instruction after the one that caused it (spec/execution.md, "The
// guest"): ELR_EL1 itself after a software step (it already points past the
// stepped instruction), ELR_EL1 + 4 otherwise.
template <class D>
WordOf<D> ResumeAddress(const WordOf<D>& elr_el1, const WordOf<D>& esr_el1) {
  return D::ite(HasClass<D>(esr_el1, DBGREF_EC_SOFTSTP_CUR), elr_el1,
                D::add(elr_el1, D::lit(4)));
}

// One step of the guest on cpu (the caller's), with the host's
// ID_AA64DFR0_EL1 and the program. cpu must not have exited.
template <class D, std::size_t N>
GuestStepEvent<D> GuestStep(const WordOf<D>& id_aa64dfr0_el1,
                            const Program<D, N>& program, Cpu<D>& cpu) {
  const WordOf<D> pc = cpu.pc;
  const Insn<D> i = Fetch<D>(program, pc);
  const BoolOf<D> tde = DebugRoutedToEl2<D>(cpu.mdcr_el2);
  const BoolOf<D> ss = PstateSs<D>(cpu.pstate);
  const BoolOf<D> step_on = StepEnabled<D>(cpu);
  const BoolOf<D> bp_on = BreakpointsEnabled<D>(cpu);

  // 1, 2: before the instruction.
  const BoolOf<D> step_pending = D::and_(step_on, D::not_(ss));
  const BoolOf<D> breakpoint = AndThen<D>(
      D::and_(D::not_(step_pending), bp_on),
      [&] { return AnyBreakpointMatches<D>(id_aa64dfr0_el1, cpu.dbg, pc); });
  const BoolOf<D> before = D::or_(step_pending, breakpoint);
  const BoolOf<D> runs = D::not_(before);

  // 3: the instruction.
  const BoolOf<D> is_mmio =
      D::or_(IsInsn<D>(i, DBGREF_INSN_REPORT),
             D::or_(IsInsn<D>(i, DBGREF_INSN_END),
                    IsInsn<D>(i, DBGREF_INSN_HANDLER_REPORT)));
  const BoolOf<D> is_load = IsInsn<D>(i, DBGREF_INSN_LOAD);
  const BoolOf<D> is_store = D::or_(IsInsn<D>(i, DBGREF_INSN_STORE), is_mmio);
  const WordOf<D> access_addr = D::ite(is_mmio, ReportAddress<D>(i), i.addr);
  const WordOf<D> access_size =
      D::ite(is_mmio, D::lit(DBGREF_MMIO_REPORT_SIZE), i.size);
  const BoolOf<D> watchpoint = AndThen<D>(
      D::and_(And3<D>(runs, D::or_(is_load, is_store), D::not_(is_mmio)),
              bp_on),
      [&] {
        return AnyWatchpointMatches<D>(id_aa64dfr0_el1, cpu.dbg, access_addr,
                                       access_size, is_store);
      });
  const BoolOf<D> brk = D::and_(runs, IsInsn<D>(i, DBGREF_INSN_BRK));

  const BoolOf<D> is_mrs = IsInsn<D>(i, DBGREF_INSN_MRS);
  const BoolOf<D> is_msr = IsInsn<D>(i, DBGREF_INSN_MSR);
  const BoolOf<D> os_lock_reg = D::or_(IsKind<D>(i.reg, DBGREF_REG_OSLAR),
                                       IsKind<D>(i.reg, DBGREF_REG_OSLSR));
  // OSLAR_EL1 is write-only and OSLSR_EL1 read-only: the other direction is
  // an unallocated encoding.
  const BoolOf<D> allocated =
      And3<D>(D::ult(i.reg, D::lit(DBGREF_REG_KIND_COUNT)),
              Implies<D>(is_mrs, D::not_(IsKind<D>(i.reg, DBGREF_REG_OSLAR))),
              Implies<D>(is_msr, D::not_(IsKind<D>(i.reg, DBGREF_REG_OSLSR))));
  const BoolOf<D> is_sys = D::and_(runs, D::or_(is_mrs, is_msr));
  const BoolOf<D> implemented = AndThen<D>(allocated, [&] {
    return RegisterImplemented<D>(id_aa64dfr0_el1, i.reg, i.reg_index);
  });
  const BoolOf<D> undef = D::and_(is_sys, D::not_(implemented));
  const BoolOf<D> sys_trap =
      And3<D>(is_sys, implemented,
              D::ite(os_lock_reg, TdosaInEffect<D>(cpu.mdcr_el2),
                     TdaInEffect<D>(cpu.mdcr_el2)));
  const BoolOf<D> direct = And3<D>(is_sys, implemented, D::not_(sys_trap));
  const BoolOf<D> mmio_abort = D::and_(runs, is_mmio);
  const BoolOf<D> eret = D::and_(runs, IsInsn<D>(i, DBGREF_INSN_HANDLER_ERET));

  // The exception, if any, and where it goes.
  const BoolOf<D> debug_exception = D::or_(D::or_(before, watchpoint), brk);
  const BoolOf<D> to_el2 =
      D::or_(D::and_(debug_exception, tde), D::or_(sys_trap, mmio_abort));
  const BoolOf<D> to_el1 =
      D::or_(D::and_(debug_exception, D::not_(tde)), undef);
  const BoolOf<D> exception = D::or_(to_el2, to_el1);
  // Its syndrome, read only where there is one.
  const WordOf<D> esr = ReadOnlyWhere<D>(exception, [&] {
    const WordOf<D> debug_fsc = D::lit(DBGREF_ESR_DEBUG_FSC);
    auto low_or_cur = [&](uint64_t low) {
      return D::ite(tde, D::lit(low), D::lit(low + 1));
    };
    const WordOf<D> ec = D::ite(
        step_pending, low_or_cur(DBGREF_EC_SOFTSTP_LOW),
        D::ite(
            breakpoint, low_or_cur(DBGREF_EC_BREAKPT_LOW),
            D::ite(watchpoint, low_or_cur(DBGREF_EC_WATCHPT_LOW),
                   D::ite(brk, D::lit(DBGREF_EC_BRK64),
                          D::ite(sys_trap, D::lit(DBGREF_EC_SYS64),
                                 D::ite(mmio_abort, D::lit(DBGREF_EC_DABT_LOW),
                                        D::lit(DBGREF_EC_UNKNOWN)))))));
    const WordOf<D> iss = D::ite(
        step_pending,
        D::bor(debug_fsc,
               D::ite(cpu.stepped, D::lit(DBGREF_ESR_STEP_ISV), D::lit(0))),
        D::ite(D::or_(breakpoint, watchpoint),
               D::bor(debug_fsc, D::ite(D::and_(watchpoint, is_store),
                                        D::lit(DBGREF_ESR_WNR), D::lit(0))),
               D::ite(brk, D::band(i.imm, D::lit(DBGREF_ESR_BRK_IMM_MASK)),
                      IteLazy<D>(
                          sys_trap,
                          [&] {
                            return Sys64IssOf<D>(i.reg, i.reg_index, is_msr);
                          },
                          [&] {
                            return D::ite(mmio_abort, D::lit(kMmioStoreIss),
                                          D::lit(0));
                          }))));
    return D::bor(D::shl(ec, DBGREF_ESR_EC_SHIFT),
                  D::bor(D::lit(DBGREF_ESR_IL), iss));
  });
  const WordOf<D> far =
      D::ite(D::or_(watchpoint, mmio_abort), access_addr, D::lit(0));

  // A direct MRS or MSR; the OS lock registers reach the hardware lock.
  const BoolOf<D> direct_read = D::and_(direct, is_mrs);
  const BoolOf<D> direct_write = D::and_(direct, is_msr);
  const WordOf<D> oslsr =
      D::bor(D::lit(DBGREF_OSLSR_OSLM),
             D::ite(cpu.os_locked, D::lit(DBGREF_OSLSR_OSLK), D::lit(0)));
  const WordOf<D> read_value = IteLazy<D>(
      direct_read,
      [&] {
        return D::ite(IsKind<D>(i.reg, DBGREF_REG_OSLSR), oslsr,
                      ReadReg<D>(cpu, i.reg, i.reg_index));
      },
      [&] { return D::lit(0); });
  WriteRegIf<D>(cpu, direct_write, i.reg, i.reg_index, i.value);
  cpu.os_locked =
      D::ite(D::and_(direct_write, IsKind<D>(i.reg, DBGREF_REG_OSLAR)),
             AnyBits<D>(i.value, DBGREF_OSLAR_OSLK), cpu.os_locked);
  // The transfer register: an MSR's source, an MRS's destination.
  cpu.xt = D::ite(D::and_(runs, is_msr), i.value,
                  D::ite(direct_read, read_value, cpu.xt));

  // [arm:step-retire], the runtime's ERET, the exception entries.
  const BoolOf<D> retired = And3<D>(runs, D::not_(exception), D::not_(eret));
  const BoolOf<D> ends_step =
      And3<D>(retired, AnyBits<D>(cpu.mdscr_el1, DBGREF_MDSCR_SS), ss);
  // Where the runtime's ERET returns to, and the PSTATE it gives: read
  // only for an ERET.
  const WordOf<D> resume = ReadOnlyWhere<D>(
      eret, [&] { return ResumeAddress<D>(cpu.elr_el1, cpu.esr_el1); });
  const WordOf<D> eret_pstate = ReadOnlyWhere<D>(eret, [&] {
    const BoolOf<D> after_own_step =
        HasClass<D>(cpu.esr_el1, DBGREF_EC_SOFTSTP_CUR);
    return ExceptionReturnPstate<D>(
        D::ite(after_own_step, D::bor(cpu.spsr_el1, D::lit(DBGREF_SPSR_SS)),
               cpu.spsr_el1),
        cpu.mdscr_el1, cpu.mdcr_el2, cpu.os_locked,
        DebugExceptionsEnabled<D>(cpu.mdcr_el2, cpu.mdscr_el1, cpu.pstate,
                                  cpu.os_locked));
  });

  const WordOf<D> entry_pc =
      D::lit(DBGREF_VBAR + DBGREF_VECTOR_CURRENT_SPX_SYNC);
  cpu.elr_el1 = D::ite(to_el1, pc, cpu.elr_el1);
  cpu.spsr_el1 = D::ite(to_el1, cpu.pstate, cpu.spsr_el1);
  cpu.esr_el1 = D::ite(to_el1, esr, cpu.esr_el1);
  cpu.far_el1 = D::ite(D::and_(to_el1, watchpoint), far, cpu.far_el1);
  cpu.exited = D::or_(cpu.exited, to_el2);
  cpu.esr_el2 = D::ite(to_el2, esr, cpu.esr_el2);
  cpu.far_el2 = D::ite(to_el2, far, cpu.far_el2);
  Insn<D> trapped = i;
  trapped.value = D::ite(is_msr, i.value, D::lit(0));
  cpu.trapped = Select<D>(to_el2, trapped, cpu.trapped);

  cpu.pc = D::ite(retired, D::add(pc, D::lit(4)),
                  D::ite(eret, resume, D::ite(to_el1, entry_pc, pc)));
  const WordOf<D> stepped_pstate = D::ite(
      ends_step, D::band(cpu.pstate, D::lit(~DBGREF_SPSR_SS)), cpu.pstate);
  cpu.pstate = D::ite(
      eret, eret_pstate,
      D::ite(to_el1, D::lit(DBGREF_PSTATE_EXCEPTION_ENTRY), stepped_pstate));
  // The step completed (ISV in the next step exception): an instruction
  // retired or an ERET executed while the step was active-not-pending.
  cpu.stepped = D::or_(
      ends_step, And3<D>(eret, AnyBits<D>(cpu.mdscr_el1, DBGREF_MDSCR_SS), ss));

  const WordOf<D> event =
      D::ite(to_el2, D::lit(DBGREF_EVENT_TO_EL2),
             D::ite(to_el1, D::lit(DBGREF_EVENT_EXCEPTION_EL1),
                    D::ite(eret, D::lit(DBGREF_EVENT_ERET),
                           D::lit(DBGREF_EVENT_RETIRED))));
  const BoolOf<D> completed =
      D::or_(D::or_(retired, eret), D::and_(to_el1, D::not_(step_pending)));
  return GuestStepEvent<D>{
      pc,  i,          event,     D::ite(exception, esr, D::lit(0)),
      far, read_value, completed, direct_write};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_EXECUTE_H_
