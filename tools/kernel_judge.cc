// A real kernel's steps and their judgement (see kernel_judge.h).
#include "tools/kernel_judge.h"

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/revision.h"
#include "model/uapi.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/kernel_trace.h"
#include "props/lockstep.h"
#include "trace/model_run.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

uint32_t Ec(uint64_t esr) {
  return static_cast<uint32_t>((esr >> DBGREF_ESR_EC_SHIFT) & 0x3f);
}

// The index of the MRS line at pc, or -1.
int MrsLineAt(const dbgref_program& p, uint64_t pc) {
  for (uint32_t n = 0; n < p.count && n < DBGREF_MAX_PROGRAM_LINES; ++n) {
    if (p.line[n].pc == pc) {
      return p.line[n].insn.kind == DBGREF_INSN_MRS ? static_cast<int>(n) : -1;
    }
  }
  return -1;
}

// The step of a KVM_RUN's observations whose read_value the projection
// reads for MRS line `line` (the last one in the operation), or -1: a
// GUEST step whose MRS retired, or the EXIT that emulated the MRS its
// GUEST step trapped.
int ReadingStep(const dbgref_program& program, const trace::OpObservations& s,
                int line) {
  int found = -1;
  int trapped = -1;  // the MRS line the last GUEST step trapped
  for (std::size_t i = 0; i < s.size(); ++i) {
    const dbgref_obs& o = s[i];
    if (o.step == DBGREF_STEP_GUEST) {
      const int at = MrsLineAt(program, o.pc);
      trapped = o.event == DBGREF_EVENT_TO_EL2 && Ec(o.esr) == DBGREF_EC_SYS64
                    ? at
                    : -1;
      if (o.event == DBGREF_EVENT_RETIRED && at == line) {
        found = static_cast<int>(i);
      }
    }
    if (o.step == DBGREF_STEP_EXIT) {
      if (trapped == line && o.undef == 0) found = static_cast<int>(i);
      trapped = -1;
    }
  }
  return found;
}

int LastOfKind(const trace::OpObservations& s, uint32_t kind) {
  for (std::size_t i = s.size(); i-- > 0;) {
    if (s[i].step == kind) return static_cast<int>(i);
  }
  return -1;
}

// The GUEST step whose exception ended the run, or -1: the one just before
// a debug exit, or the last one the guest took an exception at itself when
// the run ended at the handler's report.
int TerminalEvent(const trace::OpObservations& s) {
  const int exit = LastOfKind(s, DBGREF_STEP_EXIT);
  if (exit < 0) return -1;
  if (s[exit].exit_reason == KVM_EXIT_DEBUG) {
    for (int i = exit - 1; i >= 0; --i) {
      if (s[i].step == DBGREF_STEP_GUEST) return i;
    }
    return -1;
  }
  if (s[exit].exit_reason == KVM_EXIT_MMIO &&
      s[exit].mmio_addr == DBGREF_MMIO_EXCEPTION) {
    for (int i = exit - 1; i >= 0; --i) {
      if (s[i].step == DBGREF_STEP_GUEST &&
          s[i].event == DBGREF_EVENT_EXCEPTION_EL1) {
        return i;
      }
    }
  }
  return -1;
}

bool IsExitField(const std::string& f) {
  return f == "exit_reason" || f == "hsr" || f == "far" || f == "mmio_addr" ||
         f == "pc" || f == "esr_el1" || f == "elr_el1" || f == "far_el1";
}

// The kernel's values of one differing field of a KVM_RUN.
void CarryRunField(const dbgref_program& program,
                   const oracle::KernelDifference& d,
                   const oracle::KernelStep& k, const oracle::KernelStep& m,
                   trace::OpObservations& steps,
                   std::vector<oracle::KernelDifference>& uncarried) {
  const int exit = LastOfKind(steps, DBGREF_STEP_EXIT);
  if (d.field.rfind("read[", 0) == 0) {
    const int line = std::stoi(d.field.substr(5));
    const int at = ReadingStep(program, steps, line);
    if (at < 0) {
      uncarried.push_back(d);
      return;
    }
    steps[static_cast<std::size_t>(at)].read_value =
        k.read[static_cast<std::size_t>(line)];
    return;
  }
  if (exit < 0) {
    uncarried.push_back(d);
    return;
  }
  dbgref_obs& o = steps[static_cast<std::size_t>(exit)];
  if (d.field == "ret") {
    o.ret = k.ret;
  } else if (d.field == "exit_reason") {
    o.exit_reason = k.exit_reason;
  } else if (d.field == "hsr") {
    o.hsr = static_cast<uint32_t>(k.hsr);
    if ((k.hsr >> 32) != (m.hsr >> 32)) uncarried.push_back(d);
  } else if (d.field == "far") {
    o.exit_far = k.far;
  } else if (d.field == "mmio_addr") {
    o.mmio_addr = k.mmio_addr;
  } else if (d.field == "pc") {
    o.exit_pc = k.pc;
  } else if (d.field == "pstate") {
    o.ctx_pstate_ss = (k.pstate & DBGREF_SPSR_SS) != 0;
    if ((k.pstate & ~DBGREF_SPSR_SS) != (m.pstate & ~DBGREF_SPSR_SS)) {
      uncarried.push_back(d);  // PSTATE.D or the mode: no step holds them
    }
  } else if (d.field == "mdscr_el1") {
    o.ctx_mdscr_el1 = k.mdscr_el1;
  } else if (d.field == "esr_el1") {
    o.ctx_esr_el1 = k.esr_el1;
  } else if (d.field == "elr_el1") {
    o.ctx_elr_el1 = k.elr_el1;
  } else if (d.field == "far_el1") {
    o.ctx_far_el1 = k.far_el1;
  } else {
    uncarried.push_back(d);
  }
}

// The exception that ended the kernel's run, on the GUEST step where it
// was taken; and the model's, where the kernel's run took none there. The
// model's is found in the model's steps of the run (`model`): in `steps`
// the EXIT already holds the kernel's exit reason.
void CarryEvent(const oracle::KernelDifference& first,
                const oracle::KernelStep& k, const trace::OpObservations& model,
                trace::OpObservations& steps,
                std::vector<oracle::KernelDifference>& uncarried) {
  std::optional<uint64_t> at;
  uint32_t event = DBGREF_EVENT_RETIRED;
  uint64_t esr = 0;
  uint64_t far = 0;
  if (k.exit_reason == KVM_EXIT_DEBUG) {
    at = k.pc;
    event = DBGREF_EVENT_TO_EL2;
    esr = static_cast<uint32_t>(k.hsr);
    far = k.far;
  } else if (k.exit_reason == KVM_EXIT_MMIO &&
             k.mmio_addr == DBGREF_MMIO_EXCEPTION) {
    at = k.elr_el1;
    event = DBGREF_EVENT_EXCEPTION_EL1;
    esr = k.esr_el1;
    far = k.far_el1;
  }
  const int terminal = model.size() == steps.size() ? TerminalEvent(model) : -1;
  int place = -1;
  if (at) {
    for (std::size_t i = steps.size(); i-- > 0;) {
      if (steps[i].step == DBGREF_STEP_GUEST && steps[i].pc == *at) {
        place = static_cast<int>(i);
        break;
      }
    }
    if (place < 0) {
      oracle::KernelDifference d = first;
      d.field = "the exception's pc";
      uncarried.push_back(d);
    }
  }
  if (terminal >= 0 && terminal != place) {
    dbgref_obs& o = steps[static_cast<std::size_t>(terminal)];
    o.event = DBGREF_EVENT_RETIRED;
    o.esr = 0;
    o.far = 0;
  }
  if (place >= 0) {
    dbgref_obs& o = steps[static_cast<std::size_t>(place)];
    o.event = event;
    o.esr = esr;
    // A GUEST step's far is a watchpoint's; the kernel reports the
    // address only for watchpoints (EC 0x34 to EL2, 0x35 to EL1), so the
    // model's far stays where the kernel says nothing.
    const uint32_t ec = Ec(esr);
    if (ec == oracle::kEcWatchpointLow || ec == oracle::kEcWatchpointCur) {
      o.far = far;
    }
  }
}

// A revision whose vCPU replays prepared observations, operation after
// operation: the kernel's steps, for the lockstep judgement.
thread_local const trace::Observations* g_prepared = nullptr;

struct ReplayVcpu {
  const trace::Observations* obs = nullptr;
  std::size_t next = 0;
};

dbgref_revision_vcpu* CreateReplay(const dbgref_host*, const dbgref_program*) {
  auto* vcpu = new (std::nothrow) ReplayVcpu;
  if (vcpu != nullptr) vcpu->obs = g_prepared;
  return reinterpret_cast<dbgref_revision_vcpu*>(vcpu);
}

void DestroyReplay(dbgref_revision_vcpu* vcpu) {
  delete reinterpret_cast<ReplayVcpu*>(vcpu);
}

void ResetReplay(dbgref_revision_vcpu* vcpu, const dbgref_host*,
                 const dbgref_program*) {
  auto* v = reinterpret_cast<ReplayVcpu*>(vcpu);
  v->obs = g_prepared;
  v->next = 0;
}

size_t StepReplay(dbgref_revision_vcpu* vcpu, const dbgref_op*,
                  dbgref_obs* out) {
  auto* v = reinterpret_cast<ReplayVcpu*>(vcpu);
  if (v->obs == nullptr || v->next >= v->obs->size()) return 0;
  const trace::OpObservations& steps = (*v->obs)[v->next++];
  std::size_t n = 0;
  for (; n < steps.size() && n < DBGREF_MAX_OBS_PER_OP; ++n) out[n] = steps[n];
  return n;
}

// A replay has no state of its own to explore: state_size 0, no save,
// load or load_words.
const dbgref_revision kReplay = {"kernel",    CreateReplay, DestroyReplay,
                                 ResetReplay, StepReplay,   0,
                                 nullptr,     nullptr,      nullptr};

}  // namespace

oracle::KernelTrace KernelTraceOf(const trace::Trace& t) {
  return oracle::KernelTrace{t.host, t.program, t.ops};
}

KernelSteps KernelStepsOf(const trace::Trace& t,
                          const oracle::CheckedTrace& checked) {
  KernelSteps out;
  out.model = trace::RunOnModel(t);
  out.kernel = out.model;
  const std::vector<oracle::KernelDifference>& diffs = checked.differences;
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    const oracle::KernelDifference& d = diffs[i];
    if (d.op >= t.ops.size() || d.op >= out.kernel.size() ||
        d.op >= checked.kernel.steps.size() ||
        d.op >= checked.model.steps.size() || d.field == "steps" ||
        d.field == "op_kind") {
      out.uncarried.push_back(d);
      continue;
    }
    const oracle::KernelStep& k = checked.kernel.steps[d.op];
    const oracle::KernelStep& m = checked.model.steps[d.op];
    trace::OpObservations& steps = out.kernel[d.op];
    if (t.ops[d.op].kind != DBGREF_OP_RUN) {
      if (steps.empty()) {
        out.uncarried.push_back(d);
      } else if (d.field == "ret") {
        steps[0].ret = k.ret;
      } else if (d.field == "value") {
        steps[0].value =
            t.ops[d.op].reg == DBGREF_ONE_REG_PSTATE
                ? (steps[0].value & ~oracle::kPstateCompared) | k.value
                : k.value;
      } else {
        out.uncarried.push_back(d);
      }
      continue;
    }
    CarryRunField(t.program, d, k, m, steps, out.uncarried);
  }
  // The exceptions, once per KVM_RUN whose end differs.
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    const oracle::KernelDifference& d = diffs[i];
    if (d.op >= t.ops.size() || d.op >= out.kernel.size() ||
        d.op >= checked.kernel.steps.size() ||
        t.ops[d.op].kind != DBGREF_OP_RUN || !IsExitField(d.field)) {
      continue;
    }
    bool first_of_op = true;
    for (std::size_t j = 0; j < i; ++j) {
      if (diffs[j].op == d.op && IsExitField(diffs[j].field)) {
        first_of_op = false;
      }
    }
    if (first_of_op) {
      CarryEvent(d, checked.kernel.steps[d.op], out.model[d.op],
                 out.kernel[d.op], out.uncarried);
    }
  }
  return out;
}

KernelJudgement JudgeKernel(const trace::Trace& t,
                            const oracle::CheckedTrace& checked) {
  KernelJudgement j;
  j.differences = checked.differences;
  if (checked.differences.empty()) {
    j.steps.model = trace::RunOnModel(t);
    j.steps.kernel = j.steps.model;
    return j;
  }
  j.steps = KernelStepsOf(t, checked);
  bool unexplained_step = false;
  g_prepared = &j.steps.kernel;
  props::LockstepRunner runner(kReplay);
  runner.Compare(t, [&](const props::Divergence& d) {
    if (d.verdict.Diverged()) {
      j.first = d;
      return false;
    }
    unexplained_step = unexplained_step || d.verdict.Unexplained();
    return true;
  });
  g_prepared = nullptr;
  j.unexplained = !j.first && (unexplained_step || !j.steps.uncarried.empty());
  return j;
}

bool ObservableOnKernel(Requirement r) {
  switch (r) {
    case kReqTrapTda:
    case kReqTrapTde:
    case kReqHwProgram:
    case kReqOff:
      return false;
    default:
      return true;
  }
}

}  // namespace dbgref::tools
