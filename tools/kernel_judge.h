// Which requirement a real kernel's difference from the model breaks.
//
// A real kernel is observed per userspace operation, only through what
// userspace and the guest see (oracle/host/kernel_observation.h); the
// model's projection (oracle/host/model_projection.h) reads each of those
// fields from one of the model's step observations. KernelStepsOf writes
// the kernel's value of every differing field back into the step the
// projection read it from, which gives the steps the kernel was seen to
// take; the observational view (props/observational_view.h) then judges
// them against the model's transitions exactly as it judges a port
// revision's steps (props/lockstep.h), and the first step that breaks a
// requirement decides.
//
// Where the projection reads each field (docs/reading-a-report.md, "Real
// kernels"):
//  - an ioctl: ret and value of its IOCTL step (PSTATE: SS, D and the mode
//    only, the other bits stay the model's);
//  - KVM_RUN: ret, exit_reason, hsr, far, mmio_addr, pc, PSTATE.SS,
//    MDSCR_EL1, ESR_EL1, ELR_EL1 and FAR_EL1 of its last EXIT step; what an
//    MRS line read, of the step that read it last in the operation (the
//    GUEST step of a direct MRS, the EXIT that emulated a trapped one);
//  - and the exception that ended the run: a debug exit (the GUEST step at
//    the exit's pc takes it to EL2 with the exit's hsr and far) or the
//    guest's own exception report (the GUEST step at ELR_EL1 takes it at
//    EL1 with ESR_EL1 and FAR_EL1); an exception step of the model's that
//    the kernel's run did not take becomes an instruction that retired.
// A differing field that no step can hold (PSTATE.D or the mode, the high
// word of the hsr, an exception at a pc the model's run never reached, a
// read of a line the model's run did not execute) is uncarried: it breaks
// no requirement by itself, and the judgement calls it unexplained unless
// a requirement is broken.
#ifndef DBGREF_TOOLS_KERNEL_JUDGE_H_
#define DBGREF_TOOLS_KERNEL_JUDGE_H_

#include <optional>
#include <string>
#include <vector>

#include "model/requirement_list.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/kernel_session.h"
#include "oracle/host/kernel_trace.h"
#include "props/lockstep.h"
#include "trace/observations.h"
#include "trace/trace.h"

namespace dbgref::tools {

// The trace as a real kernel runs it (host, program, operations).
oracle::KernelTrace KernelTraceOf(const trace::Trace& t);

struct KernelSteps {
  trace::Observations model;   // the model's steps of the trace
  trace::Observations kernel;  // the same, with the kernel's values
  std::vector<oracle::KernelDifference> uncarried;
};

// t's host must be the kernel's (KernelSession::host()), as in the
// session's Check; checked is what Check gave for t.
KernelSteps KernelStepsOf(const trace::Trace& t,
                          const oracle::CheckedTrace& checked);

struct KernelJudgement {
  KernelSteps steps;
  // The first step whose difference breaks a requirement.
  std::optional<props::Divergence> first;
  // No step breaks a requirement, and some difference is neither a known
  // design difference (props/observational_view.h) nor explained: a
  // differing step the view explains by no requirement, or an uncarried
  // field.
  bool unexplained = false;
  // The kernel's differences (oracle::CompareKernelObservations).
  std::vector<oracle::KernelDifference> differences;
};

KernelJudgement JudgeKernel(const trace::Trace& t,
                            const oracle::CheckedTrace& checked);

// Whether a real kernel's observation can show r broken: false for the
// requirements whose predicates read only what KVM sets up as the guest
// enters (MDCR_EL2, the hardware debug registers, MDSCR_EL1 and PSTATE as
// the guest runs with them), which no real kernel shows.
bool ObservableOnKernel(Requirement r);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_KERNEL_JUDGE_H_
