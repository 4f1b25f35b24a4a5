// The printer and the parser agree: for every valid trace t (trace/
// valid.h), ParseTrace(FormatTrace(t)) == t, and the parser accepts only
// valid traces.

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/trace/valid_trace_gen.h"
#include "trace/format.h"
#include "trace/parse.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace {
namespace {

RC_GTEST_PROP(TraceRoundTrip, ParseOfFormatIsTheTrace, ()) {
  const Trace trace = *testing::ValidTrace();
  RC_ASSERT(ValidateTrace(trace).ok());
  const std::string text = FormatTrace(trace);
  absl::StatusOr<Trace> back = ParseTrace(text);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == trace);
}

}  // namespace
}  // namespace dbgref::trace
