// The requirements of spec/requirements.md as predicates over one
// transition (host, pre-state, operation, post-state, observation, run
// trace, ghost state), generic over the domain so that the proofs and the
// properties judge the same statement. Each is named after its ID and holds
// vacuously for operations it does not speak about.
//
// The predicates assume the pre-state satisfies Invariant (model/invariant.h);
// the proofs discharge that by induction.
#ifndef DBGREF_MODEL_REQUIREMENTS_H_
#define DBGREF_MODEL_REQUIREMENTS_H_

#include <cstdint>

#include "model/arch/registers.h"
#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/arch/exception.h"
#include "model/requirement_list.h"
#include "model/host.h"
#include "model/op.h"
#include "model/record.h"
#include "model/state.h"
#include "model/step.h"
#include "model/uapi.h"

namespace dbgref::model {
namespace req_internal {

template <class D>
BoolOf<D> Enable(const Op<D>& op) {
  return AnyBits<D>(op.control, KVM_GUESTDBG_ENABLE);
}

template <class D>
BoolOf<D> BadBits(const Op<D>& op) {
  return AnyBits<D>(op.control, ~uint64_t{KVM_GUESTDBG_VALID_MASK});
}

template <class D>
BoolOf<D> EntryHas(const Transition<D>& t, uint64_t mdcr_bits) {
  return D::eq(D::band(t.obs.entry_mdcr_el2, D::lit(mdcr_bits)),
               D::lit(mdcr_bits));
}

}  // namespace req_internal

// REQ-IOCTL-VALID: ENABLE with a bit outside KVM_GUESTDBG_VALID_MASK returns
// -EINVAL and changes nothing; any other call returns 0, and with ENABLE
// stores the control word.
template <class D>
BoolOf<D> ReqIoctlValid(const Transition<D>& t) {
  using namespace req_internal;
  const BoolOf<D> is_set = IsOp<D>(t.op, DBGREF_OP_SET_GUEST_DEBUG);
  const BoolOf<D> refused = D::and_(Enable<D>(t.op), BadBits<D>(t.op));
  const BoolOf<D> einval = D::and_(
      D::eq(t.obs.ret, D::lit(static_cast<uint64_t>(-int64_t{DBGREF_EINVAL}))),
      StateEq<D>(t.post, t.pre));
  const BoolOf<D> accepted = D::eq(t.obs.ret, D::lit(0));
  const BoolOf<D> stored =
      Implies<D>(Enable<D>(t.op), D::eq(t.post.control, t.op.control));
  return Implies<D>(is_set, D::ite(refused, einval, D::and_(accepted, stored)));
}

// REQ-IOCTL-DISABLE: without ENABLE, guest debug is off afterwards.
template <class D>
BoolOf<D> ReqIoctlDisable(const Transition<D>& t) {
  using namespace req_internal;
  return Implies<D>(
      D::and_(IsOp<D>(t.op, DBGREF_OP_SET_GUEST_DEBUG),
              D::not_(Enable<D>(t.op))),
      D::and_(D::eq(t.post.control, D::lit(0)), D::eq(t.obs.ret, D::lit(0))));
}

// REQ-IOCTL-HWREGS: ENABLE|USE_HW, accepted, records all of userspace's
// registers; REQ-HW-PROGRAM makes the next entry use them.
template <class D>
BoolOf<D> ReqIoctlHwregs(const Transition<D>& t) {
  using namespace req_internal;
  const BoolOf<D> taken =
      And3<D>(IsOp<D>(t.op, DBGREF_OP_SET_GUEST_DEBUG),
              D::and_(Enable<D>(t.op), D::not_(BadBits<D>(t.op))),
              AnyBits<D>(t.op.control, KVM_GUESTDBG_USE_HW));
  return Implies<D>(taken, D::and_(RegsEq<D>(t.post.external, t.op.arch),
                                   UseHwOn<D>(t.post)));
}

// REQ-CAP: HW_BPS and HW_WPS report BRPs+1 and WRPs+1 (1..16), anything
// else 0; the state does not change.
template <class D>
BoolOf<D> ReqCap(const Transition<D>& t) {
  const BoolOf<D> bps = D::eq(t.op.cap, D::lit(DBGREF_CAP_HW_BPS));
  const BoolOf<D> wps = D::eq(t.op.cap, D::lit(DBGREF_CAP_HW_WPS));
  const WordOf<D> expected =
      D::ite(bps, D::add(BrpsField<D>(t.host.id_aa64dfr0_el1), D::lit(1)),
             D::ite(wps, D::add(WrpsField<D>(t.host.id_aa64dfr0_el1), D::lit(1)), D::lit(0)));
  const BoolOf<D> in_range =
      D::and_(D::ule(D::lit(1), t.obs.ret), D::ule(t.obs.ret, D::lit(16)));
  return Implies<D>(IsOp<D>(t.op, DBGREF_OP_CHECK_EXTENSION),
                    And3<D>(D::eq(t.obs.ret, expected),
                            Implies<D>(D::or_(bps, wps), in_range),
                            StateEq<D>(t.post, t.pre)));
}

// REQ-TRAP-TDA: while guest debug is on (control != 0) every entry traps
// the guest's debug register accesses: TDA is in effect (set, or implied
// by TDE); and with USE_HW the TDA bit itself is set.
template <class D>
BoolOf<D> ReqTrapTda(const Transition<D>& t) {
  using namespace req_internal;
  const BoolOf<D> run = IsOp<D>(t.op, DBGREF_OP_RUN);
  const BoolOf<D> effective =
      D::or_(EntryHas<D>(t, DBGREF_MDCR_TDA), EntryHas<D>(t, DBGREF_MDCR_TDE));
  return D::and_(Implies<D>(D::and_(run, DebugActive<D>(t.pre)), effective),
                 Implies<D>(D::and_(run, UseHwOn<D>(t.pre)),
                            EntryHas<D>(t, DBGREF_MDCR_TDA)));
}

// REQ-TRAP-TDE: TDE on entry exactly when guest debug is on; TPM, TPMCR,
// TDRA and TDOSA always.
template <class D>
BoolOf<D> ReqTrapTde(const Transition<D>& t) {
  return Implies<D>(
      IsOp<D>(t.op, DBGREF_OP_RUN),
      D::and_(BoolEq<D>(req_internal::EntryHas<D>(t, DBGREF_MDCR_TDE),
                        DebugActive<D>(t.pre)),
              req_internal::EntryHas<D>(t, DBGREF_MDCR_ALWAYS_BITS)));
}

// REQ-HW-PROGRAM: with USE_HW, while the guest runs, breakpoints 0..nb-1
// and watchpoints 0..nw-1 hold userspace's values and MDSCR_EL1.MDE enables
// them.
template <class D>
BoolOf<D> ReqHwProgram(const Transition<D>& t) {
  const WordOf<D> brps = BrpsField<D>(t.host.id_aa64dfr0_el1);
  const WordOf<D> wrps = WrpsField<D>(t.host.id_aa64dfr0_el1);
  const DebugRegs<D>& hw = t.obs.entry_hw;
  const DebugRegs<D>& want = t.pre.external;
  BoolOf<D> ok = AnyBits<D>(t.obs.entry_mdscr_el1, DBGREF_MDSCR_MDE);
  for (std::size_t n = 0; n < kBankSize; ++n) {
    ok = D::and_(ok, Implies<D>(D::ule(D::lit(n), brps),
                                D::and_(D::eq(hw.bcr[n], want.bcr[n]),
                                        D::eq(hw.bvr[n], want.bvr[n]))));
    ok = D::and_(ok, Implies<D>(D::ule(D::lit(n), wrps),
                                D::and_(D::eq(hw.wcr[n], want.wcr[n]),
                                        D::eq(hw.wvr[n], want.wvr[n]))));
  }
  return Implies<D>(D::and_(IsOp<D>(t.op, DBGREF_OP_RUN), UseHwOn<D>(t.pre)),
                    ok);
}

// REQ-RESTORE: after every operation (for RUN: once clear_debug and the exit
// handling are done) the guest context is the guest's own view: what it last
// wrote, never a value of the host's debugger.
template <class D>
BoolOf<D> ReqRestore(const Transition<D>& t) {
  const BoolOf<D> observed = Implies<D>(
      IsOp<D>(t.op, DBGREF_OP_RUN),
      D::and_(D::eq(t.obs.ctx_mdscr_el1, t.post.ghost.mdscr_el1),
              BoolEq<D>(t.obs.ctx_pstate_ss, t.post.ghost.pstate_ss)));
  return D::and_(ContextEq<D>(t.post.ctx, t.post.ghost), observed);
}

// REQ-SHADOW: a guest read returns what the guest last wrote to that
// register (or its reset value), trapped or not, whatever the host does.
template <class D>
BoolOf<D> ReqShadow(const Transition<D>& t) {
  const Action<D>& a = t.op.action;
  return Implies<D>(
      D::and_(IsOp<D>(t.op, DBGREF_OP_RUN), IsRead<D>(a)),
      D::eq(t.obs.read_value, ReadReg<D>(t.pre.ghost, a.reg_kind, a.index)));
}

// REQ-ISOLATION: the guest cannot change userspace's registers, nor the
// hardware breakpoints while USE_HW is on, and whenever it can touch the
// hardware directly the hardware holds its own values, not the host's.
template <class D>
BoolOf<D> ReqIsolation(const Transition<D>& t) {
  const BoolOf<D> run = IsOp<D>(t.op, DBGREF_OP_RUN);
  const BoolOf<D> untrapped =
      D::and_(IsAccess<D>(t.op.action), D::not_(t.obs.trapped));
  return Implies<D>(
      run,
      And3<D>(RegsEq<D>(t.post.external, t.pre.external),
              Implies<D>(UseHwOn<D>(t.pre),
                         RegsEq<D>(t.cpu.exit_cpu.regs.regs, t.pre.external)),
              Implies<D>(untrapped, RegsEq<D>(t.obs.entry_hw,
                                              ImplementedOnly<D>(
                                                  t.host.id_aa64dfr0_el1, t.pre.ghost.regs)))));
}

// REQ-NOUNDEF: no guest access to these registers ever gets an UNDEF; a
// trapped one is emulated and the guest resumes.
template <class D>
BoolOf<D> ReqNoundef(const Transition<D>& t) {
  return Implies<D>(
      IsOp<D>(t.op, DBGREF_OP_RUN),
      D::and_(D::not_(t.obs.undef),
              Implies<D>(t.obs.trapped, D::eq(t.obs.exit_reason, D::lit(0)))));
}

// REQ-EXIT: with guest debug on, the five debug classes exit to userspace
// with hsr = ESR, the guest PC, and FAR for a watchpoint (0 otherwise);
// every other exit, and every exception while guest debug is off, resumes.
template <class D>
BoolOf<D> ReqExit(const Transition<D>& t) {
  const Action<D>& a = t.op.action;
  const WordOf<D> ec = ExceptionClass<D>(a.esr);
  // The five classes, stated here again so that the requirement does not
  // depend on the rule it judges (IsDebugClass in model/arch/exception.h).
  auto is = [&](uint64_t c) { return D::eq(ec, D::lit(c)); };
  const BoolOf<D> debug_class =
      D::or_(D::or_(is(DBGREF_EC_SOFTSTP_LOW), is(DBGREF_EC_BREAKPT_LOW)),
             D::or_(is(DBGREF_EC_WATCHPT_LOW),
                    D::or_(is(DBGREF_EC_BKPT32), is(DBGREF_EC_BRK64))));
  const BoolOf<D> debug_exit =
      And3<D>(IsException<D>(a), debug_class, DebugActive<D>(t.pre));
  const BoolOf<D> watch = D::eq(ec, D::lit(DBGREF_EC_WATCHPT_LOW));
  const BoolOf<D> reported =
      And3<D>(D::eq(t.obs.exit_reason, D::lit(KVM_EXIT_DEBUG)),
              D::and_(D::eq(t.obs.hsr, a.esr), D::eq(t.obs.pc, a.pc)),
              D::eq(t.obs.far, D::ite(watch, a.far, D::lit(0))));
  const BoolOf<D> resumed = D::eq(t.obs.exit_reason, D::lit(0));
  return Implies<D>(IsOp<D>(t.op, DBGREF_OP_RUN),
                    D::ite(debug_exit, reported, resumed));
}

// REQ-SS: with SINGLESTEP, PSTATE.SS and MDSCR_EL1.SS are set while the
// guest runs; with guest debug on but no SINGLESTEP, MDSCR_EL1.SS is clear;
// after the iteration the guest's own SS bits are back.
template <class D>
BoolOf<D> ReqSs(const Transition<D>& t) {
  const BoolOf<D> entry_ss = AnyBits<D>(t.obs.entry_mdscr_el1, DBGREF_MDSCR_SS);
  const BoolOf<D> stepping = SingleStepOn<D>(t.pre);
  const BoolOf<D> on_entry =
      D::and_(Implies<D>(stepping, D::and_(t.obs.entry_pstate_ss, entry_ss)),
              Implies<D>(D::and_(DebugActive<D>(t.pre), D::not_(stepping)),
                         D::not_(entry_ss)));
  const BoolOf<D> restored =
      D::and_(BoolEq<D>(t.obs.ctx_pstate_ss, t.post.ghost.pstate_ss),
              BoolEq<D>(AnyBits<D>(t.obs.ctx_mdscr_el1, DBGREF_MDSCR_SS),
                        AnyBits<D>(t.post.ghost.mdscr_el1, DBGREF_MDSCR_SS)));
  return Implies<D>(IsOp<D>(t.op, DBGREF_OP_RUN), D::and_(on_entry, restored));
}

// REQ-OFF: with guest debug off the guest runs with its own MDSCR_EL1 and
// PSTATE.SS, and lazy switching works as before the series: trap while
// DIRTY is clear, load the guest's registers when DIRTY or when the guest
// enabled debug (KDE/MDE) itself, the host's otherwise, and a trapped write
// sets DIRTY.
template <class D>
BoolOf<D> ReqOff(const Transition<D>& t) {
  const BoolOf<D> off =
      D::and_(IsOp<D>(t.op, DBGREF_OP_RUN), D::not_(DebugActive<D>(t.pre)));
  const BoolOf<D> loaded = D::or_(
      t.pre.dirty,
      AnyBits<D>(t.pre.ctx.mdscr_el1, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE));
  const BoolOf<D> trapped_write = D::and_(t.obs.trapped, t.op.action.is_write);
  BoolOf<D> ok = D::eq(t.obs.entry_mdscr_el1, t.pre.ctx.mdscr_el1);
  ok = D::and_(ok, BoolEq<D>(t.obs.entry_pstate_ss, t.pre.ctx.pstate_ss));
  ok = D::and_(ok, BoolEq<D>(req_internal::EntryHas<D>(t, DBGREF_MDCR_TDA),
                             D::not_(t.pre.dirty)));
  ok = D::and_(
      ok, RegsEq<D>(t.obs.entry_hw,
                    ImplementedOnly<D>(t.host.id_aa64dfr0_el1, Select<D>(loaded, t.pre.ctx.regs,
                                                         t.host.host_regs))));
  ok = D::and_(ok, BoolEq<D>(t.post.dirty, trapped_write));
  return Implies<D>(off, ok);
}

// The registry: every requirement of model/requirement_list.h, each the
// predicate named there.

// All of them at once.
template <class D>
BoolOf<D> AllRequirements(const Transition<D>& t) {
  BoolOf<D> all = D::lit_bool(true);
#define DBGREF_REQUIREMENT_CONJUNCT(predicate, id, title) \
  all = D::and_(all, predicate<D>(t));
  DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_CONJUNCT)
#undef DBGREF_REQUIREMENT_CONJUNCT
  return all;
}

// Requirement r's predicate on t, for a concrete domain (r is a C++ value).
template <class D>
BoolOf<D> RequirementHolds(Requirement r, const Transition<D>& t) {
  switch (r) {
#define DBGREF_REQUIREMENT_CASE(predicate, id, title) \
  case k##predicate:                                 \
    return predicate<D>(t);
    DBGREF_REQUIREMENTS(DBGREF_REQUIREMENT_CASE)
#undef DBGREF_REQUIREMENT_CASE
    case kRequirementCount:
      break;
  }
  return D::lit_bool(false);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_REQUIREMENTS_H_
