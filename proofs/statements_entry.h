// What every entry into the guest does (REQ-TRAP-TDA, REQ-TRAP-TDE,
// REQ-HW-PROGRAM, REQ-SS on entry, REQ-ISOLATION, REQ-OFF): the model's
// predicate on one ENTER from any state satisfying the invariant.
#ifndef DBGREF_PROOFS_STATEMENTS_ENTRY_H_
#define DBGREF_PROOFS_STATEMENTS_ENTRY_H_

#include <vector>

#include "model/requirements.h"
#include "model/state.h"
#include "proofs/statement.h"
#include "proofs/statements_common.h"

namespace dbgref::proofs {

// An entry with DIRTY set while single-stepping: TDE must carry the trap.
struct TrapTda : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::SingleStepOn<D>(p.start), p.start.dirty);
  }
  DBGREF_REQUIREMENT_GOAL(ReqTrapTda)
};

struct TrapTde : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return model::DebugActive<D>(p.start);
  }
  DBGREF_REQUIREMENT_GOAL(ReqTrapTde)
};

// USE_HW on a host with all sixteen breakpoints and watchpoints.
struct HwProgram : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(
        model::UseHwOn<D>(p.start),
        D::eq(D::band(p.host.id_aa64dfr0_el1, D::lit(0xf0f000)),
              D::lit(0xf0f000)));
  }
  DBGREF_REQUIREMENT_GOAL(ReqHwProgram)
};

// An entry that completes an emulated instruction while single-stepping.
struct SsEntry : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return D::and_(model::SingleStepOn<D>(p.start), p.start.increment_pc);
  }
  DBGREF_REQUIREMENT_GOAL(ReqSs)
};

struct IsolationEntry : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return model::UseHwOn<D>(p.start);
  }
  DBGREF_REQUIREMENT_GOAL(ReqIsolation)
};

// Guest debug off with the guest's OS lock set and its debug enabled.
struct Off : OneStep {
  template <class D>
  static model::BoolOf<D> Trigger(const Path<D>& p) {
    return And3<D>(D::not_(model::DebugActive<D>(p.start)),
                   p.start.ctx.os_locked,
                   model::AnyBits<D>(p.start.ctx.mdscr_el1, DBGREF_MDSCR_MDE));
  }
  DBGREF_REQUIREMENT_GOAL(ReqOff)
};

inline void AddEntryObligations(std::vector<Definition>& out) {
  const KindSet enter = KindsOf(model::kEnter);
  out.push_back(Define<TrapTda>(
      "req_trap_tda", "REQ-TRAP-TDA",
      "while guest debug is on every entry traps the debug registers (TDA, "
      "or TDE which implies it); with USE_HW the TDA bit itself",
      MethodKind::kFromInvariant, {enter}));
  out.push_back(Define<TrapTde>(
      "req_trap_tde", "REQ-TRAP-TDE",
      "TDE exactly while guest debug is on; TPM, TPMCR, TDRA, TDOSA always",
      MethodKind::kFromInvariant, {enter}));
  out.push_back(Define<HwProgram>(
      "req_hw_program", "REQ-HW-PROGRAM",
      "with USE_HW the implemented registers hold userspace's values and MDE "
      "is set as the guest starts to run",
      MethodKind::kFromInvariant, {enter}));
  out.push_back(Define<SsEntry>(
      "req_ss_entry", "REQ-SS",
      "with SINGLESTEP the guest runs with MDSCR_EL1.SS and PSTATE.SS set "
      "(clear when a step is pending or an emulated instruction completes)",
      MethodKind::kFromInvariant, {enter}));
  out.push_back(Define<IsolationEntry>(
      "req_isolation_entry", "REQ-ISOLATION",
      "an entry loads userspace's registers with USE_HW and changes none of "
      "them",
      MethodKind::kFromInvariant, {enter}));
  out.push_back(Define<Off>(
      "req_off", "REQ-OFF",
      "with guest debug off the guest runs with its own MDSCR_EL1 (masked by "
      "its OS lock) and PSTATE, and lazy switching as before the series",
      MethodKind::kFromInvariant, {enter}));
}

}  // namespace dbgref::proofs

#endif  // DBGREF_PROOFS_STATEMENTS_ENTRY_H_
