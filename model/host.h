// The host CPU a vCPU runs on, an input to every operation: ID_AA64DFR0_EL1
// (how many breakpoints and watchpoints exist) and the values the host keeps
// in the hardware debug registers for itself.
#ifndef DBGREF_MODEL_HOST_H_
#define DBGREF_MODEL_HOST_H_

#include "model/arch.h"
#include "model/debug_regs.h"
#include "model/domain.h"

namespace dbgref::model {

template <class D>
struct Host {
  WordOf<D> id_aa64dfr0_el1;
  DebugRegs<D> host_regs;
};

// ID_AA64DFR0_EL1.BRPs: the number of breakpoints minus one (0..15).
template <class D>
WordOf<D> BrpsField(const Host<D>& h) {
  return Field<D>(h.id_aa64dfr0_el1, DBGREF_DFR0_BRPS_SHIFT,
                  DBGREF_DFR0_FIELD_MASK);
}

// ID_AA64DFR0_EL1.WRPs: the number of watchpoints minus one (0..15).
template <class D>
WordOf<D> WrpsField(const Host<D>& h) {
  return Field<D>(h.id_aa64dfr0_el1, DBGREF_DFR0_WRPS_SHIFT,
                  DBGREF_DFR0_FIELD_MASK);
}

// The number of hardware breakpoints, 1..16.
template <class D>
WordOf<D> NumBrps(const Host<D>& h) {
  return D::add(BrpsField<D>(h), D::lit(1));
}

// The number of hardware watchpoints, 1..16.
template <class D>
WordOf<D> NumWrps(const Host<D>& h) {
  return D::add(WrpsField<D>(h), D::lit(1));
}

// r as a CPU with this configuration has it: breakpoints 0..nb-1 and
// watchpoints 0..nw-1; the registers it does not implement read as 0. An
// observation of the hardware holds only these (Arm ARM, ID_AA64DFR0_EL1:
// BRPs and WRPs give the number implemented; the others do not exist).
template <class D>
DebugRegs<D> ImplementedOnly(const Host<D>& h, const DebugRegs<D>& r) {
  const WordOf<D> brps = BrpsField<D>(h);
  const WordOf<D> wrps = WrpsField<D>(h);
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

#endif  // DBGREF_MODEL_HOST_H_
