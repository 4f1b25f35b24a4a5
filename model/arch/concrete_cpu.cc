// The C interface of the concrete CPU: copies the port's registers into the
// model's CPU record, runs the model's rule and copies them back.
#include "model/arch/concrete_cpu.h"

#include "model/arch/cpu.h"
#include "model/arch/exception.h"
#include "model/arch/execute.h"
#include "model/arch/syndrome.h"
#include "model/concrete_domain.h"
#include "model/record_convert.h"
#include "model/run.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

Cpu<C> FromRegs(const dbgref_arch_regs& r) {
  return Cpu<C>{DebugContext<C>{FromRecord(r.dbg), r.mdscr_el1, r.mdccint_el1,
                                r.pstate_ss != 0},
                r.mdcr_el2};
}

}  // namespace
}  // namespace dbgref::model

extern "C" void dbgref_arch_execute(struct dbgref_arch_regs* regs,
                                    const struct dbgref_action* a,
                                    struct dbgref_arch_event* event) {
  using namespace dbgref::model;
  Cpu<C> cpu = FromRegs(*regs);
  const GuestEvent<C> e = ExecuteGuestAction<C>(cpu, FromRecord(*a));
  regs->dbg = ToRecord(cpu.regs.regs);
  regs->mdscr_el1 = cpu.regs.mdscr_el1;
  regs->mdccint_el1 = cpu.regs.mdccint_el1;
  regs->pstate_ss = cpu.regs.pstate_ss ? 1 : 0;
  event->trapped = e.trapped ? 1 : 0;
  event->debug_exit = e.debug_exit ? 1 : 0;
  event->direct_read = e.direct_read ? 1 : 0;
  event->direct_value = e.direct_value;
}

extern "C" uint32_t dbgref_arch_is_debug_class(uint32_t ec) {
  return dbgref::model::IsDebugClass<dbgref::model::C>(ec) ? 1 : 0;
}

extern "C" uint32_t dbgref_arch_sys64_esr(uint32_t reg_kind, uint32_t index,
                                          uint32_t is_write, uint32_t rt) {
  return dbgref::model::Sys64Syndrome(reg_kind, index, is_write != 0, rt);
}

extern "C" void dbgref_arch_observe_entry(const struct dbgref_arch_regs* regs,
                                          uint64_t id_aa64dfr0_el1,
                                          struct dbgref_obs* obs) {
  using namespace dbgref::model;
  Obs<C> o = ZeroObs<C>(0, 0);
  ObserveEntry<C>(id_aa64dfr0_el1, FromRegs(*regs), o);
  obs->entry_mdcr_el2 = o.entry_mdcr_el2;
  obs->entry_hw = ToRecord(o.entry_hw);
  obs->entry_mdscr_el1 = o.entry_mdscr_el1;
  obs->entry_pstate_ss = o.entry_pstate_ss ? 1 : 0;
}
