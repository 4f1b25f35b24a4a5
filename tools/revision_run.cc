// A trace on a revision (see revision_run.h).
#include "tools/revision_run.h"

#include "absl/types/span.h"
#include "model/record.h"
#include "props/revision_vcpu.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::tools {

trace::Observations RunOnRevision(const trace::Trace& trace,
                                  const dbgref_revision& revision) {
  props::RevisionVcpu vcpu(revision);
  vcpu.Reset(trace.host, trace.program);
  trace::Observations out;
  out.reserve(trace.ops.size());
  for (const dbgref_op& op : trace.ops) {
    const absl::Span<const dbgref_obs> steps = vcpu.Step(op);
    out.emplace_back(steps.begin(), steps.end());
  }
  return out;
}

}  // namespace dbgref::tools
