// The concrete value domain: bool and uint64_t. Runs the model's rules as
// ordinary, fast C++ for tests, properties and the differential check. The
// interface is documented in model/domain.h.
#ifndef DBGREF_MODEL_CONCRETE_DOMAIN_H_
#define DBGREF_MODEL_CONCRETE_DOMAIN_H_

#include <array>
#include <cstdint>

#include "model/domain.h"

namespace dbgref::model {

struct ConcreteDomain {
  using Bool = bool;
  using Word = uint64_t;

  static Word lit(uint64_t v) { return v; }
  static Bool lit_bool(bool b) { return b; }
  static Word ite(Bool c, Word a, Word b) { return c ? a : b; }
  static Bool ite(Bool c, Bool a, Bool b) { return c ? a : b; }

  static Bool and_(Bool a, Bool b) { return a && b; }
  static Bool or_(Bool a, Bool b) { return a || b; }
  static Bool not_(Bool a) { return !a; }

  static Word band(Word a, Word b) { return a & b; }
  static Word bor(Word a, Word b) { return a | b; }
  static Word bxor(Word a, Word b) { return a ^ b; }
  static Word bnot(Word a) { return ~a; }
  static Word add(Word a, Word b) { return a + b; }
  static Word shl(Word a, unsigned n) { return a << n; }
  static Word lshr(Word a, unsigned n) { return a >> n; }

  static Bool eq(Word a, Word b) { return a == b; }
  static Bool ult(Word a, Word b) { return a < b; }
  static Bool ule(Word a, Word b) { return a <= b; }

  static Word load(const std::array<Word, kBankSize>& bank, Word index) {
    return bank[index & (kBankSize - 1)];
  }
  static void store(std::array<Word, kBankSize>& bank, Word index, Word value) {
    bank[index & (kBankSize - 1)] = value;
  }
};

// Cheaper equivalents of the generic bank helpers (domain.h allows a domain
// to specialize them; the meaning must stay the same).
template <>
inline void AssignIf<ConcreteDomain>(Bank<ConcreteDomain>& dst, const bool& c,
                                     const Bank<ConcreteDomain>& src) {
  if (c) dst = src;
}

template <>
inline void StoreIf<ConcreteDomain>(Bank<ConcreteDomain>& bank,
                                    const bool& enable, const uint64_t& index,
                                    const uint64_t& value) {
  if (enable) bank[index & (kBankSize - 1)] = value;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_CONCRETE_DOMAIN_H_
