// The kernel observation: from the VMM's results, compared, described (see
// kernel_observation.h).
#include "oracle/host/kernel_observation.h"

#include <cinttypes>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/guest_layout.h"
#include "model/uapi.h"

namespace dbgref::oracle {
namespace {

uint32_t Ec(uint64_t esr) { return static_cast<uint32_t>((esr >> 26) & 0x3f); }

std::string Text(int64_t v) { return absl::StrCat(v); }
std::string Text(uint64_t v) { return absl::StrFormat("0x%x", v); }
std::string Text(uint32_t v) { return absl::StrFormat("0x%x", v); }

// The line of p at pc, or nullptr.
const dbgref_line* LineAt(const dbgref_program& p, uint64_t pc) {
  for (uint32_t n = 0; n < p.count && n < DBGREF_MAX_PROGRAM_LINES; ++n) {
    if (p.line[n].pc == pc) return &p.line[n];
  }
  return nullptr;
}

// a and b both lie inside the access of the load or store at pc.
bool InsideOneAccess(const dbgref_program& p, uint64_t pc, uint64_t a,
                     uint64_t b) {
  const dbgref_line* l = LineAt(p, pc);
  if (l == nullptr ||
      (l->insn.kind != DBGREF_INSN_LOAD && l->insn.kind != DBGREF_INSN_STORE)) {
    return false;
  }
  const uint64_t lo = l->insn.addr;
  const uint64_t hi = lo + l->insn.size;
  return a >= lo && a < hi && b >= lo && b < hi;
}

// The MRS lines whose reads are compared: all but MDCCINT_EL1's (QEMU 7.2
// leaves an MRS of it without effect).
bool ReadCompared(const dbgref_program& p, uint32_t n) {
  return n < p.count && p.line[n].insn.kind == DBGREF_INSN_MRS &&
         p.line[n].insn.reg != DBGREF_REG_MDCCINT;
}

}  // namespace

std::vector<KernelDifference> CompareKernelObservations(
    const KernelTrace& t, const KernelObservation& kernel,
    const KernelObservation& model) {
  std::vector<KernelDifference> out;
  if (kernel.steps.size() != model.steps.size()) {
    out.push_back({0, "steps", absl::StrCat(kernel.steps.size()),
                   absl::StrCat(model.steps.size())});
  }
  const size_t n = std::min(kernel.steps.size(), model.steps.size());
  for (size_t k = 0; k < n; ++k) {
    const KernelStep& a = kernel.steps[k];
    const KernelStep& b = model.steps[k];
    if (a.op_kind != b.op_kind) {
      out.push_back({k, "op_kind", Text(a.op_kind), Text(b.op_kind)});
      continue;
    }
#define DBGREF_KERNEL_STEP_COMPARE(type, name) \
  if (a.name != b.name) out.push_back({k, #name, Text(a.name), Text(b.name)});
    DBGREF_KERNEL_STEP_FIELDS(DBGREF_KERNEL_STEP_COMPARE)
#undef DBGREF_KERNEL_STEP_COMPARE
    // The watchpoint's reported address: anywhere inside the access.
    for (auto it = out.begin(); it != out.end();) {
      const bool far = it->op == k && it->field == "far" &&
                       InsideOneAccess(t.program, b.pc, a.far, b.far);
      const bool far_el1 =
          it->op == k && it->field == "far_el1" &&
          InsideOneAccess(t.program, b.elr_el1, a.far_el1, b.far_el1);
      it = (far || far_el1) ? out.erase(it) : it + 1;
    }
    for (uint32_t line = 0; line < DBGREF_MAX_PROGRAM_LINES; ++line) {
      if (ReadCompared(t.program, line) && a.read[line] != b.read[line]) {
        out.push_back({k, absl::StrCat("read[", line, "]"), Text(a.read[line]),
                       Text(b.read[line])});
      }
    }
  }
  return out;
}

std::string DescribeDifferences(const KernelTrace& t,
                                const std::vector<KernelDifference>& d) {
  std::string s;
  for (const KernelDifference& x : d) {
    const std::string op =
        x.op < t.ops.size() ? DescribeOp(t.ops[x.op]) : std::string("?");
    absl::StrAppend(&s, "op ", x.op, " ", op, ": ", x.field, ": kernel ",
                    x.kernel, ", model ", x.model, "\n");
  }
  return s;
}

std::string DescribeObservation(const KernelTrace& t,
                                const KernelObservation& o) {
  std::string s;
  for (size_t k = 0; k < o.steps.size(); ++k) {
    const KernelStep& x = o.steps[k];
    const std::string op =
        k < t.ops.size() ? DescribeOp(t.ops[k]) : std::string("?");
    absl::StrAppendFormat(&s, "op %d %s: ret=%d", k, op, x.ret);
    if (x.op_kind == DBGREF_OP_GET_ONE_REG) {
      absl::StrAppendFormat(&s, " value=0x%x", x.value);
    }
    if (x.op_kind == DBGREF_OP_RUN) {
      absl::StrAppendFormat(&s, " exit=%d", x.exit_reason);
      if (x.exit_reason == KVM_EXIT_DEBUG) {
        absl::StrAppendFormat(&s, " hsr=0x%x (EC 0x%x)", x.hsr, Ec(x.hsr));
        if (x.far != 0) absl::StrAppendFormat(&s, " far=0x%x", x.far);
      }
      if (x.exit_reason == KVM_EXIT_MMIO) {
        absl::StrAppendFormat(&s, " mmio=0x%x", x.mmio_addr);
      }
      absl::StrAppendFormat(&s, " pc=0x%x pstate=0x%x mdscr=0x%x", x.pc,
                            x.pstate, x.mdscr_el1);
      if (x.mmio_addr == DBGREF_MMIO_EXCEPTION) {
        absl::StrAppendFormat(&s, " esr_el1=0x%x elr_el1=0x%x", x.esr_el1,
                              x.elr_el1);
        if (x.far_el1 != 0)
          absl::StrAppendFormat(&s, " far_el1=0x%x", x.far_el1);
      }
      for (uint32_t n = 0; n < t.program.count && n < DBGREF_MAX_PROGRAM_LINES;
           ++n) {
        if (t.program.line[n].insn.kind == DBGREF_INSN_MRS) {
          absl::StrAppendFormat(&s, " read[%d]=0x%x", n, x.read[n]);
        }
      }
      absl::StrAppendFormat(&s, " exits+%d", x.exits);
      if (x.timed_out) absl::StrAppend(&s, " TIMEOUT");
    }
    s += "\n";
  }
  return s;
}

absl::StatusOr<KernelObservation> ObservationFromResult(const KernelTrace& t,
                                                        const CompiledTrace& c,
                                                        const ScriptResult& r) {
  if (r.reset_errno != 0) {
    return absl::InternalError(absl::StrCat("the VMM's reset failed (errno ",
                                            r.reset_errno,
                                            "): the trace did not run"));
  }
  auto check_setup = [&](int from, int to) -> absl::Status {
    for (int i = from; i < to; ++i) {
      const OpResult& o = r.results.at(static_cast<size_t>(i));
      if (o.ret < 0) {
        return absl::InternalError(absl::StrCat(
            "the runner's set-up op ", i, " failed (ret ", o.ret, ", errno ",
            o.err, "): the trace's results are not what the model runs"));
      }
    }
    return absl::OkStatus();
  };
  if (r.results.size() != c.script.ops().size()) {
    return absl::InternalError(absl::StrCat("the VMM answered ",
                                            r.results.size(), " ops of ",
                                            c.script.ops().size()));
  }
  absl::Status s = check_setup(0, c.setup_results);
  if (!s.ok()) return s;
  KernelObservation out;
  for (size_t k = 0; k < t.ops.size(); ++k) {
    const OpResults& where = c.ops[k];
    s = check_setup(where.first + 1, where.first + where.count);
    if (!s.ok()) return s;
    const OpResult& o = r.results[static_cast<size_t>(where.first)];
    KernelStep x;
    x.op_kind = t.ops[k].kind;
    x.ret = o.ret < 0 ? -static_cast<int64_t>(o.err) : o.ret;
    if (x.op_kind == DBGREF_OP_GET_ONE_REG) {
      x.value = t.ops[k].reg == DBGREF_ONE_REG_PSTATE
                    ? o.value & kPstateCompared
                    : o.value;
    }
    if (x.op_kind == DBGREF_OP_RUN) {
      const RunResult& run = o.run;
      if (run.regs.size() != c.watch.size()) {
        return absl::InternalError("a run's watched registers are missing");
      }
      for (const RegValue& v : run.regs) {
        if (v.err != 0) {
          return absl::InternalError(
              absl::StrCat("KVM_GET_ONE_REG of a watched register failed "
                           "after a run (errno ",
                           v.err, ")"));
        }
      }
      x.exit_reason = run.exit_reason;
      if (run.exit_reason == KVM_EXIT_DEBUG) {
        const bool high = (run.run_flags & 1) != 0;  // HSR_HIGH_VALID
        x.hsr = run.hsr | (high ? uint64_t{run.hsr_high} << 32 : 0);
        if (Ec(x.hsr) == kEcWatchpointLow) x.far = run.far;
      }
      if (run.exit_reason == KVM_EXIT_MMIO) x.mmio_addr = run.mmio_phys_addr;
      x.pc = run.regs[kWatchPc].value;
      x.pstate = run.regs[kWatchPstate].value & kPstateCompared;
      x.mdscr_el1 = run.regs[kWatchMdscr].value;
      if (x.mmio_addr == DBGREF_MMIO_EXCEPTION) {
        x.esr_el1 = run.regs[kWatchEsr].value;
        x.elr_el1 = run.regs[kWatchElr].value;
        const uint32_t ec = Ec(x.esr_el1);
        if (ec == kEcWatchpointCur || ec == kEcWatchpointLow) {
          x.far_el1 = run.regs[kWatchFar].value;
        }
      }
      size_t w = kWatchFixedCount;
      for (uint32_t n = 0; n < t.program.count; ++n) {
        if (c.mrs_reg[n] >= 0) x.read[n] = run.regs[w++].value;
      }
      x.exits = run.exits_delta;
      x.timed_out = run.timed_out;
    }
    out.steps.push_back(x);
  }
  return out;
}

}  // namespace dbgref::oracle
