// The inputs of one operation, as domain values: an ioctl, or one KVM_RUN
// iteration with the guest action it performs (model/arch/action.h).
// Mirrors struct dbgref_op of model/record.h.
#ifndef DBGREF_MODEL_OP_H_
#define DBGREF_MODEL_OP_H_

#include "model/arch/action.h"
#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record.h"

namespace dbgref::model {

template <class D>
struct Op {
  WordOf<D> kind;     // enum dbgref_op_kind
  WordOf<D> cap;      // CHECK_EXTENSION: enum dbgref_cap
  WordOf<D> control;  // SET_GUEST_DEBUG: kvm_guest_debug.control
  DebugRegs<D> arch;  // SET_GUEST_DEBUG: kvm_guest_debug.arch
  Action<D> action;   // RUN
};

template <class D>
Op<D> ZeroOp() {
  const WordOf<D> z = D::lit(0);
  return Op<D>{z, z, z, ZeroRegs<D>(),
               Action<D>{z, z, z, D::lit_bool(false), z, z, z, z}};
}

// The field walker (see model/arch/debug_regs.h).
template <class F, class... O>
void WalkOp(F& f, const FieldName& prefix, O&... op) {
  f.Word(FieldName(prefix, "kind"), op.kind...);
  f.Word(FieldName(prefix, "cap"), op.cap...);
  f.Word(FieldName(prefix, "control"), op.control...);
  WalkRegs(f, FieldName(prefix, "arch."), op.arch...);
  const FieldName action(prefix, "action.");
  f.Word(FieldName(action, "kind"), op.action.kind...);
  f.Word(FieldName(action, "reg_kind"), op.action.reg_kind...);
  f.Word(FieldName(action, "index"), op.action.index...);
  f.Bool(FieldName(action, "is_write"), op.action.is_write...);
  f.Word(FieldName(action, "value"), op.action.value...);
  f.Word(FieldName(action, "esr"), op.action.esr...);
  f.Word(FieldName(action, "pc"), op.action.pc...);
  f.Word(FieldName(action, "far"), op.action.far...);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_OP_H_
