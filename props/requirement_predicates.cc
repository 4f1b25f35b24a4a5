// Dispatch from a requirement's position to its predicate.
#include "props/requirement_predicates.h"

#include "model/invariant.h"
#include "model/requirements.h"

namespace dbgref::props {
namespace {
using C = model::ConcreteDomain;
}  // namespace

bool PredicateHolds(Requirement r, const model::ConcreteTransition& t) {
  switch (r) {
    case kReqIoctlValid:
      return model::ReqIoctlValid<C>(t);
    case kReqIoctlDisable:
      return model::ReqIoctlDisable<C>(t);
    case kReqIoctlHwregs:
      return model::ReqIoctlHwregs<C>(t);
    case kReqCap:
      return model::ReqCap<C>(t);
    case kReqTrapTda:
      return model::ReqTrapTda<C>(t);
    case kReqTrapTde:
      return model::ReqTrapTde<C>(t);
    case kReqHwProgram:
      return model::ReqHwProgram<C>(t);
    case kReqRestore:
      return model::ReqRestore<C>(t);
    case kReqShadow:
      return model::ReqShadow<C>(t);
    case kReqIsolation:
      return model::ReqIsolation<C>(t);
    case kReqNoundef:
      return model::ReqNoundef<C>(t);
    case kReqExit:
      return model::ReqExit<C>(t);
    case kReqSs:
      return model::ReqSs<C>(t);
    case kReqOff:
      return model::ReqOff<C>(t);
    case kRequirementCount:
      break;
  }
  return false;
}

RequirementSet FailedPredicates(const model::ConcreteTransition& t) {
  RequirementSet failed;
  for (int i = 0; i < kRequirementCount; ++i) {
    const Requirement r = static_cast<Requirement>(i);
    if (!PredicateHolds(r, t)) failed.Add(r);
  }
  return failed;
}

bool InvariantHolds(const model::ConcreteVcpu& s) {
  return model::Invariant<C>(s);
}

model::ConcreteObs ObsFromRecord(const dbgref_obs& o) {
  return model::ConcreteObs{o.op_kind,
                            static_cast<uint64_t>(o.ret),
                            o.entry_mdcr_el2,
                            model::FromRecord(o.entry_hw),
                            o.entry_mdscr_el1,
                            o.entry_pstate_ss != 0,
                            o.trapped != 0,
                            o.undef != 0,
                            o.read_value,
                            o.exit_reason,
                            o.hsr,
                            o.pc,
                            o.far,
                            o.ctx_mdscr_el1,
                            o.ctx_pstate_ss != 0};
}

}  // namespace dbgref::props
