// A long-lived real kernel for traces: boots once (host/oracle.h), reads
// the kernel's host shape (ID_AA64DFR0_EL1 and the two capabilities), then
// runs batch after batch of model traces and gives each one's kernel
// observation, or its comparison with the model's projection. For
// campaigns and shrinking, which need many round trips in one boot.
#ifndef DBGREF_ORACLE_HOST_KERNEL_SESSION_H_
#define DBGREF_ORACLE_HOST_KERNEL_SESSION_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/record.h"
#include "oracle/host/kernel_observation.h"
#include "oracle/host/kernel_trace.h"
#include "oracle/host/oracle.h"

namespace dbgref::oracle {

struct SessionOptions {
  BootOptions boot;
  // The bound of every KVM_RUN. A trace's run never takes long; the bound
  // only stops a guest that went astray.
  uint32_t run_timeout_ms = 2000;
  // Traces per round trip (a longer list is split).
  size_t max_batch = 1000;
};

// One trace on the kernel and in the model.
struct CheckedTrace {
  KernelObservation kernel;
  KernelObservation model;
  // Empty: they agree, or the trace left the runtime's convention
  // (model.outside_convention) and was not compared.
  std::vector<KernelDifference> differences;
};

class KernelSession {
 public:
  static absl::StatusOr<std::unique_ptr<KernelSession>> Start(
      const SessionOptions& o);

  const KernelInfo& info() const { return vm_->info(); }
  // The kernel's shape: the vCPU's ID_AA64DFR0_EL1 as KVM_GET_ONE_REG reads
  // it, and no host breakpoints (the host side of KVM uses none here).
  // Traces for this kernel take it as their host.
  const dbgref_host& host() const { return host_; }
  // KVM_CHECK_EXTENSION of HW_BPS and HW_WPS on the VM fd.
  int hw_bps() const { return hw_bps_; }
  int hw_wps() const { return hw_wps_; }
  // "linux-6.1: ..., ID_AA64DFR0_EL1 0x10305006 (6 breakpoints, 4
  // watchpoints)".
  std::string Summary() const;

  // The kernel observation of each trace. InvalidArgument (nothing runs)
  // for a trace that does not compile or whose host is not this kernel's
  // shape; any other error leaves the VM down.
  absl::StatusOr<std::vector<KernelObservation>> Run(
      const std::vector<KernelTrace>& traces);

  // Run, and the model's projection of each trace on host(), compared.
  absl::StatusOr<std::vector<CheckedTrace>> Check(
      const std::vector<KernelTrace>& traces);

  // The session's VM, for raw scripts (benchmarks, probes).
  Oracle& oracle() { return *vm_; }

  std::string ConsoleTail(size_t n = 20) const { return vm_->ConsoleTail(n); }
  absl::Status Shutdown() { return vm_->Shutdown(); }

 private:
  KernelSession() = default;
  absl::Status CheckShape(size_t index, const dbgref_host& h) const;

  SessionOptions options_;
  std::unique_ptr<Oracle> vm_;
  dbgref_host host_{};
  int hw_bps_ = 0;
  int hw_wps_ = 0;
};

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_KERNEL_SESSION_H_
