// The input of one transition of the model, as domain values: an ioctl of
// userspace (its kind and arguments, as in struct dbgref_op of
// model/record.h), or one of the steps a KVM_RUN is made of (model/run.h).
#ifndef DBGREF_MODEL_OP_H_
#define DBGREF_MODEL_OP_H_

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record.h"

namespace dbgref::model {

// The kinds of transition: the ioctls keep their enum dbgref_op_kind
// numbers; DBGREF_OP_RUN is the sequence ENTER, GUEST..., EXIT, ...
enum TransitionKind : uint64_t {
  kSetGuestDebug = DBGREF_OP_SET_GUEST_DEBUG,
  kCheckExtension = DBGREF_OP_CHECK_EXTENSION,
  kGetOneReg = DBGREF_OP_GET_ONE_REG,
  kSetOneReg = DBGREF_OP_SET_ONE_REG,
  kVcpuInit = DBGREF_OP_VCPU_INIT,
  kEnter = 6,
  kGuest = 7,
  kExit = 8,
};
inline constexpr uint64_t kTransitionKinds[] = {
    kSetGuestDebug, kCheckExtension, kGetOneReg, kSetOneReg,
    kVcpuInit,      kEnter,          kGuest,     kExit};

template <class D>
struct Op {
  WordOf<D> kind;       // enum TransitionKind
  WordOf<D> cap;        // CHECK_EXTENSION: enum dbgref_cap
  WordOf<D> control;    // SET_GUEST_DEBUG: kvm_guest_debug.control
  DebugRegs<D> arch;    // SET_GUEST_DEBUG: kvm_guest_debug.arch
  WordOf<D> reg;        // GET/SET_ONE_REG: enum dbgref_one_reg
  WordOf<D> reg_index;  // GET/SET_ONE_REG: bank entry
  WordOf<D> value;      // SET_ONE_REG
};

template <class D>
Op<D> OpOfKind(uint64_t kind) {
  const WordOf<D> z = D::lit(0);
  return Op<D>{D::lit(kind), z, z, ZeroRegs<D>(), z, z, z};
}

template <class D>
BoolOf<D> IsOp(const Op<D>& op, uint64_t kind) {
  return D::eq(op.kind, D::lit(kind));
}

// The field walker (see model/arch/debug_regs.h).
template <class F, class... O>
void WalkOp(F& f, const FieldName& prefix, O&... op) {
  f.Word(FieldName(prefix, "kind"), op.kind...);
  f.Word(FieldName(prefix, "cap"), op.cap...);
  f.Word(FieldName(prefix, "control"), op.control...);
  WalkRegs(f, FieldName(prefix, "arch."), op.arch...);
  f.Word(FieldName(prefix, "reg"), op.reg...);
  f.Word(FieldName(prefix, "reg_index"), op.reg_index...);
  f.Word(FieldName(prefix, "value"), op.value...);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_OP_H_
