// Bounded model checking from reset, which does not rely on the invariant:
// a cross-check of the inductive obligations. Every sequence of transitions
// of any kind, on every host and program, from the reset state: at every
// step, TDE is set on entry exactly when guest debug is on, with TPM,
// TPMCR, TDRA and TDOSA (REQ-TRAP-TDE), and a valid KVM_SET_GUEST_DEBUG
// without ENABLE turns guest debug off (REQ-IOCTL-DISABLE).
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

inline constexpr std::size_t kBoundedDepth = 4;

struct GuestDebugOnOffFromReset : OneStep {
  // The guest enters with guest debug on at the last step.
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::IsOp<D>(Last(p).op, model::kEnter),
                   model::DebugActive<D>(Last(p).pre));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    model::BoolOf<D> ok = D::lit_bool(true);
    for (const model::Transition<D, kProofLines>& t : p.steps) {
      ok = D::and_(ok, D::and_(model::ReqTrapTde<D, kProofLines>(t),
                               model::ReqIoctlDisable<D, kProofLines>(t)));
    }
    return ok;
  }
};

inline void AddBoundedObligations(std::vector<Definition>& out) {
  const KindSet cheap = kIoctlKinds | KindsOf(model::kEnter);
  out.push_back(Define<GuestDebugOnOffFromReset>(
      "bmc_trap_tde_from_reset", "REQ-TRAP-TDE",
      "at every step of every sequence of ioctls and entries from reset, TDE "
      "is set exactly while guest debug is on and a call without ENABLE "
      "turns it off",
      MethodKind::kBoundedFromReset,
      std::vector<KindSet>(kBoundedDepth, cheap)));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_BOUNDED_H_
