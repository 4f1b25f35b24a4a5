// The observational view: the model's predicates on a revision's
// observation of one step.
#include "props/observational_view.h"

#include <cstdint>

#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/op.h"
#include "model/record_banks.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "props/requirement_predicates.h"

namespace dbgref::props {
namespace {

using C = model::ConcreteDomain;

bool InArch(const kvm_guest_debug_arch& arch, uint64_t value) {
  for (uint32_t bank : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      if (model::RegisterBank(arch, bank)[n] == value) return true;
    }
  }
  return false;
}

// The register (enum dbgref_reg_kind) a ONE_REG id names, or -1 for the
// PC, PSTATE and unknown ids.
int RegKindOfOneReg(uint32_t id) {
  switch (id) {
    case DBGREF_ONE_REG_MDSCR:
      return DBGREF_REG_MDSCR;
    case DBGREF_ONE_REG_BCR:
      return DBGREF_REG_BCR;
    case DBGREF_ONE_REG_BVR:
      return DBGREF_REG_BVR;
    case DBGREF_ONE_REG_WCR:
      return DBGREF_REG_WCR;
    case DBGREF_ONE_REG_WVR:
      return DBGREF_REG_WVR;
    default:
      return -1;
  }
}

bool SameRegister(uint32_t kind_a, uint32_t index_a, uint32_t kind_b,
                  uint32_t index_b) {
  return kind_a == kind_b && (!model::IsRegisterBank(kind_a) ||
                              (index_a & 0xf) == (index_b & 0xf));
}

// The guest read the model's transition is about: a direct MRS at a GUEST
// step, an emulated one at an EXIT.
struct GuestRead {
  bool is_read = false;
  uint32_t kind = 0;
  uint32_t index = 0;
};

GuestRead ReadOf(const model::ConcreteTransition& t) {
  GuestRead r;
  if (!model::Applicable<C>(t.pre, t.op)) return r;
  if (t.op.kind == model::kGuest) {
    const model::Insn<C> insn = model::Fetch<C>(t.program, t.pre.cpu.pc);
    if (insn.kind == DBGREF_INSN_MRS) {
      r = {true, static_cast<uint32_t>(insn.reg),
           static_cast<uint32_t>(insn.reg_index)};
    }
  } else if (t.op.kind == model::kExit) {
    const model::Insn<C>& insn = t.pre.cpu.trapped;
    if (insn.kind == DBGREF_INSN_MRS &&
        model::HasClass<C>(t.pre.cpu.esr_el2, DBGREF_EC_SYS64)) {
      r = {true, static_cast<uint32_t>(insn.reg),
           static_cast<uint32_t>(insn.reg_index)};
    }
  }
  return r;
}

// r with the entries of entry_hw the CPU does not implement taken from m:
// those registers do not exist, and the record holds the implemented ones.
dbgref_obs WithImplementedOnly(uint64_t dfr0, const dbgref_obs& m,
                               dbgref_obs r) {
  const uint64_t brps =
      ((dfr0 >> DBGREF_DFR0_BRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK) + 1;
  const uint64_t wrps =
      ((dfr0 >> DBGREF_DFR0_WRPS_SHIFT) & DBGREF_DFR0_FIELD_MASK) + 1;
  for (uint64_t n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    if (n >= brps) {
      r.entry_hw.dbg_bcr[n] = m.entry_hw.dbg_bcr[n];
      r.entry_hw.dbg_bvr[n] = m.entry_hw.dbg_bvr[n];
    }
    if (n >= wrps) {
      r.entry_hw.dbg_wcr[n] = m.entry_hw.dbg_wcr[n];
      r.entry_hw.dbg_wvr[n] = m.entry_hw.dbg_wvr[n];
    }
  }
  return r;
}

}  // namespace

dbgref_obs ZeroObsLike(const dbgref_obs& o) {
  dbgref_obs z{};
  z.step = o.step;
  z.op_kind = o.op_kind;
  return z;
}

bool ReadsForeignValue(const StepContext& c) {
  const model::ConcreteTransition& t = c.model;
  const GuestRead read = ReadOf(t);
  const uint64_t value = c.revision.read_value;
  if (!read.is_read || value == 0 || value == t.obs.read_value) return false;
  const dbgref_program& program = c.trace.program;
  for (uint32_t i = 0; i < program.count && i < DBGREF_MAX_PROGRAM_LINES; ++i) {
    const dbgref_insn& insn = program.line[i].insn;
    if (insn.kind == DBGREF_INSN_MSR &&
        SameRegister(insn.reg, insn.reg_index, read.kind, read.index) &&
        insn.value == value) {
      return false;
    }
  }
  for (std::size_t i = 0; i < c.op && i < c.trace.ops.size(); ++i) {
    const dbgref_op& op = c.trace.ops[i];
    const int kind = RegKindOfOneReg(op.reg);
    if (op.kind == DBGREF_OP_SET_ONE_REG && kind >= 0 &&
        SameRegister(static_cast<uint32_t>(kind), op.reg_index, read.kind,
                     read.index) &&
        op.value == value) {
      return false;
    }
  }
  if (read.kind == DBGREF_REG_MDSCR) {
    const uint64_t own = t.pre.ghost.mdscr_el1;
    return value != own &&
           ((value ^ own) & ~uint64_t{DBGREF_MDSCR_DEBUG_BITS}) == 0;
  }
  if (!model::IsRegisterBank(read.kind)) return false;
  if (InArch(c.trace.host.host_regs, value)) return true;
  for (std::size_t i = 0; i < c.op && i < c.trace.ops.size(); ++i) {
    const dbgref_op& op = c.trace.ops[i];
    if (op.kind == DBGREF_OP_SET_GUEST_DEBUG && InArch(op.dbg.arch, value)) {
      return true;
    }
  }
  return false;
}

bool KnownDesignDifferenceOnly(const StepContext& c) {
  const model::ConcreteTransition& t = c.model;
  const dbgref_obs m = model::ToRecord(t.obs);
  dbgref_obs r = c.revision;
  // MDSCR_EL1.KDE has no effect on debug exceptions from EL1 while TDE is
  // set (spec/decisions.md, "USE_HW sets MDE, not KDE").
  if ((m.entry_mdcr_el2 & DBGREF_MDCR_TDE) != 0 &&
      (m.entry_mdscr_el1 ^ r.entry_mdscr_el1) == DBGREF_MDSCR_KDE) {
    r.entry_mdscr_el1 = m.entry_mdscr_el1;
  }
  r = WithImplementedOnly(t.host.id_aa64dfr0_el1, m, r);
  // Where the PC moves past an emulated instruction or an MMIO store.
  if (m.step == DBGREF_STEP_EXIT && t.post.increment_pc &&
      r.exit_pc == m.exit_pc + 4) {
    r.exit_pc = m.exit_pc;
  }
  if (m.step == DBGREF_STEP_IOCTL && m.op_kind == DBGREF_OP_GET_ONE_REG &&
      t.op.reg == DBGREF_ONE_REG_PC && t.pre.increment_pc &&
      r.value == m.value + 4) {
    r.value = m.value;
  }
  return model::ObsEqual(m, r);
}

StepVerdict ClassifyStep(const StepContext& c) {
  model::ConcreteTransition seen = c.model;
  return ClassifyStep(seen, c.revision, c.trace, c.op);
}

StepVerdict ClassifyStep(model::ConcreteTransition& t,
                         const dbgref_obs& revision, const trace::Trace& trace,
                         std::size_t op) {
  const StepContext c{t, revision, trace, op};
  StepVerdict v;
  const dbgref_obs m = model::ToRecord(t.obs);
  v.differs = !model::ObsEqual(m, revision);
  if (!v.differs) return v;
  // Registers the CPU does not implement are judged by no requirement. The
  // predicates judge the transition with the revision's observation in
  // place of the model's, which is put back after.
  const model::ConcreteObs own = t.obs;
  t.obs = model::FromRecord(
      WithImplementedOnly(t.host.id_aa64dfr0_el1, m, revision));
  v.violated = FailedPredicates(t);
  t.obs = own;
  if (ReadsForeignValue(c)) v.violated.Add(kReqIsolation);
  v.design_difference = v.violated.empty() && KnownDesignDifferenceOnly(c);
  return v;
}

}  // namespace dbgref::props
