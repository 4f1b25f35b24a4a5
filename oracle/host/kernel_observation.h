// What a real kernel shows userspace and the guest of one trace, per
// userspace op: the kernel observation, which the runner reads from the
// VMM's results and model_projection.h computes from the model's step
// observations; and the comparison of two of them, field by field, with
// names (spec/real-kernel.md says which fields are compared and why the
// others are not).
#ifndef DBGREF_ORACLE_HOST_KERNEL_OBSERVATION_H_
#define DBGREF_ORACLE_HOST_KERNEL_OBSERVATION_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/record.h"
#include "oracle/host/kernel_trace.h"
#include "oracle/host/script.h"

namespace dbgref::oracle {

// The compared words of one op, in order. A field the op (or the rule in
// the comment) does not fill is 0 on both sides.
#define DBGREF_KERNEL_STEP_FIELDS(X)                                    \
  /* every op: the ioctl's return value, -errno on failure; for         \
   * CHECK_EXTENSION (on the VM fd) the value it reports */             \
  X(int64_t, ret)                                                       \
  /* GET_ONE_REG: the value (PSTATE masked with kPstateCompared) */     \
  X(uint64_t, value)                                                    \
  /* RUN: kvm_run.exit_reason; KVM_EXIT_DEBUG: hsr (hsr_high in bits    \
   * [63:32]); far only when the hsr is a watchpoint's (EC 0x34);       \
   * KVM_EXIT_MMIO: the address */                                      \
  X(uint32_t, exit_reason)                                              \
  X(uint64_t, hsr)                                                      \
  X(uint64_t, far)                                                      \
  X(uint64_t, mmio_addr)                                                \
  /* RUN: KVM_GET_ONE_REG afterwards of PC, PSTATE (SS, D and the mode  \
   * only) and MDSCR_EL1 */                                             \
  X(uint64_t, pc)                                                       \
  X(uint64_t, pstate)                                                   \
  X(uint64_t, mdscr_el1)                                                \
  /* RUN ending at the handler's EXCEPTION report: ESR_EL1 and ELR_EL1; \
   * FAR_EL1 when that ESR is a watchpoint's (EC 0x35) */               \
  X(uint64_t, esr_el1)                                                  \
  X(uint64_t, elr_el1)                                                  \
  X(uint64_t, far_el1)

struct KernelStep {
  uint32_t op_kind = 0;  // enum dbgref_op_kind
#define DBGREF_KERNEL_STEP_MEMBER(type, name) type name = 0;
  DBGREF_KERNEL_STEP_FIELDS(DBGREF_KERNEL_STEP_MEMBER)
#undef DBGREF_KERNEL_STEP_MEMBER
  // RUN: per program line, what its MRS's destination register holds
  // afterwards (what the guest read), 0 for lines that are no MRS.
  // Compared for every MRS line but those of MDCCINT_EL1.
  std::array<uint64_t, DBGREF_MAX_PROGRAM_LINES> read{};
  // Reported, never compared: the vCPU's `exits` counter delta over the
  // run (host interrupts add to it), and the run's timeout firing.
  uint64_t exits = 0;
  bool timed_out = false;
};

struct KernelObservation {
  std::vector<KernelStep> steps;  // one per op of the trace
  // The model's projection only: why the trace left the guest runtime's
  // convention, so that the real guest no longer runs as the model's does
  // (model_projection.h); empty when it did not. Such a trace is not
  // compared.
  std::string outside_convention;
  // The op that leaves it (when outside_convention is not empty): the ops
  // before it are inside the convention.
  size_t outside_convention_op = 0;
};

// One field where two observations differ.
struct KernelDifference {
  size_t op = 0;      // the op's index in the trace
  std::string field;  // "hsr", "read[3]" (line 3), "steps" (their number)
  std::string kernel;
  std::string model;
};

// The fields where kernel and model differ, op by op, in field order. The
// program decides two rules: which read[] entries are compared (MRS lines
// but MDCCINT_EL1's), and the watchpoint far and FAR_EL1, which are equal
// when both lie inside the access of the load or store at the model's pc
// (for far) or ELR_EL1 (for FAR_EL1).
std::vector<KernelDifference> CompareKernelObservations(
    const KernelTrace& t, const KernelObservation& kernel,
    const KernelObservation& model);

// "op 2 RUN: hsr: kernel 0xf2000007, model 0x0", one per line.
std::string DescribeDifferences(const KernelTrace& t,
                                const std::vector<KernelDifference>& d);

// One line per op with its filled fields (exits included).
std::string DescribeObservation(const KernelTrace& t,
                                const KernelObservation& o);

// The kernel observation of t from what the VMM answered to c's script.
// Internal when the reset or the runner's own set-up failed (the results
// then say nothing about t).
absl::StatusOr<KernelObservation> ObservationFromResult(const KernelTrace& t,
                                                        const CompiledTrace& c,
                                                        const ScriptResult& r);

// The exception classes the rules above test.
inline constexpr uint32_t kEcWatchpointLow = 0x34;
inline constexpr uint32_t kEcWatchpointCur = 0x35;

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_KERNEL_OBSERVATION_H_
