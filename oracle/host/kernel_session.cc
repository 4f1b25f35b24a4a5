// The kernel session (see kernel_session.h).
#include "oracle/host/kernel_session.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/arch/registers.h"
#include "model/uapi.h"
#include "oracle/host/model_projection.h"
#include "oracle/host/one_reg.h"

namespace dbgref::oracle {
namespace {

uint64_t Field(uint64_t dfr0, int shift) {
  return (dfr0 >> shift) & DBGREF_DFR0_FIELD_MASK;
}

bool ZeroRegs(const kvm_guest_debug_arch& a) {
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    if (a.dbg_bcr[n] | a.dbg_bvr[n] | a.dbg_wcr[n] | a.dbg_wvr[n]) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<KernelSession>> KernelSession::Start(
    const SessionOptions& o) {
  std::unique_ptr<KernelSession> s(new KernelSession());
  s->options_ = o;
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o.boot);
  if (!vm.ok()) return vm.status();
  s->vm_ = std::move(*vm);
  Script probe;
  probe.GetOneReg(one_reg::kIdAa64dfr0El1)
      .CheckExtension(DBGREF_FD_VM, KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL)
      .CheckExtension(DBGREF_FD_VM, KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL);
  absl::StatusOr<std::vector<ScriptResult>> r = s->vm_->RunBatch({probe});
  if (!r.ok()) return r.status();
  const ScriptResult& p = (*r)[0];
  if (p.reset_errno != 0 || p.results[0].ret != 0) {
    return absl::InternalError(
        absl::StrCat("cannot read ID_AA64DFR0_EL1 of the vCPU on ",
                     s->info().Summary(), ":\n", Describe(p)));
  }
  s->host_ = ZeroHost();
  s->host_.id_aa64dfr0_el1 = p.results[0].value;
  s->hw_bps_ = p.results[1].ret;
  s->hw_wps_ = p.results[2].ret;
  return s;
}

std::string KernelSession::Summary() const {
  return absl::StrFormat(
      "%s, ID_AA64DFR0_EL1 0x%x (%d breakpoints, %d watchpoints)",
      info().Summary(), host_.id_aa64dfr0_el1,
      Field(host_.id_aa64dfr0_el1, DBGREF_DFR0_BRPS_SHIFT) + 1,
      Field(host_.id_aa64dfr0_el1, DBGREF_DFR0_WRPS_SHIFT) + 1);
}

absl::Status KernelSession::CheckShape(size_t index,
                                       const dbgref_host& h) const {
  const uint64_t mine = host_.id_aa64dfr0_el1;
  const uint64_t theirs = h.id_aa64dfr0_el1;
  for (int shift : {DBGREF_DFR0_BRPS_SHIFT, DBGREF_DFR0_WRPS_SHIFT}) {
    if (Field(mine, shift) != Field(theirs, shift)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "trace %d: its host has %d breakpoints and %d watchpoints, the "
          "kernel's CPU %d and %d (a trace for a real kernel takes "
          "KernelSession::host() as its host)",
          index, Field(theirs, DBGREF_DFR0_BRPS_SHIFT) + 1,
          Field(theirs, DBGREF_DFR0_WRPS_SHIFT) + 1,
          Field(mine, DBGREF_DFR0_BRPS_SHIFT) + 1,
          Field(mine, DBGREF_DFR0_WRPS_SHIFT) + 1));
    }
  }
  if (!ZeroRegs(h.host_regs)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "trace ", index,
        ": its host has breakpoints of its own; a real kernel's host side "
        "uses none here"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<KernelObservation>> KernelSession::Run(
    const std::vector<KernelTrace>& traces) {
  std::vector<CompiledTrace> compiled;
  compiled.reserve(traces.size());
  for (size_t i = 0; i < traces.size(); ++i) {
    absl::Status shape = CheckShape(i, traces[i].host);
    if (!shape.ok()) return shape;
    CompileOptions co;
    co.run_timeout_ms = options_.run_timeout_ms;
    absl::StatusOr<CompiledTrace> c = CompileTrace(traces[i], co);
    if (!c.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("trace ", i, ": ", c.status().message()));
    }
    compiled.push_back(std::move(*c));
  }
  std::vector<KernelObservation> out;
  out.reserve(traces.size());
  const size_t batch = std::max<size_t>(1, options_.max_batch);
  for (size_t start = 0; start < traces.size(); start += batch) {
    const size_t end = std::min(traces.size(), start + batch);
    std::vector<Script> scripts;
    scripts.reserve(end - start);
    for (size_t i = start; i < end; ++i) scripts.push_back(compiled[i].script);
    absl::StatusOr<std::vector<ScriptResult>> r = vm_->RunBatch(scripts);
    if (!r.ok()) return r.status();
    for (size_t i = start; i < end; ++i) {
      absl::StatusOr<KernelObservation> o =
          ObservationFromResult(traces[i], compiled[i], (*r)[i - start]);
      if (!o.ok()) {
        return absl::InternalError(absl::StrCat("trace ", i, ": ",
                                                o.status().message(), "\n",
                                                Describe((*r)[i - start])));
      }
      out.push_back(std::move(*o));
    }
  }
  return out;
}

absl::StatusOr<std::vector<CheckedTrace>> KernelSession::Check(
    const std::vector<KernelTrace>& traces) {
  absl::StatusOr<std::vector<KernelObservation>> kernel = Run(traces);
  if (!kernel.ok()) return kernel.status();
  std::vector<CheckedTrace> out(traces.size());
  for (size_t i = 0; i < traces.size(); ++i) {
    out[i].kernel = std::move((*kernel)[i]);
    out[i].model = ProjectModel(host_, traces[i]);
    if (out[i].model.outside_convention.empty()) {
      out[i].differences =
          CompareKernelObservations(traces[i], out[i].kernel, out[i].model);
    }
  }
  return out;
}

}  // namespace dbgref::oracle
