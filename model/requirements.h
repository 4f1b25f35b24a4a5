// The requirements of spec/requirements.md as predicates over one
// transition (host, program, pre-state, input, post-state, observation,
// ghost state), generic over the domain so that the proofs and the
// properties judge the same statement. Each is named after its ID (the list
// is model/requirement_list.h) and holds vacuously for transitions it does
// not speak about. A predicate reads what happened from the observation and
// what should have happened from the pre-state, the ghost state, the host
// and the program, so that the observational view of a port (props/)
// judges the port's observation by the same text.
//
// Where a requirement rests on a rule of the CPU (which breakpoint matches
// an address, which events are enabled), it calls the architecture's
// definition in model/arch/, never KVM's rules.
//
// The predicates assume the pre-state satisfies Invariant (model/
// invariant.h); the proofs discharge that by induction.
#ifndef DBGREF_MODEL_REQUIREMENTS_H_
#define DBGREF_MODEL_REQUIREMENTS_H_

#include <cstddef>
#include <cstdint>

#include "model/arch/debug_events.h"
#include "model/arch/exception_return.h"
#include "model/arch/execute.h"
#include "model/arch/id_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/domain.h"
#include "model/guest_layout.h"
#include "model/ioctl.h"
#include "model/op.h"
#include "model/record.h"
#include "model/requirement_list.h"
#include "model/run.h"
#include "model/setup_debug.h"
#include "model/state.h"
#include "model/step.h"
#include "model/uapi.h"

namespace dbgref::model {
namespace req_internal {

// t is a transition of this kind that applies to its pre-state.
template <class D, std::size_t N>
BoolOf<D> Is(const Transition<D, N>& t, uint64_t kind) {
  return D::and_(IsOp<D>(t.op, kind), Applicable<D>(t.pre, t.op));
}

template <class D, std::size_t N>
BoolOf<D> IsRunStep(const Transition<D, N>& t) {
  return D::or_(D::or_(Is<D, N>(t, kEnter), Is<D, N>(t, kGuest)),
                Is<D, N>(t, kExit));
}

template <class D>
BoolOf<D> BadBits(const WordOf<D>& control) {
  return AnyBits<D>(control, ~uint64_t{KVM_GUESTDBG_VALID_MASK});
}

template <class D>
BoolOf<D> EntryHas(const Obs<D>& o, uint64_t mdcr_bits) {
  return D::eq(D::band(o.entry_mdcr_el2, D::lit(mdcr_bits)),
               D::lit(mdcr_bits));
}

// What a GUEST transition was about to do, from its pre-state: the
// instruction at the PC, whether a software step was pending (the
// instruction does not run then) and whether the guest really ran (not
// the interrupt at the bound).
template <class D>
struct GuestFacts {
  WordOf<D> pc;
  Insn<D> insn;
  BoolOf<D> runs_instruction;  // a step, not the bound's interrupt
  BoolOf<D> step_pending;
};

template <class D, std::size_t N>
GuestFacts<D> FactsOf(const Transition<D, N>& t) {
  const Cpu<D>& cpu = t.pre.cpu;
  return GuestFacts<D>{
      cpu.pc, Fetch<D>(t.program, cpu.pc),
      D::and_(Is<D, N>(t, kGuest),
              D::ult(t.pre.steps, D::lit(kMaxGuestSteps))),
      D::and_(StepEnabled<D>(cpu), D::not_(PstateSs<D>(cpu.pstate)))};
}

template <class D>
BoolOf<D> EventIs(const Obs<D>& o, uint64_t event) {
  return D::eq(o.event, D::lit(event));
}

// The step took an exception of class ec.
template <class D>
BoolOf<D> ExceptionOfClass(const Obs<D>& o, uint64_t ec) {
  return D::and_(D::or_(EventIs<D>(o, DBGREF_EVENT_TO_EL2),
                        EventIs<D>(o, DBGREF_EVENT_EXCEPTION_EL1)),
                 HasClass<D>(o.esr, ec));
}

template <class D>
WordOf<D> DebugSyndrome(uint64_t ec, uint64_t iss) {
  return D::lit((ec << DBGREF_ESR_EC_SHIFT) | DBGREF_ESR_IL | iss);
}

template <class D>
BoolOf<D> IsMemoryAccess(const Insn<D>& i) {
  return D::or_(D::or_(IsInsn<D>(i, DBGREF_INSN_LOAD),
                       IsInsn<D>(i, DBGREF_INSN_STORE)),
                D::or_(D::or_(IsInsn<D>(i, DBGREF_INSN_REPORT),
                              IsInsn<D>(i, DBGREF_INSN_END)),
                       IsInsn<D>(i, DBGREF_INSN_HANDLER_REPORT)));
}

template <class D>
BoolOf<D> IsStoreAccess(const Insn<D>& i) {
  return D::and_(IsMemoryAccess<D>(i), D::not_(IsInsn<D>(i, DBGREF_INSN_LOAD)));
}

template <class D>
WordOf<D> AccessAddr(const Insn<D>& i) {
  return D::ite(IsInsn<D>(i, DBGREF_INSN_LOAD),
                i.addr, D::ite(IsInsn<D>(i, DBGREF_INSN_STORE), i.addr,
                               ReportAddress<D>(i)));
}

template <class D>
WordOf<D> AccessSize(const Insn<D>& i) {
  return D::ite(D::or_(IsInsn<D>(i, DBGREF_INSN_LOAD),
                       IsInsn<D>(i, DBGREF_INSN_STORE)),
                i.size, D::lit(DBGREF_MMIO_REPORT_SIZE));
}

// The guest's own value of register (reg, index): the ghost's, and the OS
// lock's status word for OSLSR_EL1.
template <class D>
WordOf<D> GhostValue(const Ghost<D>& g, const WordOf<D>& reg,
                     const WordOf<D>& index) {
  const WordOf<D> oslsr =
      D::bor(D::lit(DBGREF_OSLSR_OSLM),
             D::ite(g.os_locked, D::lit(DBGREF_OSLSR_OSLK), D::lit(0)));
  return D::ite(IsKind<D>(reg, DBGREF_REG_OSLSR), oslsr,
                ReadReg<D>(g, reg, index));
}

// The guest context after the transition is the guest's own view.
template <class D>
BoolOf<D> ContextIsOwn(const GuestContext<D>& c, const Ghost<D>& g) {
  return And3<D>(D::and_(RegsEq<D>(c.dbg, g.dbg),
                         D::eq(c.mdscr_el1, g.mdscr_el1)),
                 D::and_(D::eq(c.mdccint_el1, g.mdccint_el1),
                         BoolEq<D>(PstateSs<D>(c.pstate), g.pstate_ss)),
                 BoolEq<D>(c.os_locked, g.os_locked));
}

}  // namespace req_internal

// REQ-IOCTL-VALID: a control word with a bit outside KVM_GUESTDBG_VALID_MASK
// returns -EINVAL and changes nothing, whether ENABLE is set or not; any
// other returns 0 and, with ENABLE, is stored.
template <class D, std::size_t N>
BoolOf<D> ReqIoctlValid(const Transition<D, N>& t) {
  using namespace req_internal;
  return ImpliesThen<D>(Is<D, N>(t, kSetGuestDebug), [&] {
    const BoolOf<D> refused = BadBits<D>(t.op.control);
    const BoolOf<D> einval =
        D::and_(D::eq(t.obs.ret, Errno<D>(DBGREF_EINVAL)),
                StateEq<D>(t.post, t.pre));
    const BoolOf<D> stored =
        Implies<D>(AnyBits<D>(t.op.control, KVM_GUESTDBG_ENABLE),
                   D::eq(t.post.control, t.op.control));
    return D::ite(refused, einval,
                  D::and_(D::eq(t.obs.ret, D::lit(0)), stored));
  });
}

// REQ-IOCTL-DISABLE: a valid control word without ENABLE turns guest debug
// off and returns 0.
template <class D, std::size_t N>
BoolOf<D> ReqIoctlDisable(const Transition<D, N>& t) {
  using namespace req_internal;
  return Implies<D>(
      And3<D>(Is<D, N>(t, kSetGuestDebug), D::not_(BadBits<D>(t.op.control)),
              D::not_(AnyBits<D>(t.op.control, KVM_GUESTDBG_ENABLE))),
      D::and_(D::eq(t.post.control, D::lit(0)), D::eq(t.obs.ret, D::lit(0))));
}

// REQ-IOCTL-HWREGS: ENABLE|USE_HW, accepted, records all of userspace's
// registers; REQ-HW-PROGRAM makes the next entry use them.
template <class D, std::size_t N>
BoolOf<D> ReqIoctlHwregs(const Transition<D, N>& t) {
  using namespace req_internal;
  const BoolOf<D> taken = And3<D>(
      Is<D, N>(t, kSetGuestDebug),
      D::and_(AnyBits<D>(t.op.control, KVM_GUESTDBG_ENABLE),
              D::not_(BadBits<D>(t.op.control))),
      AnyBits<D>(t.op.control, KVM_GUESTDBG_USE_HW));
  return ImpliesThen<D>(taken, [&] {
    return D::and_(RegsEq<D>(t.post.external, t.op.arch), UseHwOn<D>(t.post));
  });
}

// REQ-CAP: HW_BPS and HW_WPS report BRPs+1 and WRPs+1 (1..16), anything
// else 0; the state does not change.
template <class D, std::size_t N>
BoolOf<D> ReqCap(const Transition<D, N>& t) {
  using namespace req_internal;
  return ImpliesThen<D>(Is<D, N>(t, kCheckExtension), [&] {
    const BoolOf<D> bps = D::eq(t.op.cap, D::lit(DBGREF_CAP_HW_BPS));
    const BoolOf<D> wps = D::eq(t.op.cap, D::lit(DBGREF_CAP_HW_WPS));
    const WordOf<D> dfr0 = t.host.id_aa64dfr0_el1;
    const WordOf<D> expected =
        D::ite(bps, D::add(BrpsField<D>(dfr0), D::lit(1)),
               D::ite(wps, D::add(WrpsField<D>(dfr0), D::lit(1)), D::lit(0)));
    const BoolOf<D> in_range =
        D::and_(D::ule(D::lit(1), t.obs.ret), D::ule(t.obs.ret, D::lit(16)));
    return And3<D>(D::eq(t.obs.ret, expected),
                   Implies<D>(D::or_(bps, wps), in_range),
                   StateEq<D>(t.post, t.pre));
  });
}

// REQ-ONE-REG: KVM_GET_ONE_REG of a debug register or MDSCR_EL1 returns the
// guest's own value, whatever userspace's guest debug does, and PSTATE.SS
// the guest's own; KVM_SET_ONE_REG returns 0 and the guest context holds the
// value afterwards (REQ-SHADOW: the guest then reads it). An id KVM does not
// know gives -ENOENT and changes nothing.
template <class D, std::size_t N>
BoolOf<D> ReqOneReg(const Transition<D, N>& t) {
  using namespace req_internal;
  const WordOf<D>& reg = t.op.reg;
  const BoolOf<D> known = OneRegKnown<D>(reg, t.op.reg_index);
  const BoolOf<D> pc = IsOneReg<D>(reg, DBGREF_ONE_REG_PC);
  const BoolOf<D> pstate = IsOneReg<D>(reg, DBGREF_ONE_REG_PSTATE);
  const BoolOf<D> sysreg = D::not_(D::or_(pc, pstate));
  const auto get_ok = [&] {
    const WordOf<D> own = ReadReg<D>(t.pre.ghost, BankKindOfOneReg<D>(reg),
                                     t.op.reg_index);
    return D::ite(
        known,
        D::and_(
            D::eq(t.obs.ret, D::lit(0)),
            D::ite(pstate,
                   BoolEq<D>(PstateSs<D>(t.obs.value), t.pre.ghost.pstate_ss),
                   Implies<D>(sysreg, D::eq(t.obs.value, own)))),
        D::eq(t.obs.ret, Errno<D>(DBGREF_ENOENT)));
  };
  const auto set_ok = [&] {
    const GuestContext<D>& written = t.post.ctx;
    const WordOf<D> after = D::ite(
        pc, written.pc,
        D::ite(pstate, written.pstate,
               ReadReg<D>(written, BankKindOfOneReg<D>(reg), t.op.reg_index)));
    return D::ite(
        known, D::and_(D::eq(t.obs.ret, D::lit(0)), D::eq(after, t.op.value)),
        D::and_(D::eq(t.obs.ret, Errno<D>(DBGREF_ENOENT)),
                StateEq<D>(t.post, t.pre)));
  };
  return D::and_(ImpliesThen<D>(Is<D, N>(t, kGetOneReg), get_ok),
                 ImpliesThen<D>(Is<D, N>(t, kSetOneReg), set_ok));
}

// REQ-INIT: KVM_ARM_VCPU_INIT gives the guest its reset state (debug
// registers, MDSCR_EL1, MDCCINT_EL1 and OS lock as KVM resets them, and the
// runtime's start) and leaves userspace's guest debug (control word and
// registers) as it was.
template <class D, std::size_t N>
BoolOf<D> ReqInit(const Transition<D, N>& t) {
  using namespace req_internal;
  return ImpliesThen<D>(Is<D, N>(t, kVcpuInit), [&] {
    const GuestContext<D> reset = ResetContext<D>();
    return And3<D>(RecordsEqual<D>(kWalkContext, t.post.ctx, reset),
                   D::eq(t.post.control, t.pre.control),
                   RegsEq<D>(t.post.external, t.pre.external));
  });
}

// REQ-TRAP-TDA: while guest debug is on, every entry traps the guest's
// debug register accesses: TDA is in effect (set, or implied by TDE); with
// USE_HW the TDA bit itself is set.
template <class D, std::size_t N>
BoolOf<D> ReqTrapTda(const Transition<D, N>& t) {
  using namespace req_internal;
  const BoolOf<D> enter = Is<D, N>(t, kEnter);
  const BoolOf<D> effective = D::or_(EntryHas<D>(t.obs, DBGREF_MDCR_TDA),
                                     EntryHas<D>(t.obs, DBGREF_MDCR_TDE));
  return D::and_(
      Implies<D>(D::and_(enter, DebugActive<D>(t.pre)), effective),
      Implies<D>(D::and_(enter, UseHwOn<D>(t.pre)),
                 EntryHas<D>(t.obs, DBGREF_MDCR_TDA)));
}

// REQ-TRAP-TDE: TDE on entry exactly when guest debug is on; TPM, TPMCR,
// TDRA and TDOSA always.
template <class D, std::size_t N>
BoolOf<D> ReqTrapTde(const Transition<D, N>& t) {
  using namespace req_internal;
  return Implies<D>(
      Is<D, N>(t, kEnter),
      D::and_(BoolEq<D>(EntryHas<D>(t.obs, DBGREF_MDCR_TDE),
                        DebugActive<D>(t.pre)),
              EntryHas<D>(t.obs, DBGREF_MDCR_ALWAYS_BITS)));
}

// REQ-HW-PROGRAM: with USE_HW, as the guest starts to run, the implemented
// breakpoints and watchpoints hold userspace's values and MDSCR_EL1.MDE
// enables them.
template <class D, std::size_t N>
BoolOf<D> ReqHwProgram(const Transition<D, N>& t) {
  using namespace req_internal;
  return ImpliesThen<D>(D::and_(Is<D, N>(t, kEnter), UseHwOn<D>(t.pre)), [&] {
    const DebugRegs<D> want =
        ImplementedOnly<D>(t.host.id_aa64dfr0_el1, t.pre.external);
    return D::and_(AnyBits<D>(t.obs.entry_mdscr_el1, DBGREF_MDSCR_MDE),
                   RegsEq<D>(t.obs.entry_hw, want));
  });
}

// REQ-HW-BREAK: with USE_HW, an instruction about to execute (no software
// step pending first) at an address that one of userspace's breakpoints
// matches takes a breakpoint exception to EL2 (EC 0x30) there, without
// executing; and no other breakpoint fires: not one of userspace's that
// does not match, nor one of the guest's own.
template <class D, std::size_t N>
BoolOf<D> ReqHwBreak(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const BoolOf<D> on = D::and_(g.runs_instruction, UseHwOn<D>(t.pre));
  return ImpliesThen<D>(on, [&] {
    const BoolOf<D> matches = AnyBreakpointMatches<D>(
        t.host.id_aa64dfr0_el1, t.pre.external, g.pc);
    const BoolOf<D> fired =
        And3<D>(EventIs<D>(t.obs, DBGREF_EVENT_TO_EL2),
                D::eq(t.obs.esr, DebugSyndrome<D>(DBGREF_EC_BREAKPT_LOW,
                                                  DBGREF_ESR_DEBUG_FSC)),
                D::eq(t.post.cpu.pc, g.pc));
    const BoolOf<D> any_breakpoint =
        D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_LOW),
               ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_CUR));
    return D::and_(
        Implies<D>(D::and_(matches, D::not_(g.step_pending)), fired),
        Implies<D>(any_breakpoint, D::and_(matches, D::not_(g.step_pending))));
  });
}

// REQ-HW-WATCH: with USE_HW, a load or store of guest memory about to
// execute (no software step pending, no breakpoint first; an MMIO store
// faults at stage 2 before any watchpoint is checked, [arm:translate-first])
// that touches bytes one of userspace's
// watchpoints watches takes a watchpoint exception to EL2 (EC 0x34) before
// it is performed: WnR says whether it stores, FAR is an address inside
// the access, the instruction does not complete; and no other watchpoint
// fires.
template <class D, std::size_t N>
BoolOf<D> ReqHwWatch(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const BoolOf<D> on = D::and_(g.runs_instruction, UseHwOn<D>(t.pre));
  return ImpliesThen<D>(on, [&] {
    const WordOf<D> dfr0 = t.host.id_aa64dfr0_el1;
    const BoolOf<D> store = IsStoreAccess<D>(g.insn);
    const WordOf<D> addr = AccessAddr<D>(g.insn);
    const WordOf<D> size = AccessSize<D>(g.insn);
    const BoolOf<D> first = And3<D>(
        on, D::and_(IsMemoryAccess<D>(g.insn), D::not_(g.step_pending)),
        D::not_(AnyBreakpointMatches<D>(dfr0, t.pre.external, g.pc)));
    const BoolOf<D> to_memory = D::or_(IsInsn<D>(g.insn, DBGREF_INSN_LOAD),
                                       IsInsn<D>(g.insn, DBGREF_INSN_STORE));
    const BoolOf<D> matches = D::and_(
        to_memory,
        AnyWatchpointMatches<D>(dfr0, t.pre.external, addr, size, store));
    const WordOf<D> syndrome =
        DebugSyndrome<D>(DBGREF_EC_WATCHPT_LOW, DBGREF_ESR_DEBUG_FSC);
    const WordOf<D> wnr = D::ite(store, D::lit(DBGREF_ESR_WNR), D::lit(0));
    const BoolOf<D> far_inside = D::and_(
        D::ule(addr, t.obs.far), D::ult(t.obs.far, D::add(addr, size)));
    const BoolOf<D> fired = And3<D>(
        EventIs<D>(t.obs, DBGREF_EVENT_TO_EL2),
        D::and_(D::eq(t.obs.esr, D::bor(syndrome, wnr)), far_inside),
        D::eq(t.post.cpu.pc, g.pc));
    const BoolOf<D> any_watchpoint =
        D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_WATCHPT_LOW),
               ExceptionOfClass<D>(t.obs, DBGREF_EC_WATCHPT_CUR));
    return D::and_(Implies<D>(D::and_(first, matches), fired),
                   Implies<D>(any_watchpoint, D::and_(first, matches)));
  });
}

// REQ-BRK: a BRK the guest executes (not preempted by a software step or a
// breakpoint) takes a breakpoint instruction exception, EC 0x3C with the
// immediate in the ISS, at the BRK: to EL2 and so to userspace while guest
// debug is on (whether or not USE_SW_BP is set: spec/decisions.md), to the
// guest's own vector (ESR_EL1, ELR_EL1 at the BRK) while it is off.
template <class D, std::size_t N>
BoolOf<D> ReqBrk(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const BoolOf<D> preempted =
      D::or_(D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_SOFTSTP_LOW),
                    ExceptionOfClass<D>(t.obs, DBGREF_EC_SOFTSTP_CUR)),
             D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_LOW),
                    ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_CUR)));
  const BoolOf<D> brk = And3<D>(g.runs_instruction,
                                IsInsn<D>(g.insn, DBGREF_INSN_BRK),
                                D::not_(preempted));
  const WordOf<D> syndrome =
      D::bor(DebugSyndrome<D>(DBGREF_EC_BRK64, 0),
             D::band(g.insn.imm, D::lit(DBGREF_ESR_BRK_IMM_MASK)));
  const BoolOf<D> to_userspace =
      And3<D>(EventIs<D>(t.obs, DBGREF_EVENT_TO_EL2),
              D::eq(t.obs.esr, syndrome), D::eq(t.post.cpu.pc, g.pc));
  const BoolOf<D> to_guest = And3<D>(
      EventIs<D>(t.obs, DBGREF_EVENT_EXCEPTION_EL1),
      D::eq(t.obs.esr, syndrome),
      D::and_(D::eq(t.post.cpu.esr_el1, syndrome),
              D::eq(t.post.cpu.elr_el1, g.pc)));
  return Implies<D>(brk, D::ite(DebugActive<D>(t.pre), to_userspace,
                                to_guest));
}

// REQ-SS: with SINGLESTEP,
//  - no KVM_RUN completes a second instruction before its step exit, an
//    instruction KVM emulated (completed at the next entry) counting as
//    one (an ERET included: with MDCR_EL2.TDE set, debug exceptions are
//    enabled where the guest's ERET executes, so it never restores
//    PSTATE.SS, [arm:eret-ss]);
//  - every step exit to userspace comes after exactly one completed
//    instruction (none when the run began with the step already pending),
//    and its pc is the PC after that instruction;
//  - the guest runs with PSTATE.SS and MDSCR_EL1.SS set (PSTATE.SS clear
//    when the step is pending), and with guest debug on but no SINGLESTEP
//    with MDSCR_EL1.SS clear;
//  - after every exit the guest's own PSTATE.SS and MDSCR_EL1.SS are back.
template <class D, std::size_t N>
BoolOf<D> ReqSs(const Transition<D, N>& t) {
  using namespace req_internal;
  const BoolOf<D> single = SingleStepOn<D>(t.pre);
  const Ghost<D>& pre = t.pre.ghost;
  const BoolOf<D> once = D::eq(pre.completed, D::lit(1));
  // A GUEST step completes an instruction when it retires, returns from the
  // handler, or takes the guest into its own vector (not a step exception).
  const BoolOf<D> completes =
      D::or_(D::or_(EventIs<D>(t.obs, DBGREF_EVENT_RETIRED),
                    EventIs<D>(t.obs, DBGREF_EVENT_ERET)),
             D::and_(EventIs<D>(t.obs, DBGREF_EVENT_EXCEPTION_EL1),
                     D::not_(HasClass<D>(t.obs.esr, DBGREF_EC_SOFTSTP_CUR))));
  const BoolOf<D> no_second =
      Implies<D>(And3<D>(Is<D, N>(t, kGuest), single, once),
                 D::not_(completes));
  const BoolOf<D> step_exit =
      And3<D>(Is<D, N>(t, kExit),
              D::eq(t.obs.exit_reason, D::lit(KVM_EXIT_DEBUG)),
              HasClass<D>(t.obs.hsr, DBGREF_EC_SOFTSTP_LOW));
  const BoolOf<D> count_ok = D::or_(
      once, D::and_(D::eq(pre.completed, D::lit(0)), pre.began_pending));
  const BoolOf<D> exit_ok = Implies<D>(
      D::and_(step_exit, single),
      D::and_(count_ok, Implies<D>(once, D::eq(t.obs.exit_pc, pre.next_pc))));
  const BoolOf<D> entry_ss = AnyBits<D>(t.obs.entry_mdscr_el1, DBGREF_MDSCR_SS);
  const BoolOf<D> entry_pstate_ss = AnyBits<D>(t.obs.entry_pstate, DBGREF_SPSR_SS);
  const BoolOf<D> enter = Is<D, N>(t, kEnter);
  const BoolOf<D> on_entry = D::and_(
      Implies<D>(D::and_(enter, single),
                 D::and_(entry_ss, BoolEq<D>(entry_pstate_ss,
                                             D::not_(D::or_(
                                                 t.pre.pending_step,
                                                 t.pre.increment_pc))))),
      Implies<D>(And3<D>(enter, DebugActive<D>(t.pre), D::not_(single)),
                 D::not_(entry_ss)));
  const BoolOf<D> restored = Implies<D>(
      Is<D, N>(t, kExit),
      D::and_(BoolEq<D>(t.obs.ctx_pstate_ss, t.post.ghost.pstate_ss),
              BoolEq<D>(AnyBits<D>(t.obs.ctx_mdscr_el1, DBGREF_MDSCR_SS),
                        AnyBits<D>(t.post.ghost.mdscr_el1, DBGREF_MDSCR_SS))));
  return D::and_(D::and_(no_second, exit_ok), D::and_(on_entry, restored));
}

// REQ-RESTORE: after every transition that leaves the guest out of the
// CPU (an ioctl, an EXIT) the guest context is the guest's own view: what
// it (or userspace) last wrote, never a value of the host's debugger; and
// what an EXIT shows of it says so.
template <class D, std::size_t N>
BoolOf<D> ReqRestore(const Transition<D, N>& t) {
  using namespace req_internal;
  const Ghost<D>& g = t.post.ghost;
  const BoolOf<D> out = D::or_(InPhase<D>(t.post, kPhaseUser),
                               InPhase<D>(t.post, kPhaseReenter));
  const BoolOf<D> observed = Implies<D>(
      Is<D, N>(t, kExit),
      And3<D>(D::eq(t.obs.ctx_mdscr_el1, g.mdscr_el1),
              BoolEq<D>(t.obs.ctx_pstate_ss, g.pstate_ss),
              BoolEq<D>(t.obs.ctx_oslk, g.os_locked)));
  return D::and_(Implies<D>(out, ContextIsOwn<D>(t.post.ctx, g)), observed);
}

// REQ-SHADOW: a guest MRS of a debug register, MDSCR_EL1, MDCCINT_EL1 or
// OSLSR_EL1 returns the guest's own value (what it or userspace last wrote,
// or the reset value), whether it reads the CPU's register or KVM emulates
// it, whatever the host does.
template <class D, std::size_t N>
BoolOf<D> ReqShadow(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const BoolOf<D> direct =
      And3<D>(g.runs_instruction, IsInsn<D>(g.insn, DBGREF_INSN_MRS),
              EventIs<D>(t.obs, DBGREF_EVENT_RETIRED));
  const Insn<D>& trapped = t.pre.cpu.trapped;
  const BoolOf<D> emulated = And3<D>(
      Is<D, N>(t, kExit), IsInsn<D>(trapped, DBGREF_INSN_MRS),
      D::and_(HasClass<D>(t.pre.cpu.esr_el2, DBGREF_EC_SYS64),
              D::not_(t.obs.undef)));
  return D::and_(
      Implies<D>(direct, D::eq(t.obs.read_value,
                               GhostValue<D>(t.pre.ghost, g.insn.reg,
                                             g.insn.reg_index))),
      Implies<D>(emulated, D::eq(t.obs.read_value,
                                 GhostValue<D>(t.pre.ghost, trapped.reg,
                                               trapped.reg_index))));
}

// REQ-ISOLATION: no step of a KVM_RUN changes userspace's registers; while
// the guest runs with USE_HW the hardware holds them still; and the guest
// reads no value but its own (REQ-SHADOW), so none of the host's.
template <class D, std::size_t N>
BoolOf<D> ReqIsolation(const Transition<D, N>& t) {
  using namespace req_internal;
  return ImpliesThen<D>(IsRunStep<D, N>(t), [&] {
    const BoolOf<D> in_guest = InPhase<D>(t.post, kPhaseGuest);
    return D::and_(RegsEq<D>(t.post.external, t.pre.external),
                   Implies<D>(D::and_(in_guest, UseHwOn<D>(t.pre)),
                              RegsEq<D>(t.post.cpu.dbg, t.pre.external)));
  });
}

// REQ-NOUNDEF: a guest MRS or MSR of a debug register the CPU implements,
// of MDSCR_EL1, MDCCINT_EL1, OSLAR_EL1 or OSLSR_EL1 never gets an UNDEF,
// whether it reaches the register or KVM emulates it; one of a breakpoint
// or watchpoint register the CPU does not implement always does, trapped
// or not (the architecture decides before any trap).
template <class D, std::size_t N>
BoolOf<D> ReqNoundef(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const Insn<D>& i = g.insn;
  const BoolOf<D> access = D::and_(
      g.runs_instruction,
      D::or_(IsInsn<D>(i, DBGREF_INSN_MRS), IsInsn<D>(i, DBGREF_INSN_MSR)));
  const BoolOf<D> allocated = And3<D>(
      D::ult(i.reg, D::lit(DBGREF_REG_KIND_COUNT)),
      Implies<D>(IsInsn<D>(i, DBGREF_INSN_MRS),
                 D::not_(IsKind<D>(i.reg, DBGREF_REG_OSLAR))),
      Implies<D>(IsInsn<D>(i, DBGREF_INSN_MSR),
                 D::not_(IsKind<D>(i.reg, DBGREF_REG_OSLSR))));
  const BoolOf<D> implemented = D::and_(
      allocated,
      RegisterImplemented<D>(t.host.id_aa64dfr0_el1, i.reg, i.reg_index));
  const BoolOf<D> ran = D::not_(
      D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_SOFTSTP_LOW),
             D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_SOFTSTP_CUR),
                    D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_LOW),
                           ExceptionOfClass<D>(t.obs,
                                               DBGREF_EC_BREAKPT_CUR)))));
  const BoolOf<D> undef = ExceptionOfClass<D>(t.obs, DBGREF_EC_UNKNOWN);
  const BoolOf<D> emulated =
      D::and_(Is<D, N>(t, kExit), HasClass<D>(t.pre.cpu.esr_el2, DBGREF_EC_SYS64));
  return D::and_(
      Implies<D>(D::and_(access, ran), D::ite(implemented, D::not_(undef), undef)),
      Implies<D>(emulated,
                 D::and_(D::not_(t.obs.undef),
                         D::eq(t.obs.exit_reason, D::lit(0)))));
}

// REQ-EXIT: an EXIT goes to userspace with KVM_EXIT_DEBUG exactly when the
// guest took a breakpoint, software step, watchpoint or BRK exception to
// EL2, with hsr its syndrome, far its address for a watchpoint (0
// otherwise) and the vCPU's PC its preferred return address; with guest
// debug off no such exception reaches EL2.
template <class D, std::size_t N>
BoolOf<D> ReqExit(const Transition<D, N>& t) {
  using namespace req_internal;
  const Cpu<D>& cpu = t.pre.cpu;
  // The four classes, stated here again so that the requirement does not
  // depend on the rule it judges (IsDebugClassToEl2 in arch/syndrome.h).
  const BoolOf<D> debug_class = D::and_(
      D::not_(Interrupted<D>(cpu)),
      D::or_(D::or_(HasClass<D>(cpu.esr_el2, DBGREF_EC_BREAKPT_LOW),
                    HasClass<D>(cpu.esr_el2, DBGREF_EC_SOFTSTP_LOW)),
             D::or_(HasClass<D>(cpu.esr_el2, DBGREF_EC_WATCHPT_LOW),
                    HasClass<D>(cpu.esr_el2, DBGREF_EC_BRK64))));
  const BoolOf<D> watch = HasClass<D>(cpu.esr_el2, DBGREF_EC_WATCHPT_LOW);
  const BoolOf<D> exit = Is<D, N>(t, kExit);
  const BoolOf<D> debug_exit =
      D::eq(t.obs.exit_reason, D::lit(KVM_EXIT_DEBUG));
  const BoolOf<D> reported = And3<D>(
      D::eq(t.obs.hsr, cpu.esr_el2),
      D::eq(t.obs.exit_far, D::ite(watch, cpu.far_el2, D::lit(0))),
      D::eq(t.obs.exit_pc, cpu.pc));
  const BoolOf<D> debug_to_el2 = D::and_(
      Is<D, N>(t, kGuest),
      D::and_(EventIs<D>(t.obs, DBGREF_EVENT_TO_EL2),
              IsDebugClassToEl2<D>(t.obs.esr)));
  return D::and_(
      Implies<D>(exit, D::and_(BoolEq<D>(debug_exit, debug_class),
                               Implies<D>(debug_exit, reported))),
      Implies<D>(D::not_(DebugActive<D>(t.pre)), D::not_(debug_to_el2)));
}

// REQ-OFF: with guest debug off the guest runs with its own MDSCR_EL1
// (masked as its OS lock says, REQ-OSLOCK) and PSTATE (its SS as the
// exception return into the guest leaves it, [arm:eret-ss]), and lazy switching
// works as before the series: trap while DIRTY is clear or the OS lock is
// set, load the guest's registers when DIRTY or when the guest enabled
// debug (KDE or MDE) itself, the host's otherwise.
template <class D, std::size_t N>
BoolOf<D> ReqOff(const Transition<D, N>& t) {
  using namespace req_internal;
  const BoolOf<D> off =
      D::and_(Is<D, N>(t, kEnter), D::not_(DebugActive<D>(t.pre)));
  return ImpliesThen<D>(off, [&] {
    const GuestContext<D>& c = t.pre.ctx;
    const BoolOf<D> locked = c.os_locked;
    const WordOf<D> own = D::ite(
        locked,
        D::band(c.mdscr_el1, D::lit(~(DBGREF_MDSCR_MDE | DBGREF_MDSCR_SS))),
        c.mdscr_el1);
    const BoolOf<D> loaded = D::or_(
        t.pre.dirty, AnyBits<D>(own, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE));
    const WordOf<D> pstate = ExceptionReturnPstate<D>(
        D::ite(t.pre.increment_pc, D::band(c.pstate, D::lit(~DBGREF_SPSR_SS)),
               c.pstate),
        own, t.obs.entry_mdcr_el2, D::lit_bool(false), D::lit_bool(false));
    BoolOf<D> ok = D::eq(t.obs.entry_mdscr_el1, own);
    ok = D::and_(ok, D::eq(t.obs.entry_pstate,
                           D::band(pstate, D::lit(DBGREF_SPSR_SS |
                                                  DBGREF_PSTATE_D))));
    ok = D::and_(ok, BoolEq<D>(EntryHas<D>(t.obs, DBGREF_MDCR_TDA),
                               D::or_(D::not_(t.pre.dirty), locked)));
    return D::and_(
        ok, RegsEq<D>(t.obs.entry_hw,
                      ImplementedOnly<D>(t.host.id_aa64dfr0_el1,
                                         Select<D>(loaded, c.dbg,
                                                   t.host.host_regs))));
  });
}

// REQ-OSLOCK: while the guest's OS lock is set (and userspace does not
// debug it), none of the guest's own breakpoint, watchpoint or software
// step events is generated; BRK still is (REQ-BRK), and userspace's
// breakpoints and watchpoints are not the guest's, so the lock does not
// stop them (REQ-HW-BREAK, REQ-HW-WATCH hold whatever the lock says).
template <class D, std::size_t N>
BoolOf<D> ReqOsLock(const Transition<D, N>& t) {
  using namespace req_internal;
  const GuestFacts<D> g = FactsOf<D, N>(t);
  const BoolOf<D> locked = And3<D>(g.runs_instruction, t.pre.ghost.os_locked,
                                   D::not_(DebugActive<D>(t.pre)));
  const BoolOf<D> own_event =
      D::or_(D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_CUR),
                    ExceptionOfClass<D>(t.obs, DBGREF_EC_WATCHPT_CUR)),
             D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_SOFTSTP_CUR),
                    D::or_(ExceptionOfClass<D>(t.obs, DBGREF_EC_BREAKPT_LOW),
                           D::or_(ExceptionOfClass<D>(t.obs,
                                                      DBGREF_EC_WATCHPT_LOW),
                                  ExceptionOfClass<D>(t.obs,
                                                      DBGREF_EC_SOFTSTP_LOW)))));
  return Implies<D>(locked, D::not_(own_event));
}

// The registry: every requirement of model/requirement_list.h, each the
// predicate named there.

// All of them at once.
template <class D, std::size_t N>
BoolOf<D> AllRequirements(const Transition<D, N>& t) {
  BoolOf<D> all = D::lit_bool(true);
#define DBGREF_REQUIREMENT_CONJUNCT(predicate, id, title) \
  all = D::and_(all, predicate<D, N>(t));
  DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_CONJUNCT)
#undef DBGREF_REQUIREMENT_CONJUNCT
  return all;
}

// Requirement r's predicate on t, for a concrete domain (r is a C++ value).
template <class D, std::size_t N>
BoolOf<D> RequirementHolds(Requirement r, const Transition<D, N>& t) {
  switch (r) {
#define DBGREF_REQUIREMENT_CASE(predicate, id, title) \
  case k##predicate:                                 \
    return predicate<D, N>(t);
    DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_CASE)
#undef DBGREF_REQUIREMENT_CASE
    case kRequirementCount:
      break;
  }
  return D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_REQUIREMENTS_H_
