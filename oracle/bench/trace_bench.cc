// The figures of model traces on a real kernel, and a small review: boot,
// ten-operation traces per second inside one boot (the runner's set-up,
// the watched registers and the model's projection included), the round
// trip of a one-trace batch, then N random traces on the kernel's shape
// compared with the model, and each distinct difference shrunk (one batch
// of candidates per round) and printed.
//
//   bazel run -c opt //oracle/bench:trace_bench -- [--traces=2000]
//       [--seed=1] [linux-6.1 linux-6.12]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
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

// Random traces on a real kernel's terms (kernel_trace.h): programs of
// 1..8 lines at the start of the code region with loads and stores in the
// data region, hits and misses of breakpoints and watchpoints that
// userspace and the guest program, and ten operations.
class Gen {
 public:
  Gen(uint64_t seed, const dbgref_host& host) : rng_(seed), host_(host) {}
  uint64_t Below(uint64_t n) { return rng_() % n; }
  bool Coin() { return Below(2) == 0; }
  uint64_t Code() { return DBGREF_CODE_BASE + 4 * Below(8); }
  uint64_t Data(uint64_t size) {
    return DBGREF_DATA_BASE + size * Below(32 / size);
  }
  uint64_t Bcr() {
    const uint64_t c[] = {0x1e7, 0x1e3, 0x1e5, 0x0, 0x1e6, 0x1e7 | (1 << 20)};
    return c[Below(6)];
  }
  uint64_t Wcr() {
    const uint64_t bas[] = {0xff, 0x0f, 0xf0, 0x01, 0x80};
    return 1 | (3 << 1) | ((1 + Below(3)) << 3) | (bas[Below(5)] << 5);
  }
  uint64_t Mdscr() {
    const uint64_t m[] = {0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE,
                          DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE, DBGREF_MDSCR_MDE};
    return m[Below(4)];
  }
  dbgref_insn Insn() {
    dbgref_insn i{};
    switch (Below(8)) {
      case 0:
        i.kind = DBGREF_INSN_NOP;
        break;
      case 1:
      case 2:
        i.kind = Coin() ? DBGREF_INSN_LOAD : DBGREF_INSN_STORE;
        i.size = 1u << Below(4);
        i.addr = Data(i.size);
        break;
      case 3:
        i.kind = DBGREF_INSN_BRK;
        i.imm = static_cast<uint32_t>(Below(0x10000));
        break;
      case 4:
      case 5:
      case 6:
        i.kind = Coin() ? DBGREF_INSN_MRS : DBGREF_INSN_MSR;
        i.reg = static_cast<uint32_t>(Below(DBGREF_REG_KIND_COUNT));
        if (i.reg == DBGREF_REG_OSLAR) i.kind = DBGREF_INSN_MSR;
        if (i.reg == DBGREF_REG_OSLSR) i.kind = DBGREF_INSN_MRS;
        i.reg_index = i.reg <= DBGREF_REG_WVR ? Below(8) : 0;
        i.value = i.reg == DBGREF_REG_BCR     ? Bcr()
                  : i.reg == DBGREF_REG_WCR   ? Wcr()
                  : i.reg == DBGREF_REG_BVR   ? Code()
                  : i.reg == DBGREF_REG_WVR   ? Data(8)
                  : i.reg == DBGREF_REG_MDSCR ? Mdscr()
                  : i.reg == DBGREF_REG_OSLAR ? Below(2)
                                              : Below(4);
        break;
      default:
        i.kind = DBGREF_INSN_REPORT;
        break;
    }
    return i;
  }
  dbgref_op Op() {
    dbgref_op op{};
    switch (Below(10)) {
      case 0:
      case 1: {
        op.kind = DBGREF_OP_SET_GUEST_DEBUG;
        const uint32_t c[] = {
            0,
            KVM_GUESTDBG_ENABLE,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW | KVM_GUESTDBG_SINGLESTEP,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP,
            4,
            KVM_GUESTDBG_ENABLE | 8};
        op.dbg.control = c[Below(8)];
        for (int n = 0; n < 2; ++n) {
          op.dbg.arch.dbg_bcr[n] = Bcr();
          op.dbg.arch.dbg_bvr[n] = Code();
          op.dbg.arch.dbg_wcr[n] = Wcr();
          op.dbg.arch.dbg_wvr[n] = Data(8);
        }
        break;
      }
      case 2:
        op.kind = DBGREF_OP_CHECK_EXTENSION;
        op.cap = static_cast<uint32_t>(Below(3));
        break;
      case 3:
        op.kind = Coin() ? DBGREF_OP_GET_ONE_REG : DBGREF_OP_SET_ONE_REG;
        op.reg = static_cast<uint32_t>(Below(DBGREF_ONE_REG_COUNT));
        op.reg_index = static_cast<uint32_t>(Below(4));
        op.value = op.reg == DBGREF_ONE_REG_PC ? Code()
                   : op.reg == DBGREF_ONE_REG_PSTATE
                       ? (DBGREF_START_PSTATE | (Coin() ? DBGREF_SPSR_SS : 0))
                   : op.reg == DBGREF_ONE_REG_MDSCR ? Mdscr()
                   : op.reg == DBGREF_ONE_REG_BCR   ? Bcr()
                   : op.reg == DBGREF_ONE_REG_WCR   ? Wcr()
                   : op.reg == DBGREF_ONE_REG_WVR   ? Data(8)
                                                    : Code();
        break;
      case 4:
        op.kind = DBGREF_OP_VCPU_INIT;
        break;
      default:
        op.kind = DBGREF_OP_RUN;
        break;
    }
    return op;
  }
  KernelTrace Trace() {
    KernelTrace t;
    t.host = host_;
    t.program = EmptyProgram();
    t.program.count = static_cast<uint32_t>(1 + Below(8));
    for (uint32_t n = 0; n < t.program.count; ++n) {
      t.program.line[n].pc = DBGREF_CODE_BASE + 4 * n;
      t.program.line[n].insn = Insn();
    }
    for (int k = 0; k < 10; ++k) t.ops.push_back(Op());
    return t;
  }

 private:
  std::mt19937_64 rng_;
  dbgref_host host_;
};

// What a difference is about, for grouping: the fields, without the ops.
std::string Signature(const std::vector<KernelDifference>& d) {
  std::vector<std::string> f;
  for (const KernelDifference& x : d) f.push_back(x.field);
  std::sort(f.begin(), f.end());
  f.erase(std::unique(f.begin(), f.end()), f.end());
  std::string s;
  for (const std::string& x : f) s += x + " ";
  return s;
}

std::vector<KernelTrace> Candidates(const KernelTrace& t) {
  std::vector<KernelTrace> out;
  for (size_t k = 0; k < t.ops.size(); ++k) {
    KernelTrace c = t;
    c.ops.erase(c.ops.begin() + static_cast<long>(k));
    out.push_back(c);
  }
  for (uint32_t n = 0; n < t.program.count; ++n) {
    KernelTrace c = t;
    for (uint32_t m = n; m + 1 < c.program.count; ++m) {
      c.program.line[m] = c.program.line[m + 1];
    }
    c.program.count--;
    out.push_back(c);
  }
  return out;
}

// Greedy: drop one op or one program line while the same kind of
// difference (the same differing fields) stays; one batch of every
// candidate per round.
absl::StatusOr<KernelTrace> Shrink(KernelSession& k, KernelTrace t,
                                   const std::string& signature, int* rounds,
                                   int* runs) {
  for (;;) {
    std::vector<KernelTrace> c = Candidates(t);
    if (c.empty()) return t;
    absl::StatusOr<std::vector<CheckedTrace>> r = k.Check(c);
    if (!r.ok()) return r.status();
    ++*rounds;
    *runs += static_cast<int>(c.size());
    size_t i = 0;
    while (i < c.size() && Signature((*r)[i].differences) != signature) ++i;
    if (i == c.size()) return t;
    t = c[i];
  }
}

int Bench(const std::string& kernel, const std::string& initramfs, int n,
          uint64_t seed) {
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

  // The review: random traces, then one shrink per kind of difference.
  Gen g(seed, h);
  std::vector<KernelTrace> traces;
  for (int i = 0; i < n; ++i) traces.push_back(g.Trace());
  auto t3 = std::chrono::steady_clock::now();
  absl::StatusOr<std::vector<CheckedTrace>> r = s.Check(traces);
  if (!r.ok()) return fail(r.status());
  const double run_s = Since(t3);
  std::map<std::string, std::vector<size_t>> kinds;
  size_t outside = 0;
  for (size_t i = 0; i < r->size(); ++i) {
    outside += !(*r)[i].model.outside_convention.empty();
    if (!(*r)[i].differences.empty()) {
      kinds[Signature((*r)[i].differences)].push_back(i);
    }
  }
  size_t differing = 0;
  for (const auto& [sig, idx] : kinds) differing += idx.size();
  uint64_t ops = 0, runs_done = 0, exits = 0, timeouts = 0;
  for (const CheckedTrace& c : *r) {
    for (const KernelStep& x : c.kernel.steps) {
      ++ops;
      if (x.op_kind != DBGREF_OP_RUN) continue;
      ++runs_done;
      exits += x.exits;
      timeouts += x.timed_out;
    }
  }
  std::printf("  (%llu ops, %llu KVM_RUNs, %llu exits, %llu timed out)\n",
              static_cast<unsigned long long>(ops),
              static_cast<unsigned long long>(runs_done),
              static_cast<unsigned long long>(exits),
              static_cast<unsigned long long>(timeouts));
  std::printf(
      "  random ten-op traces       %8.0f /s (%d in %.2f s); %zu "
      "differ, %zu kinds; %zu outside the convention\n",
      n / run_s, n, run_s, differing, kinds.size(), outside);
  auto t4 = std::chrono::steady_clock::now();
  int rounds = 0, runs = 0;
  std::vector<std::pair<std::string, KernelTrace>> shrunk;
  for (const auto& [sig, idx] : kinds) {
    absl::StatusOr<KernelTrace> m =
        Shrink(s, traces[idx[0]], sig, &rounds, &runs);
    if (!m.ok()) return fail(m.status());
    shrunk.emplace_back(sig, *m);
  }
  const double shrink_s = Since(t4);
  std::printf("  shrinking                  %8.2f s (%d rounds, %d traces)\n",
              shrink_s, rounds, runs);
  std::printf("  review: boot, %d traces, shrinking %8.2f s\n", n,
              s.info().boot_seconds + run_s + shrink_s);
  for (const auto& [sig, m] : shrunk) {
    absl::StatusOr<std::vector<CheckedTrace>> c = s.Check({m});
    if (!c.ok()) return fail(c.status());
    std::printf("-- %zu traces differ in: %s\n%s%s", kinds[sig].size(),
                sig.c_str(), DescribeTrace(m).c_str(),
                DescribeDifferences(m, (*c)[0].differences).c_str());
  }
  absl::Status st = s.Shutdown();
  return st.ok() ? 0 : fail(st);
}

}  // namespace
}  // namespace dbgref::oracle

int main(int argc, char** argv) {
  std::string initramfs;
  int traces = 2000;
  uint64_t seed = 1;
  std::vector<std::string> kernels;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--initramfs=", 12) == 0) {
      initramfs = argv[i] + 12;
    } else if (std::strncmp(argv[i], "--traces=", 9) == 0) {
      traces = std::atoi(argv[i] + 9);
    } else if (std::strncmp(argv[i], "--seed=", 7) == 0) {
      seed = std::strtoull(argv[i] + 7, nullptr, 10);
    } else {
      kernels.push_back(argv[i]);
    }
  }
  if (kernels.empty()) kernels = {"linux-6.1", "linux-6.12"};
  int rc = 0;
  for (const std::string& k : kernels) {
    const int r = dbgref::oracle::Bench(k, initramfs, traces, seed);
    if (r != 0) rc = r;
  }
  return rc;
}
