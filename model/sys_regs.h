// Emulation of a trapped guest access to a debug register, MDSCR_EL1 or
// MDCCINT_EL1 (trap_debug_regs), run from handle_exit after clear_debug.
#ifndef DBGREF_MODEL_SYS_REGS_H_
#define DBGREF_MODEL_SYS_REGS_H_

#include "model/arch/debug_regs.h"
#include "model/domain.h"
#include "model/op.h"
#include "model/record.h"
#include "model/state.h"

namespace dbgref::model {

// What the emulation returns to the guest.
template <class D>
struct EmulationResult {
  WordOf<D> read_value;  // what a read puts in the guest's register, else 0
  BoolOf<D> undef;       // an UNDEF was injected instead
};

// Emulates access a on s, a state the caller owns, when trapped holds;
// otherwise changes nothing.
template <class D>
EmulationResult<D> EmulateTrappedAccess(VcpuState<D>& s,
                                             const Action<D>& a,
                                             const BoolOf<D>& trapped) {
  // REQ-NOUNDEF: every register of this handler is emulated.
#ifdef DBGREF_MUTANT_UNDEF_MDSCR_USE_HW
  const BoolOf<D> undef =
      And3<D>(trapped, UseHwOn<D>(s),
              D::or_(IsKind<D>(a.reg_kind, DBGREF_REG_MDSCR),
                     IsKind<D>(a.reg_kind, DBGREF_REG_MDCCINT)));
#else
  const BoolOf<D> undef = D::lit_bool(false);
#endif
  const BoolOf<D> emulate = D::and_(trapped, D::not_(undef));
  // REQ-SHADOW, REQ-ISOLATION: always the guest's own values, whatever the
  // host is doing with the hardware.
#ifdef DBGREF_MUTANT_READ_LOADED_SET
  // A read of a bank register under USE_HW answers from the set the world
  // switch loads (userspace's), not the guest's own.
  DebugContext<D> loaded = s.ctx;
  loaded.regs = Select<D>(UseHwOn<D>(s), s.external, s.ctx.regs);
  const WordOf<D> read_value =
      D::ite(D::and_(emulate, D::not_(a.is_write)),
             ReadReg<D>(loaded, a.reg_kind, a.index), D::lit(0));
#else
  const WordOf<D> read_value =
      D::ite(D::and_(emulate, D::not_(a.is_write)),
             ReadReg<D>(s.ctx, a.reg_kind, a.index), D::lit(0));
#endif
  BoolOf<D> write = D::and_(emulate, a.is_write);
#ifdef DBGREF_MUTANT_TRAP_WRITE_LOST
  write = D::and_(write, D::not_(UseHwOn<D>(s)));
#endif
  WriteRegIf<D>(s.ctx, write, a.reg_kind, a.index, a.value);
  // REQ-OFF: a write marks the registers dirty, so the next entry loads them
  // all and stops trapping (lazy switching).
#ifndef DBGREF_MUTANT_DIRTY_NOT_SET_ON_WRITE
  s.dirty = D::or_(s.dirty, write);
#endif
  return EmulationResult<D>{read_value, undef};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_SYS_REGS_H_
