// The guest's one action of a KVM_RUN iteration, as domain values: an
// MRS/MSR of a debug register, or an exception the guest raises. Mirrors
// struct dbgref_action of model/record.h.
#ifndef DBGREF_MODEL_ARCH_ACTION_H_
#define DBGREF_MODEL_ARCH_ACTION_H_

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

#endif  // DBGREF_MODEL_ARCH_ACTION_H_
