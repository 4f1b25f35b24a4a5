// The symbolic value domain over z3 bit-vectors, with constant folding.
#include "proofs/z3_domain.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace dbgref::proofs {
namespace {

thread_local z3::context* current_context = nullptr;

using D = Z3Domain;

bool BothNumerals(const z3::expr& a, const z3::expr& b, uint64_t* x,
                  uint64_t* y) {
  return NumeralValue(a, x) && NumeralValue(b, y);
}

bool IsLiteral(const z3::expr& w, uint64_t v) {
  uint64_t x = 0;
  return NumeralValue(w, &x) && x == v;
}

bool IsIte(const z3::expr& e) {
  return e.is_app() && e.decl().decl_kind() == Z3_OP_ITE;
}

// A word that is a numeral, or an ite of such words a few levels deep, such
// as an MDCR_EL2 value built by setting constant bits under conditions.
bool IsLiteralTree(const z3::expr& w, int depth = 4) {
  if (w.is_numeral()) return true;
  if (depth == 0 || !IsIte(w)) return false;
  return IsLiteralTree(w.arg(1), depth - 1) &&
         IsLiteralTree(w.arg(2), depth - 1);
}

// f applied to every leaf of a literal tree: an operation on a word that is
// one of a few constants becomes a choice among constants, so that testing a
// bit of it is a Boolean formula over the conditions and never reaches the
// bit-vector solver.
template <class F>
z3::expr MapLeaves(const z3::expr& tree, const F& f) {
  if (!IsIte(tree)) return f(tree);
  return D::ite(tree.arg(0), MapLeaves(tree.arg(1), f),
                MapLeaves(tree.arg(2), f));
}

// op(a, b) with one side a literal tree and the other a numeral, lifted
// over the tree; false when neither side is.
template <class Op>
bool LiftOverTree(const z3::expr& a, const z3::expr& b, const Op& op,
                  z3::expr* out) {
  if (IsLiteralTree(a) && b.is_numeral() && !a.is_numeral()) {
    *out = MapLeaves(a, [&](const z3::expr& leaf) { return op(leaf, b); });
    return true;
  }
  if (IsLiteralTree(b) && a.is_numeral() && !b.is_numeral()) {
    *out = MapLeaves(b, [&](const z3::expr& leaf) { return op(a, leaf); });
    return true;
  }
  return false;
}

}  // namespace

Z3Scope::Z3Scope(z3::context& ctx) : previous_(current_context) {
  current_context = &ctx;
}

Z3Scope::~Z3Scope() { current_context = previous_; }

z3::context& Z3Scope::Current() {
  if (current_context == nullptr) {
    std::fprintf(stderr, "Z3Domain used outside a Z3Scope\n");
    std::abort();
  }
  return *current_context;
}

bool NumeralValue(const z3::expr& w, uint64_t* value) {
  if (!w.is_numeral()) return false;
  return w.is_numeral_u64(*value);
}

D::Word D::lit(uint64_t v) { return Z3Scope::Current().bv_val(v, kWordBits); }

D::Bool D::lit_bool(bool b) { return Z3Scope::Current().bool_val(b); }

z3::expr D::ite(const Bool& c, const z3::expr& a, const z3::expr& b) {
  if (c.is_true()) return a;
  if (c.is_false()) return b;
  if (z3::eq(a, b)) return a;
  // Nested choices with a shared branch become one choice:
  // ite(c, ite(d, x, y), y) = ite(c and d, x, y) and
  // ite(c, x, ite(d, x, y)) = ite(c or d, x, y).
  if (IsIte(a) && z3::eq(a.arg(2), b)) {
    return ite(and_(c, a.arg(0)), a.arg(1), b);
  }
  if (IsIte(b) && z3::eq(b.arg(1), a)) {
    return ite(or_(c, b.arg(0)), a, b.arg(2));
  }
  if (a.is_bool()) {
    // Boolean ite with a literal branch is and/or.
    if (a.is_true()) return or_(c, b);
    if (a.is_false()) return and_(not_(c), b);
    if (b.is_true()) return or_(not_(c), a);
    if (b.is_false()) return and_(c, a);
  }
  return z3::ite(c, a, b);
}

D::Bool D::and_(const Bool& a, const Bool& b) {
  if (a.is_false() || b.is_true()) return a;
  if (b.is_false() || a.is_true()) return b;
  if (z3::eq(a, b)) return a;
  return a && b;
}

D::Bool D::or_(const Bool& a, const Bool& b) {
  if (a.is_true() || b.is_false()) return a;
  if (b.is_true() || a.is_false()) return b;
  if (z3::eq(a, b)) return a;
  return a || b;
}

D::Bool D::not_(const Bool& a) {
  if (a.is_true()) return lit_bool(false);
  if (a.is_false()) return lit_bool(true);
  if (a.is_not()) return a.arg(0);
  return !a;
}

D::Word D::band(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::band, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit(x & y);
  if (IsLiteral(a, 0) || IsLiteral(b, ~uint64_t{0})) return a;
  if (IsLiteral(b, 0) || IsLiteral(a, ~uint64_t{0})) return b;
  return a & b;
}

D::Word D::bor(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::bor, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit(x | y);
  if (IsLiteral(b, 0) || IsLiteral(a, ~uint64_t{0})) return a;
  if (IsLiteral(a, 0) || IsLiteral(b, ~uint64_t{0})) return b;
  return a | b;
}

D::Word D::bxor(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::bxor, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit(x ^ y);
  if (IsLiteral(b, 0)) return a;
  if (IsLiteral(a, 0)) return b;
  return a ^ b;
}

D::Word D::bnot(const Word& a) {
  uint64_t x = 0;
  if (NumeralValue(a, &x)) return lit(~x);
  if (IsLiteralTree(a))
    return MapLeaves(a, [](const z3::expr& l) { return bnot(l); });
  return ~a;
}

D::Word D::add(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::add, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit(x + y);
  if (IsLiteral(b, 0)) return a;
  if (IsLiteral(a, 0)) return b;
  return a + b;
}

D::Word D::shl(const Word& a, unsigned n) {
  uint64_t x = 0;
  if (NumeralValue(a, &x)) return lit(n < kWordBits ? x << n : 0);
  if (IsLiteralTree(a)) {
    return MapLeaves(a, [n](const z3::expr& l) { return shl(l, n); });
  }
  if (n == 0) return a;
  return z3::shl(a, lit(n));
}

D::Word D::lshr(const Word& a, unsigned n) {
  uint64_t x = 0;
  if (NumeralValue(a, &x)) return lit(n < kWordBits ? x >> n : 0);
  if (IsLiteralTree(a)) {
    return MapLeaves(a, [n](const z3::expr& l) { return lshr(l, n); });
  }
  if (n == 0) return a;
  return z3::lshr(a, lit(n));
}

D::Bool D::eq(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::eq, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit_bool(x == y);
  if (z3::eq(a, b)) return lit_bool(true);
  return a == b;
}

D::Bool D::ult(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::ult, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit_bool(x < y);
  if (z3::eq(a, b)) return lit_bool(false);
  return z3::ult(a, b);
}

D::Bool D::ule(const Word& a, const Word& b) {
  uint64_t x = 0;
  uint64_t y = 0;
  z3::expr lifted = a;
  if (LiftOverTree(a, b, &D::ule, &lifted)) return lifted;
  if (BothNumerals(a, b, &x, &y)) return lit_bool(x <= y);
  if (z3::eq(a, b)) return lit_bool(true);
  return z3::ule(a, b);
}

D::Word D::load(const BankType& bank, const Word& index) {
  uint64_t i = 0;
  if (NumeralValue(index, &i)) return bank[i & (model::kBankSize - 1)];
  return model::IteLoad<D>(bank, index);
}

void D::store(BankType& bank, const Word& index, const Word& value) {
  uint64_t i = 0;
  if (NumeralValue(index, &i)) {
    bank[i & (model::kBankSize - 1)] = value;
    return;
  }
  // Entry n becomes ite(index = n, value, entry n). Where value reads the
  // same bank at the same index (a conditional store: the rule keeps the
  // old entry), that read is entry n itself under index = n: say so, and
  // the formula no longer holds a 16-way choice inside each entry.
  const z3::expr old = load(bank, index);
  const z3::expr entry = band(index, lit(model::kBankSize - 1));
  z3::expr_vector from(index.ctx());
  from.push_back(old);
  for (std::size_t n = 0; n < model::kBankSize; ++n) {
    z3::expr_vector to(index.ctx());
    to.push_back(bank[n]);
    z3::expr v = value;
    if (!z3::eq(value, old)) v = v.substitute(from, to);
    bank[n] = ite(eq(entry, lit(n)), v, bank[n]);
  }
}

}  // namespace dbgref::proofs
