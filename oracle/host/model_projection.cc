// The model's projection (see model_projection.h).
#include "oracle/host/model_projection.h"

#include <array>
#include <vector>

#include "absl/strings/str_format.h"
#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/uapi.h"

namespace dbgref::oracle {
namespace {

uint32_t Ec(uint64_t esr) { return static_cast<uint32_t>((esr >> 26) & 0x3f); }

// The index of the MRS line at pc, or -1.
int MrsLineAt(const dbgref_program& p, uint64_t pc) {
  for (uint32_t n = 0; n < p.count && n < DBGREF_MAX_PROGRAM_LINES; ++n) {
    if (p.line[n].pc == pc) {
      return p.line[n].insn.kind == DBGREF_INSN_MRS ? static_cast<int>(n) : -1;
    }
  }
  return -1;
}

}  // namespace

KernelObservation ProjectModel(const dbgref_host& host, const KernelTrace& t) {
  const model::ConcreteHost h = model::FromRecord(host);
  const model::ConcreteProgram program = model::FromRecord(t.program);
  model::ConcreteVcpu s = model::Reset(host);
  std::vector<dbgref_obs> obs(model::kMaxObsPerOp);
  std::array<uint64_t, DBGREF_MAX_PROGRAM_LINES> reads{};
  KernelObservation out;
  for (size_t k = 0; k < t.ops.size(); ++k) {
    const dbgref_op& op = t.ops[k];
    if (op.kind == DBGREF_OP_SET_ONE_REG && op.reg == DBGREF_ONE_REG_PSTATE &&
        (op.value & DBGREF_PSTATE_D) == 0 && s.ctx.pc >= DBGREF_HANDLER_ADDR &&
        s.ctx.pc < DBGREF_HANDLER_ERET_ADDR && out.outside_convention.empty()) {
      out.outside_convention = absl::StrFormat(
          "op %d clears PSTATE.D while the guest is inside its exception "
          "handler (pc 0x%x): the handler is not reentrant",
          k, s.ctx.pc);
      out.outside_convention_op = k;
    }
    const std::size_t n = model::StepInPlace(h, program, s, op, obs.data());
    KernelStep x;
    x.op_kind = op.kind;
    if (op.kind != DBGREF_OP_RUN) {
      const dbgref_obs& o = obs[0];
      x.ret = o.ret;
      if (op.kind == DBGREF_OP_GET_ONE_REG) {
        x.value = op.reg == DBGREF_ONE_REG_PSTATE ? o.value & kPstateCompared
                                                  : o.value;
      }
      if (op.kind == DBGREF_OP_VCPU_INIT) reads.fill(0);
      out.steps.push_back(x);
      continue;
    }
    int trapped_mrs = -1;  // the MRS line the last GUEST step trapped
    const dbgref_obs* last = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
      const dbgref_obs& o = obs[i];
      if (o.step == DBGREF_STEP_GUEST) {
        const int line = MrsLineAt(t.program, o.pc);
        trapped_mrs =
            o.event == DBGREF_EVENT_TO_EL2 && Ec(o.esr) == DBGREF_EC_SYS64
                ? line
                : -1;
        if (o.event == DBGREF_EVENT_RETIRED && line >= 0) {
          reads[static_cast<size_t>(line)] = o.read_value;
        }
      }
      if (o.step == DBGREF_STEP_EXIT) {
        if (trapped_mrs >= 0 && o.undef == 0) {
          reads[static_cast<size_t>(trapped_mrs)] = o.read_value;
        }
        trapped_mrs = -1;
        last = &o;
      }
    }
    if (last != nullptr) {
      const dbgref_obs& o = *last;
      x.ret = o.ret;
      x.exit_reason = o.exit_reason;
      if (o.exit_reason == KVM_EXIT_DEBUG) {
        x.hsr = o.hsr;
        if (Ec(o.hsr) == kEcWatchpointLow) x.far = o.exit_far;
      }
      if (o.exit_reason == KVM_EXIT_MMIO) x.mmio_addr = o.mmio_addr;
      x.pc = o.exit_pc;
      x.pstate = (o.ctx_pstate_ss ? DBGREF_SPSR_SS : 0) |
                 (s.ctx.pstate & (DBGREF_PSTATE_D | 0x1f));
      x.mdscr_el1 = o.ctx_mdscr_el1;
      if (x.mmio_addr == DBGREF_MMIO_EXCEPTION) {
        x.esr_el1 = o.ctx_esr_el1;
        x.elr_el1 = o.ctx_elr_el1;
        const uint32_t ec = Ec(o.ctx_esr_el1);
        if (ec == kEcWatchpointCur || ec == kEcWatchpointLow) {
          x.far_el1 = o.ctx_far_el1;
        }
      }
    }
    for (uint32_t line = 0; line < t.program.count; ++line) {
      if (t.program.line[line].insn.kind == DBGREF_INSN_MRS) {
        x.read[line] = reads[line];
      }
    }
    out.steps.push_back(x);
  }
  return out;
}

}  // namespace dbgref::oracle
