// What the guest sees and what it can do: its own register values back after
// every iteration (REQ-RESTORE), its reads (REQ-SHADOW), its reach
// (REQ-ISOLATION, REQ-NOUNDEF), the exits it causes (REQ-EXIT), and guest
// debug off (REQ-OFF). Each is the model's predicate (model/requirements.h)
// on one operation of any kind from any state satisfying the invariant;
// REQ-SHADOW also has the lemma that gives the ghost state its meaning.
#ifndef DBGREF_PROOFS_STATEMENTS_GUEST_H_
#define DBGREF_PROOFS_STATEMENTS_GUEST_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/arch/registers.h"
#include "model/arch/execute.h"
#include "model/op.h"
#include "model/requirements.h"
#include "model/state.h"
#include "model/uapi.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// An iteration while the host borrows the guest's MDSCR_EL1 and PSTATE.SS.
struct Restore : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsRun<D>(Last(p).op), model::SingleStepOn<D>(p.start));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqRestore<D>(Last(p));
  }
};

// A read while the hardware holds userspace's breakpoints.
struct Shadow : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::IsRead<D>(Last(p).op.action),
                   D::and_(IsRun<D>(Last(p).op), model::UseHwOn<D>(p.start)));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqShadow<D>(Last(p));
  }
};

// The ghost state means what the spec says: after any operation, every
// register of the guest's intended view holds the value of the guest's write
// to it in that operation if there was one, and its old value otherwise.
// With req_shadow, by induction over any number of operations, a guest read
// returns the value the guest last wrote to that register.
struct GhostIsLastWrite : OneStep {
  // A guest write while USE_HW is on.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(IsRun<D>(Last(p).op), model::UseHwOn<D>(p.start),
                   model::IsWrite<D>(Last(p).op.action));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    const model::Transition<D>& t = Last(p);
    const model::Action<D>& a = t.op.action;
    const model::BoolOf<D> write =
        D::and_(IsRun<D>(t.op), model::IsWrite<D>(a));
    model::BoolOf<D> ok =
        model::BoolEq<D>(t.post.ghost.pstate_ss, t.pre.ghost.pstate_ss);
    for (uint64_t kind = 0; kind < DBGREF_REG_KIND_COUNT; ++kind) {
      const uint64_t entries = kind < DBGREF_REG_MDSCR ? model::kBankSize : 1;
      for (uint64_t index = 0; index < entries; ++index) {
        const model::WordOf<D> k = D::lit(kind);
        const model::WordOf<D> i = D::lit(index);
        const model::BoolOf<D> hit =
            And3<D>(write, D::eq(a.reg_kind, k), D::eq(a.index, i));
        ok = D::and_(ok, D::eq(model::ReadReg<D>(t.post.ghost, k, i),
                               D::ite(hit, a.value,
                                      model::ReadReg<D>(t.pre.ghost, k, i))));
      }
    }
    return ok;
  }
};

template <class D>
model::BoolOf<D> SameRegister(const model::Action<D>& a,
                              const model::Action<D>& b) {
  return D::and_(D::eq(a.reg_kind, b.reg_kind), D::eq(a.index, b.index));
}

// The guest writes a register, then userspace calls KVM_SET_GUEST_DEBUG
// with any control word and registers (turning guest debug and USE_HW on or
// off), then the guest reads the register back: it reads what it wrote.
// Stated without the ghost state. KVM_CHECK_EXTENSION changes no state
// (req_cap), and ghost_is_last_write with req_shadow cover any number of
// operations in between.
struct ReadAfterWrite {
  template <class D>
  static model::BoolOf<D> Assume(const Path<D>& p) {
    const model::Action<D>& write = p.steps[0].op.action;
    const model::Op<D>& between = p.steps[1].op;
    const model::Action<D>& read = p.steps[2].op.action;
    return And3<D>(
        D::and_(model::IsWrite<D>(write), model::IsRead<D>(read)),
        SameRegister<D>(write, read),
        D::not_(And3<D>(IsRun<D>(between), model::IsWrite<D>(between.action),
                        SameRegister<D>(write, between.action))));
  }
  // The host turns USE_HW on between the write and the read.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsSet<D>(p.steps[1].op), AcceptsUseHw<D>(p.steps[1].op));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return D::eq(p.steps[2].obs.read_value, p.steps[0].op.action.value);
  }
};

// A guest write while USE_HW is on.
struct Isolation : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(IsRun<D>(Last(p).op), model::UseHwOn<D>(p.start),
                   model::IsWrite<D>(Last(p).op.action));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqIsolation<D>(Last(p));
  }
};

// An access to MDSCR_EL1 while USE_HW is on.
struct NoUndef : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Action<D>& a = Last(p).op.action;
    return And3<D>(D::and_(IsRun<D>(Last(p).op), model::UseHwOn<D>(p.start)),
                   model::IsAccess<D>(a),
                   D::eq(a.reg_kind, D::lit(DBGREF_REG_MDSCR)));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqNoundef<D>(Last(p));
  }
};

// A watchpoint while guest debug is on.
struct Exit : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    const model::Action<D>& a = Last(p).op.action;
    return And3<D>(
        D::and_(IsRun<D>(Last(p).op), model::DebugActive<D>(p.start)),
        model::IsException<D>(a),
        D::eq(model::ExceptionClass<D>(a.esr), D::lit(DBGREF_EC_WATCHPT_LOW)));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqExit<D>(Last(p));
  }
};

// A guest write with guest debug off and DIRTY set.
struct Off : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(
        D::and_(IsRun<D>(Last(p).op), D::not_(model::DebugActive<D>(p.start))),
        p.start.dirty, model::IsWrite<D>(Last(p).op.action));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqOff<D>(Last(p));
  }
};

inline void AddGuestObligations(std::vector<Definition>& out) {
  out.push_back(Define<Restore>(
      "req_restore", "REQ-RESTORE",
      "after every operation the guest context holds the guest's own debug "
      "registers, MDSCR_EL1 and PSTATE.SS, never the host's",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<Shadow>(
      "req_shadow", "REQ-SHADOW",
      "a guest read returns what the guest last wrote to that register, "
      "trapped or not, whatever the host does",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<GhostIsLastWrite>(
      "ghost_is_last_write", "REQ-SHADOW",
      "the guest's intended view (ghost state) changes only by the guest's "
      "own writes, each register to the value last written to it",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<ReadAfterWrite>(
      "req_shadow_read_after_write", "REQ-SHADOW",
      "a value the guest writes is what it reads back, whatever "
      "KVM_SET_GUEST_DEBUG userspace makes in between",
      MethodKind::kFromInvariant, {kRunOp, kSetGuestDebugOp, kRunOp}));
  out.push_back(Define<Isolation>(
      "req_isolation", "REQ-ISOLATION",
      "no guest action changes userspace's registers or, with USE_HW, the "
      "hardware breakpoints; a direct access finds the guest's own values",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<NoUndef>(
      "req_noundef", "REQ-NOUNDEF",
      "every trapped access to a debug register, MDSCR_EL1 or MDCCINT_EL1 "
      "is emulated; the guest never gets an UNDEF for it",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<Exit>(
      "req_exit", "REQ-EXIT",
      "with guest debug on the five debug classes exit with KVM_EXIT_DEBUG, "
      "hsr, pc and, for a watchpoint, far; every other exit resumes",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<Off>(
      "req_off", "REQ-OFF",
      "with guest debug off the guest runs with its own MDSCR_EL1 and "
      "PSTATE.SS and lazy switching works as before the series",
      MethodKind::kFromInvariant, {kAnyOp}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_GUEST_H_
