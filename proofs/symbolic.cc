// Fresh symbolic states, hosts, programs and transition inputs.
#include "proofs/symbolic.h"

#include <cstdint>
#include <utility>

#include "model/field_name.h"
#include "model/guest_layout.h"
#include "model/host.h"
#include "model/state.h"

namespace dbgref::proofs {
namespace {

// Replaces every field by a fresh constant named after the field.
struct FreshWalker {
  z3::context& ctx;
  void Word(const std::string& name, const z3::expr&, z3::expr& out) {
    out = ctx.bv_const(name.c_str(), kWordBits);
  }
  void Bool(const std::string& name, const z3::expr&, z3::expr& out) {
    out = ctx.bool_const(name.c_str());
  }
};

z3::expr Word32(z3::context& ctx, const std::string& name) {
  return z3::zext(ctx.bv_const(name.c_str(), 32), kWordBits - 32);
}

z3::expr AtMost(const z3::expr& w, uint64_t last) {
  return Z::ule(w, Z::lit(last));
}

z3::expr Within(const z3::expr& a, uint64_t base, uint64_t size) {
  return Z::and_(Z::ule(Z::lit(base), a), Z::ult(a, Z::lit(base + size)));
}

z3::expr Aligned(const z3::expr& a, const z3::expr& size) {
  return Z::eq(Z::band(a, Z::add(size, Z::lit(~uint64_t{0}))), Z::lit(0));
}

// One line the trace format can write.
z3::expr LineWellFormed(const model::Line<Z>& l) {
  const model::Insn<Z>& i = l.insn;
  const z3::expr access = Z::or_(model::IsInsn<Z>(i, DBGREF_INSN_LOAD),
                                 model::IsInsn<Z>(i, DBGREF_INSN_STORE));
  const z3::expr sysreg = Z::or_(model::IsInsn<Z>(i, DBGREF_INSN_MRS),
                                 model::IsInsn<Z>(i, DBGREF_INSN_MSR));
  const z3::expr size_ok = Z::or_(
      Z::or_(Z::eq(i.size, Z::lit(1)), Z::eq(i.size, Z::lit(2))),
      Z::or_(Z::eq(i.size, Z::lit(4)), Z::eq(i.size, Z::lit(8))));
  const z3::expr banked = Z::ule(i.reg, Z::lit(DBGREF_REG_WVR));
  z3::expr ok = AtMost(i.kind, DBGREF_INSN_REPORT);
  ok = Z::and_(ok, Within(l.pc, DBGREF_CODE_BASE, DBGREF_CODE_SIZE));
  ok = Z::and_(ok, Z::eq(Z::band(l.pc, Z::lit(3)), Z::lit(0)));
  ok = Z::and_(ok, model::Implies<Z>(
                       access, Z::and_(Z::and_(size_ok, Aligned(i.addr, i.size)),
                                       Within(i.addr, DBGREF_DATA_BASE,
                                              DBGREF_DATA_SIZE))));
  ok = Z::and_(
      ok, model::Implies<Z>(
              sysreg,
              Z::and_(AtMost(i.reg, DBGREF_REG_KIND_COUNT - 1),
                      Z::ite(banked, AtMost(i.reg_index, 15),
                             Z::eq(i.reg_index, Z::lit(0))))));
  ok = Z::and_(ok, model::Implies<Z>(model::IsInsn<Z>(i, DBGREF_INSN_MRS),
                                     Z::not_(model::IsKind<Z>(
                                         i.reg, DBGREF_REG_OSLAR))));
  ok = Z::and_(ok, model::Implies<Z>(model::IsInsn<Z>(i, DBGREF_INSN_MSR),
                                     Z::not_(model::IsKind<Z>(
                                         i.reg, DBGREF_REG_OSLSR))));
  ok = Z::and_(ok, AtMost(i.imm, 0xffff));
  return ok;
}

}  // namespace

SymState FreshState(z3::context& ctx, const std::string& prefix) {
  Z3Scope scope(ctx);
  const SymState placeholder = model::ResetState<Z>();
  SymState s = placeholder;
  FreshWalker walker{ctx};
  model::WalkState(walker, model::FieldName(prefix), placeholder, s);
  return s;
}

SymHost FreshHost(z3::context& ctx, const std::string& prefix) {
  Z3Scope scope(ctx);
  const SymHost placeholder = model::ZeroHost<Z>();
  SymHost h = placeholder;
  FreshWalker walker{ctx};
  model::WalkHost(walker, model::FieldName(prefix), placeholder, h);
  return h;
}

FreshProgramInputs FreshProgram(z3::context& ctx, const std::string& prefix) {
  Z3Scope scope(ctx);
  const model::Line<Z> empty{Z::lit(0), model::InsnOfKind<Z>(DBGREF_INSN_NOP)};
  SymProgram placeholder{{empty}};
  static_assert(kProofLines == 1, "one placeholder line per program line");
  SymProgram p = placeholder;
  FreshWalker walker{ctx};
  model::WalkProgram<kProofLines>(walker, model::FieldName(prefix),
                                  placeholder, p);
  z3::expr ok = Z::lit_bool(true);
  for (const model::Line<Z>& l : p.line) ok = Z::and_(ok, LineWellFormed(l));
  return FreshProgramInputs{std::move(p), ok};
}

FreshOperation FreshOp(z3::context& ctx, const std::string& prefix,
                       KindSet kinds) {
  Z3Scope scope(ctx);
  SymOp op = model::OpOfKind<Z>(0);
  const SymOp placeholder = op;
  FreshWalker walker{ctx};
  model::WalkOp(walker, model::FieldName(prefix), placeholder, op);
  op.control = Word32(ctx, prefix + "control32");
  // The kind: a literal when there is one choice.
  int choices = 0;
  for (uint64_t k : model::kTransitionKinds) {
    if ((kinds & (1u << k)) == 0) continue;
    if (choices++ == 0) op.kind = Z::lit(k);
  }
  z3::expr kind_ok = Z::lit_bool(choices == 1);
  if (choices > 1) {
    op.kind = ctx.bv_const((prefix + "kind").c_str(), kWordBits);
    kind_ok = Z::lit_bool(false);
    for (uint64_t k : model::kTransitionKinds) {
      if ((kinds & (1u << k)) == 0) continue;
      kind_ok = Z::or_(kind_ok, Z::eq(op.kind, Z::lit(k)));
    }
  }
  const z3::expr ok =
      Z::and_(kind_ok, Z::and_(AtMost(op.cap, DBGREF_CAP_OTHER),
                               AtMost(op.reg, DBGREF_ONE_REG_COUNT)));
  return FreshOperation{std::move(op), ok};
}

}  // namespace dbgref::proofs
