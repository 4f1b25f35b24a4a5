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
  const BoolOf<D> undef = D::lit_bool(false);
  const BoolOf<D> emulate = D::and_(trapped, D::not_(undef));
  // REQ-SHADOW, REQ-ISOLATION: always the guest's own values, whatever the
  // host is doing with the hardware.
  const WordOf<D> read_value =
      D::ite(D::and_(emulate, D::not_(a.is_write)),
             ReadReg<D>(s.ctx, a.reg_kind, a.index), D::lit(0));
  BoolOf<D> write = D::and_(emulate, a.is_write);
  WriteRegIf<D>(s.ctx, write, a.reg_kind, a.index, a.value);
  // REQ-OFF: a write marks the registers dirty, so the next entry loads them
  // all and stops trapping (lazy switching).
  s.dirty = D::or_(s.dirty, write);
  return EmulationResult<D>{read_value, undef};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_SYS_REGS_H_
