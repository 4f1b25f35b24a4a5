// What the CPU holds while the guest runs: the MDCR_EL2 traps
// (REQ-TRAP-TDA, REQ-TRAP-TDE), the hardware breakpoints and watchpoints
// (REQ-HW-PROGRAM) and single-step (REQ-SS). Each is the model's predicate
// (model/requirements.h) on one operation of any kind from any state
// satisfying the invariant.
#ifndef DBGREF_PROOFS_STATEMENTS_ENTRY_H_
#define DBGREF_PROOFS_STATEMENTS_ENTRY_H_

#include <vector>

#include "model/host.h"
#include "model/requirements.h"
#include "model/state.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// Guest debug on while DIRTY is set: lazy switching alone would not trap.
struct TrapTda : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(IsRun<D>(Last(p).op), model::DebugActive<D>(p.start),
                   p.start.dirty);
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqTrapTda<D>(Last(p));
  }
};

struct TrapTde : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsRun<D>(Last(p).op), model::DebugActive<D>(p.start));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqTrapTde<D>(Last(p));
  }
};

// USE_HW on a host with 16 breakpoints and 16 watchpoints.
struct HwProgram : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(D::and_(IsRun<D>(Last(p).op), model::UseHwOn<D>(p.start)),
                   D::eq(model::BrpsField<D>(p.host.id_aa64dfr0_el1), D::lit(15)),
                   D::eq(model::WrpsField<D>(p.host.id_aa64dfr0_el1), D::lit(15)));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqHwProgram<D>(Last(p));
  }
};

struct SingleStep : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(IsRun<D>(Last(p).op), model::SingleStepOn<D>(p.start));
  }
  template <class D>
  static model::BoolOf<D> Goal(const Path<D>& p) {
    return model::ReqSs<D>(Last(p));
  }
};

inline void AddEntryObligations(std::vector<Definition>& out) {
  out.push_back(Define<TrapTda>(
      "req_trap_tda", "REQ-TRAP-TDA",
      "MDCR_EL2.TDA is set on every entry while guest debug is on",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<TrapTde>(
      "req_trap_tde", "REQ-TRAP-TDE",
      "MDCR_EL2.TDE is set on entry exactly when guest debug is on; TPM, "
      "TPMCR, TDRA and TDOSA always",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<HwProgram>(
      "req_hw_program", "REQ-HW-PROGRAM",
      "with USE_HW the hardware breakpoints 0..BRPs and watchpoints 0..WRPs "
      "hold userspace's values and MDSCR_EL1.MDE enables them",
      MethodKind::kFromInvariant, {kAnyOp}));
  out.push_back(Define<SingleStep>(
      "req_ss", "REQ-SS",
      "with SINGLESTEP, PSTATE.SS and MDSCR_EL1.SS are set while the guest "
      "runs; the guest's own SS bits are back afterwards",
      MethodKind::kFromInvariant, {kAnyOp}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_ENTRY_H_
