// Which requirement a real kernel's difference from the model breaks: the
// observational view of the props (props/observational_view.h) applied to
// what a kernel shows.
//
// A kernel observation (oracle/host/kernel_observation.h) is one record per
// userspace op; the model's are one per step (an IOCTL step, or the ENTER,
// GUEST and EXIT steps of a KVM_RUN). At an op where the kernel differs,
// the model's steps of that op get the kernel's values in exactly the
// fields that differ, each where the model's projection took it from
// (oracle/host/model_projection.h):
//  - an ioctl: ret and value of its IOCTL step (PSTATE: the compared bits);
//  - KVM_RUN: ret, exit_reason, hsr, far (exit_far), mmio_addr, pc
//    (exit_pc), PSTATE.SS (ctx_pstate_ss), MDSCR_EL1 (ctx_mdscr_el1),
//    ESR_EL1, ELR_EL1 and FAR_EL1 (ctx_*) of its last EXIT step; read[n] the
//    read_value of the step that made line n's last read of the run (the
//    GUEST step whose MRS retired, or the EXIT that emulated it).
// Each step so changed is judged by props::ClassifyStep on the model's
// transition: the requirements whose predicate fails with what the kernel
// was seen to do. As in the props, a trace is judged by its first op whose
// difference breaks a requirement; earlier ones that break none are passed
// over. A difference no predicate reads (PSTATE.D or the mode, ESR_EL1,
// ELR_EL1, FAR_EL1, the MMIO address, a read the model's run did not make)
// breaks no requirement: when a trace has only such differences it is
// unexplained, which is either an error of the model or a gap in the
// requirements, never a finding by itself.
#ifndef DBGREF_ORACLE_REVIEW_KERNEL_JUDGE_H_
#define DBGREF_ORACLE_REVIEW_KERNEL_JUDGE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/record.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/kernel_session.h"
#include "oracle/host/kernel_trace.h"
#include "props/requirement_set.h"
#include "trace/trace.h"

namespace dbgref::oracle {

struct KernelJudgement {
  // The requirements the first breaking op breaks (empty: none).
  props::RequirementSet violated;
  // That op.
  std::optional<size_t> breaking_op;
  // The kernel differs from the model, no op's difference breaks a
  // requirement, and not every one is a known design difference
  // (props::KnownDesignDifferenceOnly).
  bool unexplained = false;
  // The kind of the difference: the distinct differing fields, sorted,
  // without op numbers or line numbers ("hsr pc read"); empty when the
  // two agree.
  std::string fields;
};

// Judges c (KernelSession::Check's result for t) on host, the kernel's
// shape.
KernelJudgement JudgeKernelTrace(const dbgref_host& host, const KernelTrace& t,
                                 const CheckedTrace& c);

// The kind of a list of differences (KernelJudgement::fields).
std::string DifferenceKind(const std::vector<KernelDifference>& d);

// The two spellings of a trace (same fields).
trace::Trace ToTrace(const KernelTrace& t);
KernelTrace FromTrace(const trace::Trace& t);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_REVIEW_KERNEL_JUDGE_H_
