// handle_exit: what KVM does with the guest's exit after clear_debug. A
// debug exception taken to EL2 goes to userspace as KVM_EXIT_DEBUG; a
// trapped register access is emulated and the guest resumes; any other exit
// resumes the guest (exit_reason 0 in the observation).
#ifndef DBGREF_MODEL_HANDLE_EXIT_H_
#define DBGREF_MODEL_HANDLE_EXIT_H_

#include "model/arch/registers.h"
#include "model/domain.h"
#include "model/arch/execute.h"
#include "model/op.h"
#include "model/state.h"
#include "model/sys_regs.h"
#include "model/uapi.h"

namespace dbgref::model {

// What userspace and the guest see of the exit.
template <class D>
struct ExitInfo {
  WordOf<D> exit_reason;  // KVM_EXIT_DEBUG or 0
  WordOf<D> hsr;
  WordOf<D> pc;
  WordOf<D> far;
  WordOf<D> read_value;
  BoolOf<D> undef;
};

// Handles the exit on s, a state the caller owns; returns what userspace
// and the guest see.
template <class D>
ExitInfo<D> HandleExit(VcpuState<D>& s, const Action<D>& a,
                            const GuestEvent<D>& e) {
  const EmulationResult<D> em = EmulateTrappedAccess<D>(s, a, e.trapped);
  // REQ-EXIT: hsr = ESR and the guest PC; FAR only for a watchpoint.
  const BoolOf<D> dbg = e.debug_exit;
  const BoolOf<D> with_far = D::and_(
      dbg, D::eq(ExceptionClass<D>(a.esr), D::lit(DBGREF_EC_WATCHPT_LOW)));
  const WordOf<D> zero = D::lit(0);
  return ExitInfo<D>{D::ite(dbg, D::lit(KVM_EXIT_DEBUG), zero),
                     D::ite(dbg, a.esr, zero),
                     D::ite(dbg, a.pc, zero),
                     D::ite(with_far, a.far, zero),
                     D::ite(e.direct_read, e.direct_value, em.read_value),
                     em.undef};
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_HANDLE_EXIT_H_
