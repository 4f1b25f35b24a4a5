// ID_AA64DFR0_EL1 as the CPU reports it: how many breakpoints and
// watchpoints it implements, and which of the sixteen register slots of
// each bank therefore exist (Arm ARM, ID_AA64DFR0_EL1.BRPs and .WRPs: the
// number implemented, minus one).
#ifndef DBGREF_MODEL_ARCH_ID_REGS_H_
#define DBGREF_MODEL_ARCH_ID_REGS_H_

#include <cstddef>

#include "model/arch/debug_regs.h"
#include "model/arch/registers.h"
#include "model/domain.h"

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

// r as a CPU with this ID_AA64DFR0_EL1 has it: breakpoints 0..nb-1 and
// watchpoints 0..nw-1; the slots it does not implement read as 0 here. An
// observation of the hardware holds only these.
template <class D>
DebugRegs<D> ImplementedOnly(const WordOf<D>& id_aa64dfr0_el1,
                             const DebugRegs<D>& r) {
  const WordOf<D> brps = BrpsField<D>(id_aa64dfr0_el1);
  const WordOf<D> wrps = WrpsField<D>(id_aa64dfr0_el1);
  DebugRegs<D> out = r;
  for (std::size_t n = 0; n < kBankSize; ++n) {
    const BoolOf<D> bp = D::ule(D::lit(n), brps);
    const BoolOf<D> wp = D::ule(D::lit(n), wrps);
    out.bcr[n] = D::ite(bp, r.bcr[n], D::lit(0));
    out.bvr[n] = D::ite(bp, r.bvr[n], D::lit(0));
    out.wcr[n] = D::ite(wp, r.wcr[n], D::lit(0));
    out.wvr[n] = D::ite(wp, r.wvr[n], D::lit(0));
  }
  return out;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_ID_REGS_H_
