// The symbolic value domain: the model's rules (model/domain.h) run over
// z3 bit-vectors and yield formulas instead of values.
//
// D::Word is a 64-bit z3 bit-vector expression and D::Bool a z3 Boolean
// expression; both are z3::expr. Every formula stays in QF_BV: a bank of 16
// registers is 16 separate words, and a load or store with a symbolic index
// is a chain of ite over the 16 entries. The operations fold constants as
// they build (ite on a literal condition, and/or with a literal, arithmetic
// on numerals), so the parts of a rule that the inputs do not reach stay
// literals and the formulas stay small.
//
// The domain's functions are static, as model/domain.h requires, so the
// z3::context they build literals in is set for the current thread by a
// Z3Scope:
//
//   z3::context ctx;
//   Z3Scope scope(ctx);
//   auto post = model::Step<Z3Domain>(host, pre, op);
#ifndef DBGREF_PROOFS_Z3_DOMAIN_H_
#define DBGREF_PROOFS_Z3_DOMAIN_H_

#include <z3++.h>

#include <array>
#include <cstdint>

#include "model/domain.h"

namespace dbgref::proofs {

// Makes ctx the context of Z3Domain's literals on this thread while alive.
// Scopes nest; the innermost one wins.
class Z3Scope {
 public:
  explicit Z3Scope(z3::context& ctx);
  ~Z3Scope();
  Z3Scope(const Z3Scope&) = delete;
  Z3Scope& operator=(const Z3Scope&) = delete;

  // The context of the innermost live scope on this thread; aborts if none.
  static z3::context& Current();

 private:
  z3::context* previous_;
};

// The width of D::Word.
inline constexpr unsigned kWordBits = 64;

struct Z3Domain {
  using Bool = z3::expr;
  using Word = z3::expr;
  using BankType = std::array<Word, model::kBankSize>;

  static Word lit(uint64_t v);
  static Bool lit_bool(bool b);
  static z3::expr ite(const Bool& c, const z3::expr& a, const z3::expr& b);

  static Bool and_(const Bool& a, const Bool& b);
  static Bool or_(const Bool& a, const Bool& b);
  static Bool not_(const Bool& a);

  static Word band(const Word& a, const Word& b);
  static Word bor(const Word& a, const Word& b);
  static Word bxor(const Word& a, const Word& b);
  static Word bnot(const Word& a);
  static Word add(const Word& a, const Word& b);
  static Word shl(const Word& a, unsigned n);
  static Word lshr(const Word& a, unsigned n);

  static Bool eq(const Word& a, const Word& b);
  static Bool ult(const Word& a, const Word& b);
  static Bool ule(const Word& a, const Word& b);

  static Word load(const BankType& bank, const Word& index);
  static void store(BankType& bank, const Word& index, const Word& value);
};

// The value of a numeral word, if w is one.
bool NumeralValue(const z3::expr& w, uint64_t* value);

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_Z3_DOMAIN_H_
