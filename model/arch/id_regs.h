// ID_AA64DFR0_EL1 as the CPU reports it: how many breakpoints and
// watchpoints it implements, and which of the sixteen register slots of
// each bank therefore exist (Arm ARM, ID_AA64DFR0_EL1.BRPs and .WRPs: the
// number implemented, minus one).
#ifndef DBGREF_MODEL_ARCH_ID_REGS_H_
#define DBGREF_MODEL_ARCH_ID_REGS_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "model/arch/debug_regs.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/record.h"

namespace dbgref::model {

// ID_AA64DFR0_EL1.BRPs: the number of breakpoints minus one (0..15).
template <class D>
WordOf<D> BrpsField(const WordOf<D>& id_aa64dfr0_el1) {
  return Field<D>(id_aa64dfr0_el1, DBGREF_DFR0_BRPS_SHIFT,
                  DBGREF_DFR0_FIELD_MASK);
}

// ID_AA64DFR0_EL1.WRPs: the number of watchpoints minus one (0..15).
template <class D>
WordOf<D> WrpsField(const WordOf<D>& id_aa64dfr0_el1) {
  return Field<D>(id_aa64dfr0_el1, DBGREF_DFR0_WRPS_SHIFT,
                  DBGREF_DFR0_FIELD_MASK);
}

// The number of hardware breakpoints, 1..16.
template <class D>
WordOf<D> NumBrps(const WordOf<D>& id_aa64dfr0_el1) {
  return D::add(BrpsField<D>(id_aa64dfr0_el1), D::lit(1));
}

// The number of hardware watchpoints, 1..16.
template <class D>
WordOf<D> NumWrps(const WordOf<D>& id_aa64dfr0_el1) {
  return D::add(WrpsField<D>(id_aa64dfr0_el1), D::lit(1));
}

// r becomes what a CPU with this ID_AA64DFR0_EL1 has of it: breakpoints
// 0..nb-1 and watchpoints 0..nw-1; the slots it does not implement read as
// 0 here. An observation of the hardware holds only these.
template <class D>
void KeepImplementedOnly(const WordOf<D>& id_aa64dfr0_el1, DebugRegs<D>& r) {
  const WordOf<D> brps = BrpsField<D>(id_aa64dfr0_el1);
  const WordOf<D> wrps = WrpsField<D>(id_aa64dfr0_el1);
  if constexpr (std::is_same_v<WordOf<D>, uint64_t>) {
    // The same banks on C++ words: the slots above BRPs and WRPs cleared.
    // The fields are 4 bits wide, so nb and nw are 1..16.
    static_assert(DBGREF_DFR0_FIELD_MASK + 1 == kBankSize);
    const std::size_t nb = brps + 1;
    const std::size_t nw = wrps + 1;
    std::fill(r.bcr.begin() + nb, r.bcr.end(), 0);
    std::fill(r.bvr.begin() + nb, r.bvr.end(), 0);
    std::fill(r.wcr.begin() + nw, r.wcr.end(), 0);
    std::fill(r.wvr.begin() + nw, r.wvr.end(), 0);
  } else {
    for (std::size_t n = 0; n < kBankSize; ++n) {
      const BoolOf<D> bp = D::ule(D::lit(n), brps);
      const BoolOf<D> wp = D::ule(D::lit(n), wrps);
      r.bcr[n] = D::ite(bp, r.bcr[n], D::lit(0));
      r.bvr[n] = D::ite(bp, r.bvr[n], D::lit(0));
      r.wcr[n] = D::ite(wp, r.wcr[n], D::lit(0));
      r.wvr[n] = D::ite(wp, r.wvr[n], D::lit(0));
    }
  }
}

// KeepImplementedOnly, on a copy of r.
template <class D>
DebugRegs<D> ImplementedOnly(const WordOf<D>& id_aa64dfr0_el1,
                             const DebugRegs<D>& r) {
  DebugRegs<D> out = r;
  KeepImplementedOnly<D>(id_aa64dfr0_el1, out);
  return out;
}

// Whether the CPU implements register (kind, index): breakpoint registers
// below BRPs + 1, watchpoint registers below WRPs + 1, and MDSCR_EL1,
// MDCCINT_EL1 and the OS lock registers always. An access to a register
// the CPU does not implement is UNDEFINED (Arm ARM, the DBGBCR<n>_EL1 to
// DBGWVR<n>_EL1 accessors: UNDEFINED when n is not implemented, before any
// trap to EL2 is considered).
template <class D>
BoolOf<D> RegisterImplemented(const WordOf<D>& id_aa64dfr0_el1,
                              const WordOf<D>& kind, const WordOf<D>& index) {
  const BoolOf<D> breakpoint = D::or_(D::eq(kind, D::lit(DBGREF_REG_BCR)),
                                      D::eq(kind, D::lit(DBGREF_REG_BVR)));
  const BoolOf<D> watchpoint = D::or_(D::eq(kind, D::lit(DBGREF_REG_WCR)),
                                      D::eq(kind, D::lit(DBGREF_REG_WVR)));
  const BoolOf<D> bp_ok = D::ule(index, BrpsField<D>(id_aa64dfr0_el1));
  const BoolOf<D> wp_ok = D::ule(index, WrpsField<D>(id_aa64dfr0_el1));
  return D::ite(breakpoint, bp_ok, D::ite(watchpoint, wp_ok, D::lit_bool(true)));
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_ID_REGS_H_
