// A trace on the model (see model_run.h).
#include "trace/model_run.h"

#include <utility>

#include "model/concrete.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::trace {

Observations RunOnModel(const Trace& trace) {
  Observations out;
  out.reserve(trace.ops.size());
  model::ConcreteVcpu vcpu = model::Reset(trace.host);
  for (const dbgref_op& op : trace.ops) {
    model::ConcreteStep step = model::Step(trace.host, trace.program, vcpu, op);
    vcpu = std::move(step.state);
    out.push_back(std::move(step.obs));
  }
  return out;
}

}  // namespace dbgref::trace
