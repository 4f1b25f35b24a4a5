// The observational view: the model's predicates on the port's observation.
#include "props/observational_view.h"

#include <cstdint>

#include "model/arch/debug_regs.h"
#include "model/arch/registers.h"
#include "model/record_banks.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "props/requirement_predicates.h"

namespace dbgref::props {
namespace {

bool InArch(const kvm_guest_debug_arch& arch, uint64_t value) {
  for (uint32_t bank : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      if (model::RegisterBank(arch, bank)[n] == value) return true;
    }
  }
  return false;
}

bool SameRegister(const dbgref_action& a, const dbgref_action& b) {
  return a.reg_kind == b.reg_kind && (!model::IsRegisterBank(a.reg_kind) ||
                                      (a.index & 0xf) == (b.index & 0xf));
}

}  // namespace

bool ReadsForeignValue(const StepContext& c) {
  const dbgref_action& a = c.op.action;
  const uint64_t value = c.port.read_value;
  if (c.op.kind != DBGREF_OP_RUN || a.kind != DBGREF_ACTION_ACCESS ||
      a.is_write || value == 0) {
    return false;
  }
  for (const dbgref_op& op : c.earlier) {
    if (op.kind == DBGREF_OP_RUN && op.action.kind == DBGREF_ACTION_ACCESS &&
        op.action.is_write && SameRegister(op.action, a) &&
        op.action.value == value) {
      return false;
    }
  }
  if (a.reg_kind == DBGREF_REG_MDSCR) {
    const uint64_t own = c.model.pre.ghost.mdscr_el1;
    return value != own &&
           ((value ^ own) & ~uint64_t{DBGREF_MDSCR_DEBUG_BITS}) == 0;
  }
  if (!model::IsRegisterBank(a.reg_kind)) return false;
  if (InArch(model::ToRecord(c.model.host.host_regs), value)) return true;
  for (const dbgref_op& op : c.earlier) {
    if (op.kind == DBGREF_OP_SET_GUEST_DEBUG && InArch(op.dbg.arch, value)) {
      return true;
    }
  }
  return false;
}

bool KnownDesignDifferenceOnly(const StepContext& c) {
  const dbgref_obs m = model::ToRecord(c.model.obs);
  dbgref_obs p = c.port;
  if ((m.entry_mdcr_el2 & DBGREF_MDCR_TDE) != 0 &&
      (m.entry_mdscr_el1 ^ p.entry_mdscr_el1) == DBGREF_MDSCR_KDE) {
    p.entry_mdscr_el1 = m.entry_mdscr_el1;
  }
  const uint64_t dfr0 = c.model.host.id_aa64dfr0_el1;
  const uint64_t brps =
      ((dfr0 >> DBGREF_DFR0_BRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK) + 1;
  const uint64_t wrps =
      ((dfr0 >> DBGREF_DFR0_WRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK) + 1;
  for (uint64_t n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    if (n >= brps) {
      p.entry_hw.dbg_bcr[n] = m.entry_hw.dbg_bcr[n];
      p.entry_hw.dbg_bvr[n] = m.entry_hw.dbg_bvr[n];
    }
    if (n >= wrps) {
      p.entry_hw.dbg_wcr[n] = m.entry_hw.dbg_wcr[n];
      p.entry_hw.dbg_wvr[n] = m.entry_hw.dbg_wvr[n];
    }
  }
  return model::ObsEqual(m, p);
}

StepVerdict ClassifyStep(const StepContext& c) {
  StepVerdict v;
  v.differs = !model::ObsEqual(model::ToRecord(c.model.obs), c.port);
  if (!v.differs) return v;
  model::ConcreteTransition seen = c.model;
  seen.obs = model::FromRecord(c.port);
  v.violated = FailedPredicates(seen);
  if (ReadsForeignValue(c)) v.violated.Add(kReqIsolation);
  v.design_difference = v.violated.empty() && KnownDesignDifferenceOnly(c);
  return v;
}

}  // namespace dbgref::props
