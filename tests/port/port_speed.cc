// The port's speed, port alone: guest steps per CPU second for each
// revision on three workloads (guest debug off, USE_HW with breakpoints
// and watchpoints that do not match, single-step), each a KVM_RUN of a
// 24-line program followed by KVM_SET_ONE_REG of the PC back to its start.
//   bazel run -c opt //tests/port:port_speed
#include <cstdio>
#include <ctime>
#include <vector>

#include "tests/port/port_test_util.h"

namespace dbgref_port_test {
namespace {

double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

dbgref_program Workload() {
  dbgref_program p{};
  const uint64_t d = DBGREF_DATA_BASE;
  for (int i = 0; i < DBGREF_MAX_PROGRAM_LINES - 1; i++) {
    switch (i % 4) {
      case 0:
        trace::AddLine(p, trace::Nop());
        break;
      case 1:
        trace::AddLine(p, trace::Load(8, d + 8 * i));
        break;
      case 2:
        trace::AddLine(p, trace::Store(4, d + 0x100 + 4 * i));
        break;
      default:
        trace::AddLine(p, trace::Mrs(DBGREF_REG_BVR, 0));
        break;
    }
  }
  trace::AddLine(p, trace::Report());
  return p;
}

struct Mode {
  const char* name;
  uint32_t control;
};

void Measure(const dbgref_revision* r, const Mode& mode) {
  const dbgref_host host = MakeHost(6, 4);
  kvm_guest_debug_arch regs{};
  for (int n = 0; n < 4; n++) {
    regs.dbg_bcr[n] = kBcrOn;
    regs.dbg_bvr[n] = DBGREF_CODE_BASE + 0x8000 + 4 * n;
    regs.dbg_wcr[n] = kWcrOn;
    regs.dbg_wvr[n] = DBGREF_DATA_BASE + 0x8000 + 8 * n;
  }
  const dbgref_program p = Workload();
  dbgref_revision_vcpu* v = r->create(&host, &p);
  std::vector<dbgref_obs> out(DBGREF_MAX_OBS_PER_OP);
  const dbgref_op setup = trace::SetGuestDebugOp(mode.control, regs);
  const dbgref_op run = trace::RunOp();
  const dbgref_op rewind =
      trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, DBGREF_CODE_BASE);
  r->step(v, &setup, out.data());
  unsigned long steps = 0, ops = 1;
  const double start = CpuSeconds();
  double now = start;
  while (now - start < 1.0) {
    for (int k = 0; k < 1000; k++) {
      const size_t n = r->step(v, &run, out.data());
      for (size_t i = 0; i < n; i++)
        steps += out[i].step == DBGREF_STEP_GUEST;
      if (out[n - 1].exit_reason == KVM_EXIT_MMIO) r->step(v, &rewind, out.data());
      ops += 2;
    }
    now = CpuSeconds();
  }
  r->destroy(v);
  std::printf("%-10s %-12s %6.2f M guest steps/s  %6.2f M ops/s\n", r->name,
              mode.name, steps / (now - start) / 1e6,
              ops / (now - start) / 1e6);
}

// The model on the same workload, for comparison.
void MeasureModel(const Mode& mode) {
  const dbgref_host host = MakeHost(6, 4);
  kvm_guest_debug_arch regs{};
  const dbgref_program p = Workload();
  ModelVcpu v(host, p);
  v.Do(trace::SetGuestDebugOp(mode.control, regs));
  const dbgref_op run = trace::RunOp();
  const dbgref_op rewind =
      trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, DBGREF_CODE_BASE);
  unsigned long steps = 0;
  const double start = CpuSeconds();
  double now = start;
  while (now - start < 1.0) {
    for (int k = 0; k < 1000; k++) {
      const Obs o = v.Do(run);
      for (const dbgref_obs& s : o) steps += s.step == DBGREF_STEP_GUEST;
      if (o.back().exit_reason == KVM_EXIT_MMIO) v.Do(rewind);
    }
    now = CpuSeconds();
  }
  std::printf("%-10s %-12s %6.2f M guest steps/s\n", "model", mode.name,
              steps / (now - start) / 1e6);
}

}  // namespace
}  // namespace dbgref_port_test

int main() {
  using namespace dbgref_port_test;
  const Mode modes[] = {
      {"debug off", 0},
      {"USE_HW", kUseHw},
      {"single-step", kSingleStep},
  };
  for (const dbgref_revision* r : kRevisions)
    for (const Mode& m : modes) Measure(r, m);
  for (const Mode& m : modes) MeasureModel(m);
  return 0;
}
