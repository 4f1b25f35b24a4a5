// The CPU while the guest runs, as far as guest debug is concerned: the
// hardware debug registers, the EL1 registers MDSCR_EL1 and MDCCINT_EL1,
// PSTATE.SS, and MDCR_EL2. It exists only inside one KVM_RUN iteration,
// from the world switch in to the world switch out.
#ifndef DBGREF_MODEL_ARCH_CPU_H_
#define DBGREF_MODEL_ARCH_CPU_H_

#include "model/arch/debug_regs.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record_ops.h"

namespace dbgref::model {

template <class D>
struct Cpu {
  DebugContext<D> regs;
  WordOf<D> mdcr_el2;
};

template <class D>
Cpu<D> ZeroCpu() {
  return Cpu<D>{ZeroContext<D>(), D::lit(0)};
}

// MDSCR_EL1 as it governs the guest while it runs. With MDCR_EL2.TDE set
// the debug target is EL2, and MDSCR_EL1.KDE, which enables debug
// exceptions taken to the target level from that level itself, has no
// effect on exceptions from the guest at EL1 or EL0 (Arm ARM, D2 "The debug
// exception enable controls"); the observation leaves it out then.
template <class D>
WordOf<D> ObservedMdscr(const Cpu<D>& cpu) {
  const BoolOf<D> tde = AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDE);
  return D::ite(tde, D::band(cpu.regs.mdscr_el1, D::lit(~DBGREF_MDSCR_KDE)),
                cpu.regs.mdscr_el1);
}

// The field walker (see model/arch/debug_regs.h).
template <class F, class... R>
void WalkCpu(F& f, const FieldName& prefix, R&... cpu) {
  WalkContext(f, FieldName(prefix, "regs."), cpu.regs...);
  f.Word(FieldName(prefix, "mdcr_el2"), cpu.mdcr_el2...);
}

inline constexpr auto kWalkCpu = [](auto& f, const FieldName& name,
                                    auto&... cpu) { WalkCpu(f, name, cpu...); };

template <class D>
Cpu<D> Select(const BoolOf<D>& c, const Cpu<D>& a, const Cpu<D>& b) {
  return SelectRecord<D>(kWalkCpu, c, a, b);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_CPU_H_
