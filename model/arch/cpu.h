// The CPU while the guest runs at EL1, as far as guest debug is concerned:
// the hardware debug registers, MDSCR_EL1 and MDCCINT_EL1, MDCR_EL2, the PC
// and PSTATE, the EL1 exception registers, the hardware OS lock, and the
// exception to EL2 that ended the guest's run. It exists from the world
// switch in to the world switch out.
#ifndef DBGREF_MODEL_ARCH_CPU_H_
#define DBGREF_MODEL_ARCH_CPU_H_

#include "model/arch/debug_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/field_name.h"
#include "model/record_ops.h"

namespace dbgref::model {

template <class D>
struct Cpu {
  DebugRegs<D> dbg;  // the hardware breakpoint and watchpoint registers
  WordOf<D> mdscr_el1;
  WordOf<D> mdccint_el1;
  WordOf<D> mdcr_el2;
  WordOf<D> pc;
  WordOf<D> pstate;  // in the layout of SPSR: SS bit 21, D bit 9, mode
  WordOf<D> elr_el1;
  WordOf<D> spsr_el1;
  WordOf<D> esr_el1;
  WordOf<D> far_el1;
  // The transfer register of an MRS or MSR: what an MSR writes, where an
  // MRS's value lands. Every trapped access names it as Rt.
  WordOf<D> xt;
  BoolOf<D> os_locked;  // the hardware OS lock (OSLSR_EL1.OSLK)
  // The last instruction completed a step (active-not-pending to
  // active-pending): the next step exception reports ISV = 1.
  BoolOf<D> stepped;
  // The exception to EL2 that ended the run, once exited: ESR_EL2, FAR_EL2
  // (a watchpoint's address, or an MMIO access's), and the trapped
  // instruction (an MRS or MSR).
  BoolOf<D> exited;
  WordOf<D> esr_el2;
  WordOf<D> far_el2;
  Insn<D> trapped;
};

template <class D>
Cpu<D> ZeroCpu() {
  const WordOf<D> z = D::lit(0);
  const BoolOf<D> f = D::lit_bool(false);
  return Cpu<D>{ZeroRegs<D>(), z, z, z, z, z, z, z, z, z, z, f, f, f, z, z,
                InsnOfKind<D>(DBGREF_INSN_NOP)};
}

// The field walker (see model/arch/debug_regs.h).
template <class F, class... R>
void WalkCpu(F& f, const FieldName& prefix, R&... cpu) {
  WalkRegs(f, FieldName(prefix, "dbg."), cpu.dbg...);
  f.Word(FieldName(prefix, "mdscr_el1"), cpu.mdscr_el1...);
  f.Word(FieldName(prefix, "mdccint_el1"), cpu.mdccint_el1...);
  f.Word(FieldName(prefix, "mdcr_el2"), cpu.mdcr_el2...);
  f.Word(FieldName(prefix, "pc"), cpu.pc...);
  f.Word(FieldName(prefix, "pstate"), cpu.pstate...);
  f.Word(FieldName(prefix, "elr_el1"), cpu.elr_el1...);
  f.Word(FieldName(prefix, "spsr_el1"), cpu.spsr_el1...);
  f.Word(FieldName(prefix, "esr_el1"), cpu.esr_el1...);
  f.Word(FieldName(prefix, "far_el1"), cpu.far_el1...);
  f.Word(FieldName(prefix, "xt"), cpu.xt...);
  f.Bool(FieldName(prefix, "os_locked"), cpu.os_locked...);
  f.Bool(FieldName(prefix, "stepped"), cpu.stepped...);
  f.Bool(FieldName(prefix, "exited"), cpu.exited...);
  f.Word(FieldName(prefix, "esr_el2"), cpu.esr_el2...);
  f.Word(FieldName(prefix, "far_el2"), cpu.far_el2...);
  WalkInsn(f, FieldName(prefix, "trapped."), cpu.trapped...);
}

inline constexpr auto kWalkCpu = [](auto& f, const FieldName& name,
                                    auto&... cpu) { WalkCpu(f, name, cpu...); };

template <class D>
Cpu<D> Select(const BoolOf<D>& c, const Cpu<D>& a, const Cpu<D>& b) {
  return SelectRecord<D>(kWalkCpu, c, a, b);
}

template <class D>
BoolOf<D> CpuEq(const Cpu<D>& a, const Cpu<D>& b) {
  return RecordsEqual<D>(kWalkCpu, a, b);
}

template <class D>
BoolOf<D> PstateSs(const WordOf<D>& pstate) {
  return AnyBits<D>(pstate, DBGREF_SPSR_SS);
}

// MDSCR_EL1 as it governs the guest while it runs. With MDCR_EL2.TDE set
// the debug target is EL2, and MDSCR_EL1.KDE, which enables debug
// exceptions taken to the target level from that level itself, has no
// effect on exceptions from the guest at EL1 or EL0 (Arm ARM, D2 "The debug
// exception enable controls"); the observation leaves it out then.
template <class D>
WordOf<D> ObservedMdscr(const Cpu<D>& cpu) {
  const BoolOf<D> tde = AnyBits<D>(cpu.mdcr_el2, DBGREF_MDCR_TDE);
  return D::ite(tde, D::band(cpu.mdscr_el1, D::lit(~DBGREF_MDSCR_KDE)),
                cpu.mdscr_el1);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_CPU_H_
