// Exception syndromes as the CPU reports them in ESR_ELx (Arm ARM, ESR_ELx:
// EC in bits [31:26]), and which classes are debug exceptions.
#ifndef DBGREF_MODEL_ARCH_EXCEPTION_H_
#define DBGREF_MODEL_ARCH_EXCEPTION_H_

#include "model/arch/registers.h"
#include "model/domain.h"

namespace dbgref::model {

template <class D>
WordOf<D> ExceptionClass(const WordOf<D>& esr) {
  return Field<D>(esr, DBGREF_ESR_EC_SHIFT, DBGREF_ESR_EC_MASK);
}

// The classes of debug exceptions taken from a lower exception level:
// breakpoint, software step, watchpoint, BKPT and BRK (Arm ARM, D2 "Debug
// exceptions"). MDCR_EL2.TDE routes exactly these to EL2.
template <class D>
BoolOf<D> IsDebugClass(const WordOf<D>& ec) {
  auto is = [&](uint64_t c) { return D::eq(ec, D::lit(c)); };
  BoolOf<D> debug =
      D::or_(is(DBGREF_EC_SOFTSTP_LOW), is(DBGREF_EC_BREAKPT_LOW));
  debug = D::or_(debug, is(DBGREF_EC_WATCHPT_LOW));
  return D::or_(debug, D::or_(is(DBGREF_EC_BKPT32), is(DBGREF_EC_BRK64)));
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_EXCEPTION_H_
