// The C interface of the concrete CPU: the C records are the model's own
// (same layout), so each call runs the model's rule on them in place.
#include "model/concrete_cpu.h"

#include <cstddef>
#include <cstring>
#include <type_traits>

#include "model/arch/cpu.h"
#include "model/arch/exception_return.h"
#include "model/arch/execute.h"
#include "model/arch/instruction.h"
#include "model/concrete_domain.h"
#include "model/observe.h"
#include "model/record_convert.h"
#include "model/run.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;
using CpuC = Cpu<C>;
using ProgramC = Program<C, DBGREF_MAX_PROGRAM_LINES>;

#define DBGREF_SAME_FIELD(a, b, f)                               \
  static_assert(offsetof(a, f) == offsetof(b, f), #f " offset"); \
  static_assert(sizeof(a::f) == sizeof(b::f), #f " size")

DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, dbg);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, mdscr_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, mdccint_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, mdcr_el2);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, pc);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, pstate);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, elr_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, spsr_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, esr_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, far_el1);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, xt);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, os_locked);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, stepped);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, exited);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, esr_el2);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, far_el2);
DBGREF_SAME_FIELD(dbgref_arch_cpu, CpuC, trapped);
static_assert(sizeof(dbgref_arch_cpu) == sizeof(CpuC));
static_assert(sizeof(dbgref_arch_insn) == sizeof(Insn<C>));
static_assert(sizeof(dbgref_arch_program) == sizeof(ProgramC));
static_assert(std::is_standard_layout_v<CpuC> &&
              std::is_trivially_copyable_v<CpuC>);
static_assert(std::is_trivially_copyable_v<ProgramC>);

CpuC& AsModel(dbgref_arch_cpu* cpu) { return *reinterpret_cast<CpuC*>(cpu); }
const CpuC& AsModel(const dbgref_arch_cpu* cpu) {
  return *reinterpret_cast<const CpuC*>(cpu);
}
const ProgramC& AsModel(const dbgref_arch_program* p) {
  return *reinterpret_cast<const ProgramC*>(p);
}

// A field of the C record from the model's (as ToRecord converts it).
template <class T>
void CopyField(const uint64_t& from, T& to) {
  to = static_cast<T>(from);
}

// Copies the GUEST fields of o into the C record.
void CopyStepFields(const Obs<C>& o, dbgref_obs* out) {
  CopyField(o.step, out->step);
  CopyField(o.op_kind, out->op_kind);
  CopyField(o.pc, out->pc);
  CopyField(o.event, out->event);
  CopyField(o.esr, out->esr);
  CopyField(o.far, out->far);
  CopyField(o.read_value, out->read_value);
}

}  // namespace
}  // namespace dbgref::model

using dbgref::model::AsModel;

extern "C" void dbgref_arch_load_program(const struct dbgref_program* program,
                                         struct dbgref_arch_program* out) {
  const dbgref::model::ProgramC p = dbgref::model::FromRecord(*program);
  std::memcpy(out, &p, sizeof(p));
}

extern "C" void dbgref_arch_cpu_init(
    struct dbgref_arch_cpu* cpu, const struct kvm_guest_debug_arch* host_regs) {
  using namespace dbgref::model;
  CpuC& c = AsModel(cpu);
  c = ZeroCpu<C>();
  c.dbg = FromRecord(*host_regs);
}

extern "C" void dbgref_arch_guest_step(
    uint64_t id_aa64dfr0_el1, const struct dbgref_arch_program* program,
    struct dbgref_arch_cpu* cpu, struct dbgref_obs* obs) {
  using namespace dbgref::model;
  const GuestStepEvent<C> e =
      GuestStep<C>(id_aa64dfr0_el1, AsModel(program), AsModel(cpu));
  // Only the fields ObserveGuestStep writes are read (CopyStepFields): the
  // rest of the record need not be cleared first.
  Obs<C> o;
  ObserveGuestStep<C>(e, false, o);
  CopyStepFields(o, obs);
}

extern "C" void dbgref_arch_interrupt(struct dbgref_arch_cpu* cpu,
                                      struct dbgref_obs* obs) {
  using namespace dbgref::model;
  CpuC& c = AsModel(cpu);
  c.exited = true;
  c.esr_el2 = kInterruptSyndrome;
  const GuestStepEvent<C> none{
      c.pc, InsnOfKind<C>(DBGREF_INSN_NOP), 0, 0, 0, 0, false, false};
  Obs<C> o = ZeroObs<C>(DBGREF_STEP_GUEST, DBGREF_OP_RUN);
  ObserveGuestStep<C>(none, true, o);
  CopyStepFields(o, obs);
}

extern "C" void dbgref_arch_return_from_el2(struct dbgref_arch_cpu* cpu) {
  using namespace dbgref::model;
  ReturnFromEl2<C>(AsModel(cpu));
}

extern "C" void dbgref_arch_observe_entry(uint64_t id_aa64dfr0_el1,
                                          const struct dbgref_arch_cpu* cpu,
                                          struct dbgref_obs* obs) {
  using namespace dbgref::model;
  // Only the fields ObserveEntry writes are read: the rest of o need not be
  // cleared first.
  Obs<C> o;
  ObserveEntry<C>(id_aa64dfr0_el1, AsModel(cpu), o);
  obs->step = DBGREF_STEP_ENTER;
  obs->op_kind = DBGREF_OP_RUN;
  CopyField(o.entry_mdcr_el2, obs->entry_mdcr_el2);
  ToRecord(o.entry_hw, &obs->entry_hw);
  CopyField(o.entry_mdscr_el1, obs->entry_mdscr_el1);
  CopyField(o.entry_pstate, obs->entry_pstate);
  CopyField(o.entry_pc, obs->entry_pc);
}

extern "C" int dbgref_arch_is_interrupt(uint64_t esr_el2) {
  return esr_el2 == dbgref::model::kInterruptSyndrome ? 1 : 0;
}
