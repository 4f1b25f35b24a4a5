// A replay as JSON: for each operation of a trace, what one revision did
// (its OpOutcome, trace/outcome.h), in the schema of docs/replay-json.md.
// The same renderer serves the model, a port and a real kernel, since each
// gives its outcomes in the same fields.
//
//   const std::string json = trace::ReplayJson(
//       t, trace::OutcomesOf(t, trace::RunOnModel(t)), "model");
#ifndef DBGREF_TRACE_REPLAY_JSON_H_
#define DBGREF_TRACE_REPLAY_JSON_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "trace/outcome.h"
#include "trace/trace.h"

namespace dbgref::trace {

// One JSON document, newline-terminated: the revision's name, the trace's
// text, and one entry per outcome (outcomes[i] is the outcome of
// trace.ops[i]; extra outcomes have an empty "op").
std::string ReplayJson(const Trace& trace,
                       const std::vector<OpOutcome>& outcomes,
                       absl::string_view revision);

// text as a JSON string literal, quotes included.
std::string JsonString(absl::string_view text);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_REPLAY_JSON_H_
