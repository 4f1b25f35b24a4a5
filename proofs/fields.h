// Walks the fields of the model's records (state, host, operation,
// observation, CPU) two at a time, one record in each of two domains, with
// a dotted name for each field. The proofs use it to create symbolic inputs,
// to read concrete values out of a z3 model, to fix symbolic inputs to
// concrete values, and to print states.
//
// A walker is an object with
//   void Word(const std::string& name, const A::Word& a, B::Word& b);
//   void Bool(const std::string& name, const A::Bool& a, B::Bool& b);
// Only struct shapes are used here, never a rule of the model.
#ifndef DBGREF_PROOFS_FIELDS_H_
#define DBGREF_PROOFS_FIELDS_H_

#include <cstddef>
#include <string>

#include "model/concrete_domain.h"
#include "model/debug_regs.h"
#include "model/domain.h"
#include "model/host.h"
#include "model/observe.h"
#include "model/op.h"
#include "model/state.h"

namespace dbgref::proofs {

using model::BoolOf;
using model::WordOf;

// The walkers below name every field of these records. A record that gains
// or loses a field changes its size: then update its walker and its Filled*
// placeholder.
namespace fields_internal {
using C = model::ConcreteDomain;
static_assert(sizeof(model::DebugContext<C>) == 536, "update ZipContext");
static_assert(sizeof(model::VcpuState<C>) == 1624, "update ZipState");
static_assert(sizeof(model::Host<C>) == 520, "update ZipHost");
static_assert(sizeof(model::Op<C>) == 600, "update ZipOp");
static_assert(sizeof(model::Obs<C>) == 608, "update ZipObs");
static_assert(sizeof(model::Cpu<C>) == 544, "update ZipCpu");
}  // namespace fields_internal

template <class A, class B, class F>
void ZipBank(const std::string& name, const model::Bank<A>& a,
             model::Bank<B>& b, F& f) {
  for (std::size_t n = 0; n < model::kBankSize; ++n) {
    f.Word(name + std::to_string(n), a[n], b[n]);
  }
}

template <class A, class B, class F>
void ZipRegs(const std::string& prefix, const model::DebugRegs<A>& a,
             model::DebugRegs<B>& b, F& f) {
  ZipBank<A, B>(prefix + "bcr", a.bcr, b.bcr, f);
  ZipBank<A, B>(prefix + "bvr", a.bvr, b.bvr, f);
  ZipBank<A, B>(prefix + "wcr", a.wcr, b.wcr, f);
  ZipBank<A, B>(prefix + "wvr", a.wvr, b.wvr, f);
}

template <class A, class B, class F>
void ZipContext(const std::string& prefix, const model::DebugContext<A>& a,
                model::DebugContext<B>& b, F& f) {
  ZipRegs<A, B>(prefix, a.regs, b.regs, f);
  f.Word(prefix + "mdscr_el1", a.mdscr_el1, b.mdscr_el1);
  f.Word(prefix + "mdccint_el1", a.mdccint_el1, b.mdccint_el1);
  f.Bool(prefix + "pstate_ss", a.pstate_ss, b.pstate_ss);
}

template <class A, class B, class F>
void ZipState(const std::string& prefix, const model::VcpuState<A>& a,
              model::VcpuState<B>& b, F& f) {
  f.Word(prefix + "control", a.control, b.control);
  ZipRegs<A, B>(prefix + "external.", a.external, b.external, f);
  ZipContext<A, B>(prefix + "ctx.", a.ctx, b.ctx, f);
  f.Word(prefix + "preserved.mdscr_el1", a.preserved.mdscr_el1,
         b.preserved.mdscr_el1);
  f.Bool(prefix + "preserved.pstate_ss", a.preserved.pstate_ss,
         b.preserved.pstate_ss);
  f.Word(prefix + "mdcr_el2", a.mdcr_el2, b.mdcr_el2);
  f.Bool(prefix + "dirty", a.dirty, b.dirty);
  ZipContext<A, B>(prefix + "ghost.", a.ghost, b.ghost, f);
}

template <class A, class B, class F>
void ZipHost(const std::string& prefix, const model::Host<A>& a,
             model::Host<B>& b, F& f) {
  f.Word(prefix + "id_aa64dfr0_el1", a.id_aa64dfr0_el1, b.id_aa64dfr0_el1);
  ZipRegs<A, B>(prefix + "host_regs.", a.host_regs, b.host_regs, f);
}

template <class A, class B, class F>
void ZipOp(const std::string& prefix, const model::Op<A>& a, model::Op<B>& b,
           F& f) {
  f.Word(prefix + "kind", a.kind, b.kind);
  f.Word(prefix + "cap", a.cap, b.cap);
  f.Word(prefix + "control", a.control, b.control);
  ZipRegs<A, B>(prefix + "arch.", a.arch, b.arch, f);
  f.Word(prefix + "action.kind", a.action.kind, b.action.kind);
  f.Word(prefix + "action.reg_kind", a.action.reg_kind, b.action.reg_kind);
  f.Word(prefix + "action.index", a.action.index, b.action.index);
  f.Bool(prefix + "action.is_write", a.action.is_write, b.action.is_write);
  f.Word(prefix + "action.value", a.action.value, b.action.value);
  f.Word(prefix + "action.esr", a.action.esr, b.action.esr);
  f.Word(prefix + "action.pc", a.action.pc, b.action.pc);
  f.Word(prefix + "action.far", a.action.far, b.action.far);
}

template <class A, class B, class F>
void ZipObs(const std::string& prefix, const model::Obs<A>& a, model::Obs<B>& b,
            F& f) {
  f.Word(prefix + "op_kind", a.op_kind, b.op_kind);
  f.Word(prefix + "ret", a.ret, b.ret);
  f.Word(prefix + "entry_mdcr_el2", a.entry_mdcr_el2, b.entry_mdcr_el2);
  ZipRegs<A, B>(prefix + "entry_hw.", a.entry_hw, b.entry_hw, f);
  f.Word(prefix + "entry_mdscr_el1", a.entry_mdscr_el1, b.entry_mdscr_el1);
  f.Bool(prefix + "entry_pstate_ss", a.entry_pstate_ss, b.entry_pstate_ss);
  f.Bool(prefix + "trapped", a.trapped, b.trapped);
  f.Bool(prefix + "undef", a.undef, b.undef);
  f.Word(prefix + "read_value", a.read_value, b.read_value);
  f.Word(prefix + "exit_reason", a.exit_reason, b.exit_reason);
  f.Word(prefix + "hsr", a.hsr, b.hsr);
  f.Word(prefix + "pc", a.pc, b.pc);
  f.Word(prefix + "far", a.far, b.far);
  f.Word(prefix + "ctx_mdscr_el1", a.ctx_mdscr_el1, b.ctx_mdscr_el1);
  f.Bool(prefix + "ctx_pstate_ss", a.ctx_pstate_ss, b.ctx_pstate_ss);
}

template <class A, class B, class F>
void ZipCpu(const std::string& prefix, const model::Cpu<A>& a, model::Cpu<B>& b,
            F& f) {
  ZipContext<A, B>(prefix + "regs.", a.regs, b.regs, f);
  f.Word(prefix + "mdcr_el2", a.mdcr_el2, b.mdcr_el2);
}

// Records of domain D with every word w and every truth value t, as
// placeholders that a walker then overwrites field by field.
template <class D>
model::DebugRegs<D> FilledRegs(const WordOf<D>& w) {
  const model::Bank<D> bank = model::FillBank<D>(w);
  return model::DebugRegs<D>{bank, bank, bank, bank};
}

template <class D>
model::DebugContext<D> FilledContext(const WordOf<D>& w, const BoolOf<D>& t) {
  return model::DebugContext<D>{FilledRegs<D>(w), w, w, t};
}

template <class D>
model::VcpuState<D> FilledState(const WordOf<D>& w, const BoolOf<D>& t) {
  return model::VcpuState<D>{w,
                             FilledRegs<D>(w),
                             FilledContext<D>(w, t),
                             model::Preserved<D>{w, t},
                             w,
                             t,
                             FilledContext<D>(w, t)};
}

template <class D>
model::Host<D> FilledHost(const WordOf<D>& w) {
  return model::Host<D>{w, FilledRegs<D>(w)};
}

template <class D>
model::Op<D> FilledOp(const WordOf<D>& w, const BoolOf<D>& t) {
  return model::Op<D>{w, w, w, FilledRegs<D>(w),
                      model::Action<D>{w, w, w, t, w, w, w, w}};
}

template <class D>
model::Obs<D> FilledObs(const WordOf<D>& w, const BoolOf<D>& t) {
  return model::Obs<D>{w, w, w, FilledRegs<D>(w), w, t, t, t, w, w, w, w,
                       w, w, t};
}

template <class D>
model::Cpu<D> FilledCpu(const WordOf<D>& w, const BoolOf<D>& t) {
  return model::Cpu<D>{FilledContext<D>(w, t), w};
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_FIELDS_H_
