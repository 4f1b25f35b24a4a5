// The figures of model traces on a real kernel: boot, what one ioctl and
// one KVM_RUN cost inside, the round trip of a one-trace batch, and
// ten-operation traces per second inside one boot (the runner's set-up,
// the watched registers and the model's projection included). The review
// of a kernel on random traces, shrunk, is `./dbgref review linux-6.1`.
//
//   bazel run -c opt //oracle/bench:trace_bench -- [--traces=2000]
//       [linux-6.1 linux-6.12]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/uapi.h"
#include "oracle/host/kernel_session.h"
#include "oracle/host/model_projection.h"
#include "oracle/host/one_reg.h"
#include "oracle/host/trace_builder.h"

namespace dbgref::oracle {
namespace {

double Since(std::chrono::steady_clock::time_point a) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a)
      .count();
}

// Ten operations, four runs: the selftest's shape.
KernelTrace TenOpsFourRuns(const dbgref_host& h) {
  return TraceBuilder(h)
      .Nop()
      .Nop()
      .Nop()
      .Set(DBGREF_ONE_REG_BCR, 0, 0x1e1)
      .Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP)
      .Run(3)
      .Get(DBGREF_ONE_REG_PC)
      .Get(DBGREF_ONE_REG_MDSCR)
      .Debug(0)
      .Run(1)
      .Build();
}

// Ten operations, one run: the ioctl side.
KernelTrace TenOpsOneRun(const dbgref_host& h) {
  return TraceBuilder(h)
      .Nop()
      .Mrs(DBGREF_REG_BCR, 0)
      .Nop()
      .Set(DBGREF_ONE_REG_BCR, 0, 0x1e1)
      .Set(DBGREF_ONE_REG_BVR, 0, 0x4000)
      .Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
             Breakpoint(0, 0x1e7, DBGREF_CODE_BASE + 8))
      .Get(DBGREF_ONE_REG_BCR, 0)
      .Get(DBGREF_ONE_REG_MDSCR)
      .Cap(DBGREF_CAP_HW_BPS)
      .Run(1)
      .Get(DBGREF_ONE_REG_PC)
      .Debug(0)
      .Get(DBGREF_ONE_REG_PSTATE)
      .Build();
}

int Bench(const std::string& kernel, const std::string& initramfs, int n) {
  SessionOptions o;
  o.boot.kernel = kernel;
  o.boot.initramfs = initramfs;
  auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<std::unique_ptr<KernelSession>> k = KernelSession::Start(o);
  if (!k.ok()) {
    std::fprintf(stderr, "dbgref: %s\n", k.status().ToString().c_str());
    return 2;
  }
  KernelSession& s = **k;
  std::printf("%s\n", s.Summary().c_str());
  std::printf("  boot to READY              %8.2f s (session ready %.2f s)\n",
              s.info().boot_seconds, Since(t0));
  const dbgref_host h = s.host();
  auto fail = [&](const absl::Status& st) {
    std::fprintf(stderr, "dbgref: %s\n", st.ToString().c_str());
    return 2;
  };

  // What one ioctl and one KVM_RUN cost inside: scripts of 500
  // GET_ONE_REGs, of 500 runs to an MMIO exit, and empty ones.
  {
    auto time_scripts = [&](const Script& one) -> double {
      std::vector<Script> ten(10, one);
      auto t = std::chrono::steady_clock::now();
      absl::StatusOr<std::vector<ScriptResult>> r = s.oracle().RunBatch(ten);
      if (!r.ok()) return -1;
      return Since(t) / 10;
    };
    Script empty, gets, runs, inits, debugs;
    for (int i = 0; i < 500; ++i) {
      gets.GetOneReg(one_reg::kPc);
      runs.Run(0);
    }
    for (int i = 0; i < 50; ++i) {
      inits.Init();
      debugs.SetGuestDebug(0);
    }
    const double e = time_scripts(empty);
    const double g = time_scripts(gets);
    const double r = time_scripts(runs);
    const double in = time_scripts(inits);
    const double d = time_scripts(debugs);
    std::printf("  per KVM_ARM_VCPU_INIT      %8.1f us\n", (in - e) / 50 * 1e6);
    std::printf("  per SET_GUEST_DEBUG        %8.1f us\n", (d - e) / 50 * 1e6);
    std::printf("  per script (the reset)     %8.1f us\n", e * 1e6);
    std::printf("  per GET_ONE_REG            %8.1f us\n", (g - e) / 500 * 1e6);
    std::printf("  per KVM_RUN to MMIO        %8.1f us\n", (r - e) / 500 * 1e6);
  }
  (void)s.Run({TenOpsFourRuns(h)});
  const int kTrips = 50;
  auto t1 = std::chrono::steady_clock::now();
  for (int i = 0; i < kTrips; ++i) {
    absl::StatusOr<std::vector<KernelObservation>> r =
        s.Run({TenOpsFourRuns(h)});
    if (!r.ok()) return fail(r.status());
  }
  std::printf("  one-trace batch            %8.2f ms round trip\n",
              Since(t1) * 1000 / kTrips);
  // The same trace again and again needs no flush; alternating the
  // program's fourth word makes every reset flush.
  for (int kind = 0; kind < 3; ++kind) {
    std::vector<KernelTrace> many(
        static_cast<size_t>(n),
        kind == 2 ? TenOpsOneRun(h) : TenOpsFourRuns(h));
    if (kind == 1) {
      for (size_t i = 1; i < many.size(); i += 2) {
        many[i].program.line[3] = many[i].program.line[2];
        many[i].program.line[3].pc += 4;
        many[i].program.count = 4;
      }
    }
    auto t2 = std::chrono::steady_clock::now();
    absl::StatusOr<std::vector<CheckedTrace>> r = s.Check(many);
    if (!r.ok()) return fail(r.status());
    const double t = Since(t2);
    const char* what[] = {"4 runs, no flush ", "4 runs, flushed  ",
                          "1 run, no flush  "};
    std::printf("  ten-op traces, %s %6.0f /s (%d in %.2f s, checked)\n",
                what[kind], n / t, n, t);
  }

  absl::Status st = s.Shutdown();
  return st.ok() ? 0 : fail(st);
}

}  // namespace
}  // namespace dbgref::oracle

int main(int argc, char** argv) {
  std::string initramfs;
  int traces = 2000;
  std::vector<std::string> kernels;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      initramfs = argv[i] + 12;
    } else if (std::strncmp(argv[i], "--traces=", 9) == 0) {
      traces = std::atoi(argv[i] + 9);
    } else {
      kernels.push_back(argv[i]);
    }
  }
  if (kernels.empty()) kernels = {"linux-6.1", "linux-6.12"};
  int rc = 0;
  for (const std::string& k : kernels) {
    const int r = dbgref::oracle::Bench(k, initramfs, traces);
    if (r != 0) rc = r;
  }
  return rc;
}
