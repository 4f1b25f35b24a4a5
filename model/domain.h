// The value domain that every transition rule of the model is written over,
// and the generic helpers built on it.
//
// A rule is a function template over a domain D. The concrete domain
// (model/concrete_domain.h: bool and uint64_t) runs the rules fast; a
// symbolic domain (z3 bit-vectors, in proofs/) runs the very same templates
// and yields formulas. A domain is a struct with only static members:
//
//   using Bool;                       a truth value
//   using Word;                       a 64-bit unsigned bit-vector
//   Word lit(uint64_t);               a constant word
//   Bool lit_bool(bool);              a constant truth value
//   Word ite(Bool c, Word a, Word b); if-then-else on words
//   Bool ite(Bool c, Bool a, Bool b); if-then-else on truth values (a domain
//                                     whose Bool and Word are one C++ type
//                                     provides a single ite)
//   Bool and_(Bool, Bool), or_(Bool, Bool), not_(Bool)
//   Word band(Word, Word), bor(Word, Word), bxor(Word, Word), bnot(Word)
//   Word add(Word, Word)              modulo 2^64
//   Word shl(Word, unsigned n), lshr(Word, unsigned n)   by a constant n < 64
//   Bool eq(Word, Word)               equality
//   Bool ult(Word, Word), ule(Word, Word)   unsigned comparisons
//   Word load(const Bank<D>&, Word index)          entry index mod 16
//   void store(Bank<D>&, Word index, Word value)   entry index mod 16
//
// where Bank<D> is std::array<D::Word, 16>, one bank of debug registers.
// load and store take an index that may be symbolic; IteLoad and IteStore
// below implement them on top of ite and eq for a domain that has no
// cheaper way, the concrete domain indexes directly. store updates a bank
// of the state a rule is given to update. Each rule exists once, as an
// update of the post-state of the one transition being built (its own
// copy, made from the const pre-state by model/step.h); nothing else is
// shared, so the model's public face, Step (model/step.h), is a pure
// function: const values in, a new Transition out. A domain may
// also explicitly specialize the bank helpers StoreIf and AssignIf below
// with a cheaper equivalent (the concrete domain does).
//
// Rules obey these restrictions, so that a symbolic domain type-checks and
// means the same thing:
//  - every value is built with D's functions: no C++ operator is applied to
//    a D::Bool or D::Word (z3's < is signed, its & cannot take a 64-bit
//    integer constant), and every constant is wrapped in D::lit;
//  - no control flow depends on a D value: no if, ?:, switch or loop
//    condition on D::Bool; choices are D::ite;
//  - no D value is default-constructed (z3::expr has no default): records
//    are built whole or copied and then updated.
#ifndef DBGREF_MODEL_DOMAIN_H_
#define DBGREF_MODEL_DOMAIN_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace dbgref::model {

// Each bank (BCR, BVR, WCR, WVR) has KVM_ARM_MAX_DBG_REGS entries.
inline constexpr std::size_t kBankSize = 16;

template <class D>
using Bank = std::array<typename D::Word, kBankSize>;

template <class D>
using BoolOf = typename D::Bool;
template <class D>
using WordOf = typename D::Word;

// a -> b.
template <class D>
BoolOf<D> Implies(const BoolOf<D>& a, const BoolOf<D>& b) {
  return D::or_(D::not_(a), b);
}

// D::and_(a, b()) and D::or_(a, b()), for a second operand that costs
// much to build: where the domain's Bool is a C++ bool, b() is evaluated
// only when a does not decide the value already; every other domain builds
// both, so the formula is the one D::and_ and D::or_ give. b must have no
// effect but its value.
template <class D, class B>
BoolOf<D> AndThen(const BoolOf<D>& a, B&& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return a && b();
  } else {
    return D::and_(a, b());
  }
}

template <class D, class B>
BoolOf<D> OrElse(const BoolOf<D>& a, B&& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return a || b();
  } else {
    return D::or_(a, b());
  }
}

// Implies<D>(a, b()), for a consequent that costs much to build: where
// the domain's Bool is a C++ bool, b() is evaluated only when a holds;
// every other domain builds the formula Implies gives. b must have no
// effect but its value.
template <class D, class B>
BoolOf<D> ImpliesThen(const BoolOf<D>& a, B&& b) {
  return OrElse<D>(D::not_(a), std::forward<B>(b));
}

// D::ite(c, a(), b()) on words, for operands that cost much to build:
// where the domain's Bool is a C++ bool only the chosen one is evaluated;
// every other domain builds both. a and b must have no effect but their
// values.
template <class D, class A, class B>
WordOf<D> IteLazy(const BoolOf<D>& c, A&& a, B&& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return c ? a() : b();
  } else {
    return D::ite(c, a(), b());
  }
}

// f(), for a word that costs much to build and is read only where c
// holds: where the domain's Bool is a C++ bool, f is called only when c
// holds, and elsewhere the value is 0, which nothing may read; every other
// domain builds f() itself, so a formula is the one f() gives. f must have
// no effect but its value.
template <class D, class F>
WordOf<D> ReadOnlyWhere(const BoolOf<D>& c, F&& f) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return c ? f() : D::lit(0);
  } else {
    return f();
  }
}

// a <-> b.
template <class D>
BoolOf<D> BoolEq(const BoolOf<D>& a, const BoolOf<D>& b) {
  return D::or_(D::and_(a, b), D::and_(D::not_(a), D::not_(b)));
}

template <class D>
BoolOf<D> And3(const BoolOf<D>& a, const BoolOf<D>& b, const BoolOf<D>& c) {
  return D::and_(D::and_(a, b), c);
}

template <class D>
BoolOf<D> Ne(const WordOf<D>& a, const WordOf<D>& b) {
  return D::not_(D::eq(a, b));
}

// Whether any bit of the constant mask is set in w.
template <class D>
BoolOf<D> AnyBits(const WordOf<D>& w, uint64_t mask) {
  return Ne<D>(D::band(w, D::lit(mask)), D::lit(0));
}

// w with the bits of mask set when on holds, cleared otherwise.
template <class D>
WordOf<D> SetBits(const WordOf<D>& w, uint64_t mask, const BoolOf<D>& on) {
  return D::ite(on, D::bor(w, D::lit(mask)), D::band(w, D::lit(~mask)));
}

// 1 when b holds, 0 otherwise.
template <class D>
WordOf<D> BoolToWord(const BoolOf<D>& b) {
  return D::ite(b, D::lit(1), D::lit(0));
}

// The field of width mask at shift in w.
template <class D>
WordOf<D> Field(const WordOf<D>& w, unsigned shift, uint64_t mask) {
  return D::band(D::lshr(w, shift), D::lit(mask));
}

namespace internal {
template <class D, std::size_t... I>
Bank<D> FillBankImpl(const WordOf<D>& v, std::index_sequence<I...>) {
  return {{((void)I, v)...}};
}
}  // namespace internal

// A bank with every entry equal to v.
template <class D>
Bank<D> FillBank(const WordOf<D>& v) {
  return internal::FillBankImpl<D>(v, std::make_index_sequence<kBankSize>());
}

// load over ite and eq: entry (index mod 16).
template <class D>
WordOf<D> IteLoad(const Bank<D>& bank, const WordOf<D>& index) {
  const WordOf<D> i = D::band(index, D::lit(kBankSize - 1));
  WordOf<D> v = bank[0];
  for (std::size_t n = 1; n < kBankSize; ++n) {
    v = D::ite(D::eq(i, D::lit(n)), bank[n], v);
  }
  return v;
}

// store over ite and eq: entry (index mod 16) becomes value.
template <class D>
void IteStore(Bank<D>& bank, const WordOf<D>& index, const WordOf<D>& value) {
  const WordOf<D> i = D::band(index, D::lit(kBankSize - 1));
  for (std::size_t n = 0; n < kBankSize; ++n) {
    bank[n] = D::ite(D::eq(i, D::lit(n)), value, bank[n]);
  }
}

// Entry (index mod 16) of bank becomes value when enable holds.
template <class D>
void StoreIf(Bank<D>& bank, const BoolOf<D>& enable, const WordOf<D>& index,
             const WordOf<D>& value) {
  D::store(bank, index, D::ite(enable, value, D::load(bank, index)));
}

// dst becomes src when c holds.
template <class D>
void AssignIf(Bank<D>& dst, const BoolOf<D>& c, const Bank<D>& src) {
  for (std::size_t n = 0; n < kBankSize; ++n) {
    dst[n] = D::ite(c, src[n], dst[n]);
  }
}

template <class D>
Bank<D> Select(const BoolOf<D>& c, const Bank<D>& a, const Bank<D>& b) {
  Bank<D> out = b;
  for (std::size_t n = 0; n < kBankSize; ++n) {
    out[n] = D::ite(c, a[n], b[n]);
  }
  return out;
}

template <class D>
BoolOf<D> BankEq(const Bank<D>& a, const Bank<D>& b) {
  BoolOf<D> all = D::lit_bool(true);
  for (std::size_t n = 0; n < kBankSize; ++n) {
    all = D::and_(all, D::eq(a[n], b[n]));
  }
  return all;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_DOMAIN_H_
