// The observation an operation produces, as domain values: Obs<D> mirrors
// struct dbgref_obs of model/record.h field by field (u32 fields are words
// holding the zero-extended value, flags are truth values).
#ifndef DBGREF_MODEL_OBSERVE_H_
#define DBGREF_MODEL_OBSERVE_H_

#include "model/debug_regs.h"
#include "model/domain.h"

namespace dbgref::model {

template <class D>
struct Obs {
  WordOf<D> op_kind;
  WordOf<D> ret;
  WordOf<D> entry_mdcr_el2;
  DebugRegs<D> entry_hw;
  WordOf<D> entry_mdscr_el1;
  BoolOf<D> entry_pstate_ss;
  BoolOf<D> trapped;
  BoolOf<D> undef;
  WordOf<D> read_value;
  WordOf<D> exit_reason;
  WordOf<D> hsr;
  WordOf<D> pc;
  WordOf<D> far;
  WordOf<D> ctx_mdscr_el1;
  BoolOf<D> ctx_pstate_ss;
};

// Every field 0: what a non-RUN operation reports besides op_kind and ret.
template <class D>
Obs<D> ZeroObs(const WordOf<D>& op_kind, const WordOf<D>& ret) {
  const WordOf<D> z = D::lit(0);
  const BoolOf<D> f = D::lit_bool(false);
  return Obs<D>{op_kind, ret, z, ZeroRegs<D>(), z, f, f, f, z, z, z, z,
                z,       z,   f};
}

template <class D>
Obs<D> Select(const BoolOf<D>& c, const Obs<D>& a, const Obs<D>& b) {
  return Obs<D>{D::ite(c, a.op_kind, b.op_kind),
                D::ite(c, a.ret, b.ret),
                D::ite(c, a.entry_mdcr_el2, b.entry_mdcr_el2),
                Select<D>(c, a.entry_hw, b.entry_hw),
                D::ite(c, a.entry_mdscr_el1, b.entry_mdscr_el1),
                D::ite(c, a.entry_pstate_ss, b.entry_pstate_ss),
                D::ite(c, a.trapped, b.trapped),
                D::ite(c, a.undef, b.undef),
                D::ite(c, a.read_value, b.read_value),
                D::ite(c, a.exit_reason, b.exit_reason),
                D::ite(c, a.hsr, b.hsr),
                D::ite(c, a.pc, b.pc),
                D::ite(c, a.far, b.far),
                D::ite(c, a.ctx_mdscr_el1, b.ctx_mdscr_el1),
                D::ite(c, a.ctx_pstate_ss, b.ctx_pstate_ss)};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_OBSERVE_H_
