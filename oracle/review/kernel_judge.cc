// Judging a kernel's differences (see kernel_judge.h).
#include "oracle/review/kernel_judge.h"

#include <algorithm>
#include <set>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "props/observational_view.h"

namespace dbgref::oracle {
namespace {

uint32_t Ec(uint64_t esr) { return static_cast<uint32_t>((esr >> 26) & 0x3f); }

// "read[3]" -> "read"; other names as they are.
std::string BaseName(const std::string& field) {
  const size_t bracket = field.find('[');
  return bracket == std::string::npos ? field : field.substr(0, bracket);
}

// The line number of "read[3]", or -1.
int ReadLine(const std::string& field) {
  if (field.rfind("read[", 0) != 0) return -1;
  return std::atoi(field.c_str() + 5);
}

// The index of the program line at pc, or -1.
int LineAt(const dbgref_program& p, uint64_t pc) {
  for (uint32_t n = 0; n < p.count && n < DBGREF_MAX_PROGRAM_LINES; ++n) {
    if (p.line[n].pc == pc) return static_cast<int>(n);
  }
  return -1;
}

// Per program line, the index of the step of obs that made the run's last
// read of it (the model's projection's rule), or -1.
std::vector<int> ReadSteps(const dbgref_program& p,
                           const std::vector<dbgref_obs>& obs) {
  std::vector<int> at(DBGREF_MAX_PROGRAM_LINES, -1);
  int trapped = -1;
  for (size_t i = 0; i < obs.size(); ++i) {
    const dbgref_obs& o = obs[i];
    if (o.step == DBGREF_STEP_GUEST) {
      const int line = LineAt(p, o.pc);
      const bool mrs =
          line >= 0 && p.line[line].insn.kind == DBGREF_INSN_MRS;
      trapped = mrs && o.event == DBGREF_EVENT_TO_EL2 &&
                        Ec(o.esr) == DBGREF_EC_SYS64
                    ? line
                    : -1;
      if (mrs && o.event == DBGREF_EVENT_RETIRED) {
        at[static_cast<size_t>(line)] = static_cast<int>(i);
      }
    }
    if (o.step == DBGREF_STEP_EXIT) {
      if (trapped >= 0 && o.undef == 0) {
        at[static_cast<size_t>(trapped)] = static_cast<int>(i);
      }
      trapped = -1;
    }
  }
  return at;
}

// The model's observations of op k with the kernel's values in the fields
// that differ (see kernel_judge.h).
std::vector<dbgref_obs> WithKernelFields(
    const KernelTrace& t, size_t k, const std::vector<dbgref_obs>& model,
    const KernelStep& x, const std::vector<KernelDifference>& d) {
  std::vector<dbgref_obs> r = model;
  if (r.empty()) return r;
  const dbgref_op& op = t.ops[k];
  if (op.kind != DBGREF_OP_RUN) {
    for (const KernelDifference& f : d) {
      if (f.op != k) continue;
      if (f.field == "ret") r[0].ret = x.ret;
      if (f.field == "value") {
        r[0].value = op.reg == DBGREF_ONE_REG_PSTATE
                         ? (r[0].value & ~kPstateCompared) | x.value
                         : x.value;
      }
    }
    return r;
  }
  size_t e = r.size();
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i].step == DBGREF_STEP_EXIT) e = i;
  }
  const std::vector<int> reads = ReadSteps(t.program, model);
  for (const KernelDifference& f : d) {
    if (f.op != k) continue;
    const int line = ReadLine(f.field);
    if (line >= 0) {
      const int at = reads[static_cast<size_t>(line)];
      if (at >= 0) r[static_cast<size_t>(at)].read_value = x.read[line];
      continue;
    }
    if (e == r.size()) continue;
    dbgref_obs& o = r[e];
    if (f.field == "ret") o.ret = x.ret;
    if (f.field == "exit_reason") o.exit_reason = x.exit_reason;
    if (f.field == "hsr") o.hsr = static_cast<uint32_t>(x.hsr);
    if (f.field == "far") o.exit_far = x.far;
    if (f.field == "mmio_addr") o.mmio_addr = x.mmio_addr;
    if (f.field == "pc") o.exit_pc = x.pc;
    if (f.field == "pstate") o.ctx_pstate_ss = (x.pstate & DBGREF_SPSR_SS) != 0;
    if (f.field == "mdscr_el1") o.ctx_mdscr_el1 = x.mdscr_el1;
    if (f.field == "esr_el1") o.ctx_esr_el1 = x.esr_el1;
    if (f.field == "elr_el1") o.ctx_elr_el1 = x.elr_el1;
    if (f.field == "far_el1") o.ctx_far_el1 = x.far_el1;
  }
  return r;
}

}  // namespace

trace::Trace ToTrace(const KernelTrace& t) {
  trace::Trace r;
  r.host = t.host;
  r.program = t.program;
  r.ops = t.ops;
  return r;
}

KernelTrace FromTrace(const trace::Trace& t) {
  KernelTrace r;
  r.host = t.host;
  r.program = t.program;
  r.ops = t.ops;
  return r;
}

std::string DifferenceKind(const std::vector<KernelDifference>& d) {
  std::set<std::string> names;
  for (const KernelDifference& f : d) names.insert(BaseName(f.field));
  std::string s;
  for (const std::string& n : names) s += (s.empty() ? "" : " ") + n;
  return s;
}

KernelJudgement JudgeKernelTrace(const dbgref_host& host, const KernelTrace& t,
                                 const CheckedTrace& c) {
  KernelJudgement j;
  j.fields = DifferenceKind(c.differences);
  if (c.differences.empty()) return j;
  std::set<size_t> differing;
  for (const KernelDifference& f : c.differences) differing.insert(f.op);
  const model::ConcreteHost h = model::FromRecord(host);
  const model::ConcreteProgram program = model::FromRecord(t.program);
  trace::Trace judged = ToTrace(t);
  judged.host = host;
  model::ConcreteVcpu s = model::Reset(host);
  std::vector<dbgref_obs> scratch(model::kMaxObsPerOp);
  bool undesigned = false;  // a difference no known design difference is
  for (size_t k = 0; k < t.ops.size(); ++k) {
    if (differing.count(k) != 0 && k < c.kernel.steps.size()) {
      std::vector<model::ConcreteTransition> steps;
      model::ConcreteVcpu before = s;
      model::ForEachTransition(
          h, program, before, t.ops[k],
          [&](const model::ConcreteTransition& tr) { steps.push_back(tr); });
      std::vector<dbgref_obs> model_obs;
      for (const model::ConcreteTransition& tr : steps) {
        model_obs.push_back(model::ToRecord(tr.obs));
      }
      const std::vector<dbgref_obs> seen = WithKernelFields(
          t, k, model_obs, c.kernel.steps[k], c.differences);
      props::RequirementSet violated;
      for (size_t i = 0; i < steps.size(); ++i) {
        if (model::ObsEqual(seen[i], model_obs[i])) continue;
        const props::StepVerdict v =
            props::ClassifyStep({steps[i], seen[i], judged, k});
        violated.AddAll(v.violated);
        undesigned |= !v.design_difference;
      }
      // A field no step carries (PSTATE.D, a read the model did not make).
      undesigned |= std::equal(seen.begin(), seen.end(), model_obs.begin(),
                               [](const dbgref_obs& a, const dbgref_obs& b) {
                                 return model::ObsEqual(a, b);
                               });
      if (!violated.empty()) {
        j.violated = violated;
        j.breaking_op = k;
        return j;
      }
    }
    model::StepInPlace(h, program, s, t.ops[k], scratch.data());
  }
  j.unexplained = undesigned;
  return j;
}

}  // namespace dbgref::oracle
