// The inputs of one operation, as domain values: an ioctl, or one KVM_RUN
// iteration with the guest action it performs. Mirrors struct dbgref_op and
// struct dbgref_action of model/record.h.
#ifndef DBGREF_MODEL_OP_H_
#define DBGREF_MODEL_OP_H_

#include "model/debug_regs.h"
#include "model/domain.h"
#include "model/record.h"

namespace dbgref::model {

template <class D>
struct Action {
  WordOf<D> kind;  // enum dbgref_action_kind
  // ACCESS
  WordOf<D> reg_kind;  // enum dbgref_reg_kind
  WordOf<D> index;     // bank entry, taken mod 16
  BoolOf<D> is_write;
  WordOf<D> value;  // the value a write stores
  // EXCEPTION
  WordOf<D> esr;
  WordOf<D> pc;
  WordOf<D> far;
};

template <class D>
struct Op {
  WordOf<D> kind;     // enum dbgref_op_kind
  WordOf<D> cap;      // CHECK_EXTENSION: enum dbgref_cap
  WordOf<D> control;  // SET_GUEST_DEBUG: kvm_guest_debug.control
  DebugRegs<D> arch;  // SET_GUEST_DEBUG: kvm_guest_debug.arch
  Action<D> action;   // RUN
};

template <class D>
BoolOf<D> IsAccess(const Action<D>& a) {
  return D::eq(a.kind, D::lit(DBGREF_ACTION_ACCESS));
}

template <class D>
BoolOf<D> IsException(const Action<D>& a) {
  return D::eq(a.kind, D::lit(DBGREF_ACTION_EXCEPTION));
}

template <class D>
BoolOf<D> IsRead(const Action<D>& a) {
  return D::and_(IsAccess<D>(a), D::not_(a.is_write));
}

template <class D>
BoolOf<D> IsWrite(const Action<D>& a) {
  return D::and_(IsAccess<D>(a), a.is_write);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_OP_H_
