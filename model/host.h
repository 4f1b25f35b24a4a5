// The host CPU a vCPU runs on, an input to every operation: ID_AA64DFR0_EL1
// (how many breakpoints and watchpoints exist, model/arch/id_regs.h) and
// the values the host keeps in the hardware debug registers for itself.
#ifndef DBGREF_MODEL_HOST_H_
#define DBGREF_MODEL_HOST_H_

#include "model/arch/debug_regs.h"
#include "model/arch/id_regs.h"
#include "model/domain.h"
#include "model/field_name.h"

namespace dbgref::model {

template <class D>
struct Host {
  WordOf<D> id_aa64dfr0_el1;
  DebugRegs<D> host_regs;
};

template <class D>
Host<D> ZeroHost() {
  return Host<D>{D::lit(0), ZeroRegs<D>()};
}

// The field walker (see model/arch/debug_regs.h).
template <class F, class... H>
void WalkHost(F& f, const FieldName& prefix, H&... h) {
  f.Word(FieldName(prefix, "id_aa64dfr0_el1"), h.id_aa64dfr0_el1...);
  WalkRegs(f, FieldName(prefix, "host_regs."), h.host_regs...);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_HOST_H_
