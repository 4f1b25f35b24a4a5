// Emulation of a trapped guest MRS or MSR (trap_debug_regs and the OS lock
// handlers), run from handle_exit after clear_debug (spec/operations.md,
// "Trapped accesses").
#ifndef DBGREF_MODEL_SYS_REGS_H_
#define DBGREF_MODEL_SYS_REGS_H_

#include "model/arch/debug_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/record.h"
#include "model/state.h"

namespace dbgref::model {

// What the emulation gives the guest.
template <class D>
struct EmulationResult {
  WordOf<D> read_value;  // what an MRS puts in the guest's register, else 0
  BoolOf<D> undef;       // an UNDEF was injected instead
};

// Emulates the trapped instruction i on s (the caller's) when trapped holds;
// otherwise changes nothing.
template <class D>
EmulationResult<D> EmulateTrappedAccess(VcpuState<D>& s, const Insn<D>& i,
                                        const BoolOf<D>& trapped) {
  const BoolOf<D> is_write = IsInsn<D>(i, DBGREF_INSN_MSR);
  // REQ-NOUNDEF: every register of these handlers is emulated.
  const BoolOf<D> undef = D::lit_bool(false);
  const BoolOf<D> emulate = D::and_(trapped, D::not_(undef));
  const BoolOf<D> oslar = IsKind<D>(i.reg, DBGREF_REG_OSLAR);
  const BoolOf<D> oslsr = IsKind<D>(i.reg, DBGREF_REG_OSLSR);
  // REQ-SHADOW, REQ-ISOLATION: always the guest's own values, whatever the
  // host is doing with the hardware. REQ-OSLOCK: the lock is emulated.
  const WordOf<D> oslsr_value =
      D::bor(D::lit(DBGREF_OSLSR_OSLM),
             D::ite(s.ctx.os_locked, D::lit(DBGREF_OSLSR_OSLK), D::lit(0)));
  const WordOf<D> own = ReadReg<D>(s.ctx, i.reg, i.reg_index);
  const WordOf<D> read_value =
      D::ite(D::and_(emulate, D::not_(is_write)),
             D::ite(oslsr, oslsr_value, own), D::lit(0));
  BoolOf<D> write = D::and_(emulate, is_write);
  WriteRegIf<D>(s.ctx, write, i.reg, i.reg_index, i.value);
  s.ctx.os_locked = D::ite(D::and_(write, oslar),
                           AnyBits<D>(i.value, DBGREF_OSLAR_OSLK),
                           s.ctx.os_locked);
  s.ctx.xt = D::ite(D::and_(emulate, D::not_(is_write)), read_value, s.ctx.xt);
  // REQ-OFF: a write to a debug register, MDSCR_EL1 or MDCCINT_EL1 marks
  // the registers dirty, so the
  // next entry loads them all and stops trapping (lazy switching).
  s.dirty = D::or_(s.dirty, D::and_(write, D::not_(oslar)));
  return EmulationResult<D>{read_value, undef};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_SYS_REGS_H_
