// Building model traces by hand (tests, scenarios, benchmarks): program
// lines one after the other from the start of the code region, and
// userspace's operations in order.
//
//   KernelTrace t = TraceBuilder(host).Nop().Nop()
//                       .Debug(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP)
//                       .Run(3).Build();
#ifndef DBGREF_ORACLE_HOST_TRACE_BUILDER_H_
#define DBGREF_ORACLE_HOST_TRACE_BUILDER_H_

#include <cstdint>

#include "model/record.h"
#include "oracle/host/kernel_trace.h"

namespace dbgref::oracle {

class TraceBuilder {
 public:
  explicit TraceBuilder(const dbgref_host& host);

  // Program lines, at DBGREF_START_PC + 4 * (line number) unless At moved
  // the next one.
  TraceBuilder& At(uint64_t pc);
  TraceBuilder& Nop();
  TraceBuilder& Load(uint64_t addr, uint32_t size);
  TraceBuilder& Store(uint64_t addr, uint32_t size);
  TraceBuilder& Brk(uint32_t imm);
  TraceBuilder& Mrs(uint32_t reg, uint32_t index = 0);
  TraceBuilder& Msr(uint32_t reg, uint32_t index, uint64_t value);
  TraceBuilder& Msr(uint32_t reg, uint64_t value) { return Msr(reg, 0, value); }
  TraceBuilder& Report();

  // Operations.
  TraceBuilder& Debug(uint32_t control);
  TraceBuilder& Debug(uint32_t control, const kvm_guest_debug_arch& arch);
  TraceBuilder& Cap(uint32_t cap);
  TraceBuilder& Run(int times = 1);
  TraceBuilder& Get(uint32_t reg, uint32_t index = 0);
  TraceBuilder& Set(uint32_t reg, uint32_t index, uint64_t value);
  TraceBuilder& Set(uint32_t reg, uint64_t value) { return Set(reg, 0, value); }
  TraceBuilder& Init();

  KernelTrace Build() const { return t_; }

 private:
  TraceBuilder& Line(const dbgref_insn& insn);
  KernelTrace t_;
  uint64_t next_pc_;
};

// A kvm_guest_debug_arch of zeros, with one breakpoint or watchpoint.
kvm_guest_debug_arch NoRegs();
kvm_guest_debug_arch Breakpoint(int n, uint64_t bcr, uint64_t bvr);
kvm_guest_debug_arch Watchpoint(int n, uint64_t wcr, uint64_t wvr);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_TRACE_BUILDER_H_
