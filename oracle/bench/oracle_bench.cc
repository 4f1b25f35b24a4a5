// The real-kernel oracle's figures: boot to the VMM's READY, ten-operation
// scripts per second inside one boot, and the round trip of a one-script
// batch, for each cached kernel. Not a test: it prints numbers.
//
//   bazel run -c opt //oracle/bench:oracle_bench -- [--scripts=N] [kernels...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "model/uapi.h"
#include "oracle/host/a64.h"
#include "oracle/host/one_reg.h"
#include "oracle/host/oracle.h"
#include "oracle/layout.h"

namespace dbgref::oracle {
namespace {

double Seconds(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a)
      .count();
}

// Ten operations, four of them KVM_RUN: three single steps and a run to the
// END report.
Script TenOps() {
  Script s;
  s.Watch({one_reg::kPc});
  s.WriteMem(DBGREF_CODE_BASE, {a64::Nop(), a64::Nop(), a64::Nop()})
      .SetOneReg(one_reg::X(0), 1)
      .SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP)
      .Run(200)
      .Run(200)
      .Run(200)
      .GetOneReg(one_reg::kPc)
      .GetOneReg(one_reg::kMdscrEl1)
      .SetGuestDebug(0)
      .Run(200);
  return s;
}

// Ten operations, one KVM_RUN: the ioctl side of a script.
Script TenOpsOneRun() {
  kvm_guest_debug_arch arch{};
  arch.dbg_bcr[0] = 0x1e7;
  arch.dbg_bvr[0] = DBGREF_CODE_BASE + 4;
  Script s;
  s.Watch({one_reg::kPc});
  s.WriteMem(DBGREF_CODE_BASE, {a64::Nop(), a64::Nop(), a64::Nop()})
      .SetOneReg(one_reg::X(0), 1)
      .SetOneReg(one_reg::Dbgbcr(0), 0x1e1)
      .SetGuestDebug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, arch)
      .GetOneReg(one_reg::Dbgbcr(0))
      .GetOneReg(one_reg::kMdscrEl1)
      .CheckExtension(DBGREF_FD_VM, KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL)
      .Run(200)
      .GetOneReg(one_reg::kPc)
      .SetGuestDebug(0);
  return s;
}

int Bench(const std::string& kernel, const std::string& initramfs,
          int scripts) {
  BootOptions o;
  o.kernel = kernel;
  o.initramfs = initramfs;
  auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<std::unique_ptr<Oracle>> vm = Oracle::Boot(o);
  if (!vm.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", vm.status().ToString().c_str());
    return 2;
  }
  double boot = Seconds(t0);
  std::printf("%s\n", (*vm)->info().Summary().c_str());
  std::printf("  boot to READY            %8.2f s\n", boot);

  const int kEmpty = 200;
  auto te = std::chrono::steady_clock::now();
  for (int i = 0; i < kEmpty; ++i) {
    absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch({});
    if (!r.ok()) {
      std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
      return 2;
    }
  }
  std::printf("  empty batch              %8.2f ms round trip (the channel)\n",
              Seconds(te) * 1000 / kEmpty);

  std::vector<Script> one = {TenOps()};
  (void)(*vm)->RunBatch(one);  // warm up
  const int kTrips = 50;
  auto t1 = std::chrono::steady_clock::now();
  for (int i = 0; i < kTrips; ++i) {
    absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch(one);
    if (!r.ok()) {
      std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
      return 2;
    }
  }
  std::printf("  one-script batch         %8.2f ms round trip\n",
              Seconds(t1) * 1000 / kTrips);

  std::vector<Script> many(static_cast<size_t>(scripts), TenOps());
  auto t2 = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<ScriptResult>> r = (*vm)->RunBatch(many);
  if (!r.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
    return 2;
  }
  double t = Seconds(t2);
  std::printf("  ten-op scripts, 4 runs   %8.0f /s (%d in %.2f s, one batch)\n",
              scripts / t, scripts, t);
  std::vector<Script> light(static_cast<size_t>(scripts), TenOpsOneRun());
  auto t3 = std::chrono::steady_clock::now();
  r = (*vm)->RunBatch(light);
  if (!r.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", r.status().ToString().c_str());
    return 2;
  }
  t = Seconds(t3);
  std::printf("  ten-op scripts, 1 run    %8.0f /s (%d in %.2f s, one batch)\n",
              scripts / t, scripts, t);
  if (std::getenv("DBGREF_BENCH_CONSOLE") != nullptr) {
    (*vm)->Shutdown().IgnoreError();
    std::printf("console:%s\n", (*vm)->ConsoleTail(10).c_str());
    return 0;
  }
  absl::Status s = (*vm)->Shutdown();
  if (!s.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", s.ToString().c_str());
    return 2;
  }
  return 0;
}

}  // namespace
}  // namespace dbgref::oracle

int main(int argc, char** argv) {
  std::string initramfs;
  int scripts = 2000;
  std::vector<std::string> kernels;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      initramfs = argv[i] + 12;
    } else if (std::strncmp(argv[i], "--scripts=", 10) == 0) {
      scripts = std::atoi(argv[i] + 10);
    } else {
      kernels.push_back(argv[i]);
    }
  }
  if (kernels.empty()) kernels = {"linux-6.1", "linux-6.12"};
  int rc = 0;
  for (const std::string& k : kernels) {
    int r = dbgref::oracle::Bench(k, initramfs, scripts);
    if (r != 0) rc = r;
  }
  return rc;
}
