// Fresh symbolic states, hosts and operations.
#include "proofs/symbolic.h"

#include <cstdint>
#include <utility>

#include "model/field_name.h"
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

// One of the values 0..last.
z3::expr AtMost(const z3::expr& w, uint64_t last) {
  return Z::ule(w, Z::lit(last));
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

FreshOperation FreshOp(z3::context& ctx, const std::string& prefix,
                       unsigned kinds) {
  Z3Scope scope(ctx);
  auto word = [&](const char* field) {
    return ctx.bv_const((prefix + field).c_str(), kWordBits);
  };
  const SymRegs zero_regs = model::ZeroRegs<Z>();
  SymRegs arch = zero_regs;
  FreshWalker walker{ctx};
  const std::string arch_prefix = prefix + "arch.";
  model::WalkRegs(walker, model::FieldName(arch_prefix), zero_regs, arch);

  // The kind: a literal when there is one choice.
  z3::expr kind = Z::lit(0);
  z3::expr kind_ok = Z::lit_bool(false);
  int choices = 0;
  for (uint64_t k = DBGREF_OP_SET_GUEST_DEBUG; k <= DBGREF_OP_RUN; ++k) {
    if ((kinds & (1u << k)) == 0) continue;
    kind = Z::lit(k);
    ++choices;
  }
  if (choices > 1) {
    kind = word("kind");
    for (uint64_t k = DBGREF_OP_SET_GUEST_DEBUG; k <= DBGREF_OP_RUN; ++k) {
      if ((kinds & (1u << k)) == 0) continue;
      kind_ok = Z::or_(kind_ok, Z::eq(kind, Z::lit(k)));
    }
  } else {
    kind_ok = Z::lit_bool(choices == 1);
  }

  OpInputs in{kind,
              word("cap"),
              Word32(ctx, prefix + "control"),
              arch,
              word("action.kind"),
              word("action.reg_kind"),
              word("action.index"),
              ctx.bool_const((prefix + "action.is_write").c_str()),
              word("action.value"),
              Word32(ctx, prefix + "action.esr"),
              word("action.pc"),
              word("action.far")};

  const z3::expr zero = Z::lit(0);
  const z3::expr is_set = Z::eq(kind, Z::lit(DBGREF_OP_SET_GUEST_DEBUG));
  const z3::expr is_cap = Z::eq(kind, Z::lit(DBGREF_OP_CHECK_EXTENSION));
  const z3::expr is_run = Z::eq(kind, Z::lit(DBGREF_OP_RUN));
  const z3::expr access =
      Z::and_(is_run, Z::eq(in.action_kind, Z::lit(DBGREF_ACTION_ACCESS)));
  const z3::expr exception =
      Z::and_(is_run, Z::eq(in.action_kind, Z::lit(DBGREF_ACTION_EXCEPTION)));
  const z3::expr write = Z::and_(access, in.is_write);

  SymRegs op_arch = zero_regs;
  for (std::size_t n = 0; n < model::kBankSize; ++n) {
    op_arch.bcr[n] = Z::ite(is_set, arch.bcr[n], zero);
    op_arch.bvr[n] = Z::ite(is_set, arch.bvr[n], zero);
    op_arch.wcr[n] = Z::ite(is_set, arch.wcr[n], zero);
    op_arch.wvr[n] = Z::ite(is_set, arch.wvr[n], zero);
  }
  SymOp op{
      kind, Z::ite(is_cap, in.cap, zero), Z::ite(is_set, in.control, zero),
      op_arch,
      model::Action<Z>{
          Z::ite(is_run, in.action_kind, zero),
          Z::ite(access, in.reg_kind, zero), Z::ite(access, in.index, zero),
          write, Z::ite(write, in.value, zero), Z::ite(exception, in.esr, zero),
          Z::ite(exception, in.pc, zero), Z::ite(exception, in.far, zero)}};

  const z3::expr banked = Z::ult(in.reg_kind, Z::lit(DBGREF_REG_MDSCR));
  z3::expr ok = kind_ok;
  ok = Z::and_(ok, model::Implies<Z>(is_cap, AtMost(in.cap, DBGREF_CAP_OTHER)));
  ok = Z::and_(ok, model::Implies<Z>(is_run, AtMost(in.action_kind,
                                                    DBGREF_ACTION_EXCEPTION)));
  ok = Z::and_(ok, model::Implies<Z>(
                       access, AtMost(in.reg_kind, DBGREF_REG_KIND_COUNT - 1)));
  ok = Z::and_(
      ok, model::Implies<Z>(
              access, Z::ite(banked, AtMost(in.index, model::kBankSize - 1),
                             Z::eq(in.index, zero))));
  return FreshOperation{std::move(op), ok, std::move(in)};
}

}  // namespace dbgref::proofs
