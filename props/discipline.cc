// The differential discipline for one trace.
#include "props/discipline.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "props/describe.h"

namespace dbgref::props {

Discipline::Discipline(const dbgref_revision& revision, RequirementSet known)
    : runner_(revision), prober_(revision), known_(known) {}

bool Discipline::KnownFindingShows(const trace::Trace& trace, std::size_t end) {
  trace::Trace probe;
  probe.host = trace.host;
  probe.program = trace.program;
  probe.ops.assign(trace.ops.begin(),
                   trace.ops.begin() + static_cast<std::ptrdiff_t>(end));
  probe.ops.push_back(trace::SetGuestDebugOp(0));
  probe.ops.push_back(trace::GetOneRegOp(DBGREF_ONE_REG_PC));
  probe.ops.push_back(trace::GetOneRegOp(DBGREF_ONE_REG_PSTATE));
  probe.ops.push_back(trace::GetOneRegOp(DBGREF_ONE_REG_MDSCR));
  for (uint32_t reg = DBGREF_ONE_REG_BCR; reg <= DBGREF_ONE_REG_WVR; ++reg) {
    for (uint32_t n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      probe.ops.push_back(trace::GetOneRegOp(reg, n));
    }
  }
  probe.ops.push_back(trace::RunOp());
  probe.ops.push_back(trace::RunOp());
  const std::optional<Divergence> d = prober_.FirstDivergence(probe);
  return d && d->verdict.violated.ContainedIn(known_);
}

std::string Discipline::Check(const trace::Trace& trace) {
  std::string failure;
  runner_.Compare(trace, [&](const Divergence& d) {
    const std::string where = absl::StrCat(
        "operation ", d.op, " (", DescribeOp(trace.ops[d.op]), "), step ",
        d.step, " (model != ", runner_.revision().name, "):\n",
        model::ObsDiff(d.model, d.revision), "in\n", DescribeTrace(trace));
    if (d.verdict.Diverged()) {
      if (!d.verdict.violated.ContainedIn(known_)) {
        failure = absl::StrCat(runner_.revision().name, " breaks ",
                               d.verdict.violated.ToString(), " at ", where);
      }
      return false;
    }
    if (!d.verdict.Unexplained()) return true;
    if (!KnownFindingShows(trace, d.op) && !KnownFindingShows(trace, d.op + 1)) {
      failure = absl::StrCat(
          runner_.revision().name,
          " differs from the model without breaking a requirement, and no "
          "known finding shows before or after, at ",
          where);
    }
    return false;
  });
  return failure;
}

}  // namespace dbgref::props
