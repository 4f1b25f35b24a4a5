// handle_exit: what KVM does with the guest's exit after clear_debug
// (spec/operations.md, "handle_exit"): a debug exception taken to EL2 goes
// to userspace as KVM_EXIT_DEBUG; a trapped MRS or MSR is emulated and
// skipped and the guest resumes; an MMIO store goes to userspace as
// KVM_EXIT_MMIO and completes when userspace runs the vCPU again; an
// interrupt with a signal pending returns to userspace; any other exception
// class gives the guest an UNDEF, as later kernels do.
#ifndef DBGREF_MODEL_HANDLE_EXIT_H_
#define DBGREF_MODEL_HANDLE_EXIT_H_

#include "model/arch/cpu.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/domain.h"
#include "model/guest_layout.h"
#include "model/ioctl.h"
#include "model/state.h"
#include "model/sys_regs.h"
#include "model/uapi.h"

namespace dbgref::model {

// What userspace and the guest see of the exit.
template <class D>
struct ExitInfo {
  WordOf<D> exit_reason;  // 0 (back into the guest), or the kvm_run reason
  WordOf<D> ret;          // KVM_RUN's return value, when it returns
  WordOf<D> hsr;          // KVM_EXIT_DEBUG: ESR_EL2
  WordOf<D> far;          // KVM_EXIT_DEBUG of a watchpoint: FAR_EL2
  WordOf<D> mmio_addr;    // KVM_EXIT_MMIO: the address
  WordOf<D> read_value;   // an emulated MRS's value
  BoolOf<D> undef;        // KVM gave the guest an UNDEF
};

// The guest takes an Undefined Instruction exception at its PC, as KVM
// injects one (ELR_EL1, SPSR_EL1, ESR_EL1, then the vector), on s.ctx.
template <class D>
void InjectUndef(VcpuState<D>& s, const BoolOf<D>& inject) {
  GuestContext<D>& c = s.ctx;
  c.elr_el1 = D::ite(inject, c.pc, c.elr_el1);
  c.spsr_el1 = D::ite(inject, c.pstate, c.spsr_el1);
  c.esr_el1 = D::ite(inject, Syndrome<D>(DBGREF_EC_UNKNOWN, D::lit(0)),
                     c.esr_el1);
  c.pstate = D::ite(inject, D::lit(DBGREF_PSTATE_EXCEPTION_ENTRY), c.pstate);
  c.pc = D::ite(inject, D::lit(DBGREF_VBAR + DBGREF_VECTOR_CURRENT_SPX_SYNC),
                c.pc);
}

// Handles the exit of cpu (exited, or interrupted when interrupted holds)
// on s, a state the caller owns: decides the phase the vCPU goes to.
template <class D>
ExitInfo<D> HandleExit(VcpuState<D>& s, const Cpu<D>& cpu,
                       const BoolOf<D>& interrupted) {
  const WordOf<D>& esr = cpu.esr_el2;
  const BoolOf<D> taken = D::not_(interrupted);
  // REQ-EXIT: breakpoint, software step, watchpoint and BRK exits.
  const BoolOf<D> debug = D::and_(taken, IsDebugClassToEl2<D>(esr));
  const BoolOf<D> sys = D::and_(taken, HasClass<D>(esr, DBGREF_EC_SYS64));
  const BoolOf<D> mmio = D::and_(taken, HasClass<D>(esr, DBGREF_EC_DABT_LOW));
  const BoolOf<D> other =
      And3<D>(taken, D::not_(debug), D::not_(D::or_(sys, mmio)));
  const EmulationResult<D> em = EmulateTrappedAccess<D>(s, cpu.trapped, sys);
  // The emulated instruction, and the MMIO store once userspace has seen it,
  // complete at the next entry (model/world_switch.h).
  s.increment_pc = D::or_(s.increment_pc,
                          D::or_(D::and_(sys, D::not_(em.undef)), mmio));
  const BoolOf<D> undef = D::or_(em.undef, other);
  InjectUndef<D>(s, undef);
  // REQ-EXIT: FAR only for a watchpoint.
  const BoolOf<D> with_far =
      D::and_(debug, HasClass<D>(esr, DBGREF_EC_WATCHPT_LOW));
  const WordOf<D> zero = D::lit(0);
  const WordOf<D> reason = D::ite(
      debug, D::lit(KVM_EXIT_DEBUG),
      D::ite(mmio, D::lit(KVM_EXIT_MMIO),
             D::ite(interrupted, D::lit(KVM_EXIT_INTR), zero)));
  s.phase = D::ite(D::eq(reason, zero), D::lit(kPhaseReenter),
                   D::lit(kPhaseUser));
  return ExitInfo<D>{reason,
                     D::ite(interrupted, Errno<D>(DBGREF_EINTR), zero),
                     D::ite(debug, esr, zero),
                     D::ite(with_far, cpu.far_el2, zero),
                     D::ite(mmio, cpu.far_el2, zero),
                     em.read_value,
                     undef};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_HANDLE_EXIT_H_
