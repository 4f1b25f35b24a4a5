// Bounded model checking from reset, which does not rely on the invariant:
// a cross-check of the inductive obligations. Every sequence of eight
// operations of any kind, on every host, from the reset state: at every
// step, TDE is set on entry exactly when guest debug is on, with TPM, TPMCR,
// TDRA and TDOSA (REQ-TRAP-TDE), and a KVM_SET_GUEST_DEBUG without ENABLE
// turns guest debug off (REQ-IOCTL-DISABLE). These two depend only on the
// history of the control word, which keeps eight steps cheap; the
// requirements on the register files are proved by induction alone.
#ifndef DBGREF_PROOFS_STATEMENTS_BOUNDED_H_
#define DBGREF_PROOFS_STATEMENTS_BOUNDED_H_

#include <cstddef>
#include <vector>

#include "model/requirements.h"
#include "model/state.h"
#include "model/step.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

inline constexpr std::size_t kBoundedDepth = 8;

struct GuestDebugOnOffFromReset : OneStep {
  // The guest runs with guest debug on at the last step.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsRun<D>(Last(p).op), model::DebugActive<D>(Last(p).pre));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    model::BoolOf<D> ok = D::lit_bool(true);
    for (const model::Transition<D>& t : p.steps) {
      ok = D::and_(
          ok, D::and_(model::ReqTrapTde<D>(t), model::ReqIoctlDisable<D>(t)));
    }
    return ok;
  }
};

inline void AddBoundedObligations(std::vector<Definition>& out) {
  out.push_back(Define<GuestDebugOnOffFromReset>(
      "bmc_trap_tde_from_reset", "REQ-TRAP-TDE",
      "at every step of every sequence of eight operations from reset, TDE "
      "is set exactly while guest debug is on and a call without ENABLE "
      "turns it off",
      MethodKind::kBoundedFromReset,
      std::vector<unsigned>(kBoundedDepth, kAnyOp)));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_BOUNDED_H_
