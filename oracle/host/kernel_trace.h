// A trace of the model (a host, a guest program and userspace's operations,
// model/record.h) as the real-kernel oracle runs it: compiled into one
// script for the VMM. The program's lines are encoded at their addresses
// (host/a64.h); each line's operand gets a register of x0..x23 (an address,
// an MSR's value, the REPORT address; an MRS's destination its own); the
// VMM's reset runs first, then the runner's set-up (the operand registers),
// then one script op per trace op. A mid-trace VCPU_INIT is KVM_ARM_VCPU_INIT
// followed by the runtime's set-up again, so that the guest is where the
// model's VcpuInit leaves it (oracle/README.md, "Traces").
#ifndef DBGREF_ORACLE_HOST_KERNEL_TRACE_H_
#define DBGREF_ORACLE_HOST_KERNEL_TRACE_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "model/record.h"
#include "oracle/host/script.h"
#include "oracle/layout.h"

namespace dbgref::oracle {

struct KernelTrace {
  // Only its shape matters to a real kernel: the CPU has its own
  // ID_AA64DFR0_EL1 and no host breakpoints (KernelSession checks it).
  dbgref_host host;
  dbgref_program program;
  std::vector<dbgref_op> ops;
};

// A zero host, program and op, to fill in.
dbgref_host ZeroHost();
dbgref_program EmptyProgram();
dbgref_op ZeroOp(uint32_t kind);

// The capability number a CHECK_EXTENSION of DBGREF_CAP_OTHER asks: one no
// kernel defines, so that it reports 0.
inline constexpr uint32_t kOtherCapability = 0xdb00;

// The register loads write into: x27, a scratch register of the runtime's
// handler, which writes it before it reads it. Load values are not
// observed; the program's x0..x23 stay for operands.
inline constexpr int kLoadSinkReg = 27;

// Where a trace's ops are in its script's results.
struct OpResults {
  int first = 0;  // index of the op's result in ScriptResult::results
  int count = 0;  // results that belong to it (VCPU_INIT: the set-up too)
};

struct CompiledTrace {
  Script script;
  // The runner's own set-up results come first: results [0, setup_results).
  int setup_results = 0;
  std::vector<OpResults> ops;  // one per trace op
  // Per program line: the register an MRS line reads into, else -1.
  std::array<int, DBGREF_MAX_PROGRAM_LINES> mrs_reg;
  // The registers the runner sets, and their values.
  std::vector<std::pair<int, uint64_t>> operand_regs;
  // The watched ONE_REG ids after every run: kWatch* below, then X(mrs_reg)
  // of each MRS line in line order.
  std::vector<uint64_t> watch;
};

// The positions of the fixed watched registers.
enum WatchIndex {
  kWatchPc = 0,
  kWatchPstate,
  kWatchMdscr,
  kWatchEsr,
  kWatchElr,
  kWatchFar,
  kWatchFixedCount,
};

// Compiles t. InvalidArgument, naming the line or op, for what the real
// guest cannot run as the model does: a program line outside the code
// region (or at its last word) or at a repeated address, a runtime instruction
// kind, a load or store outside the data region or not size-aligned, a register
// number above 15, a BRK immediate above 0xffff, more operand registers than
// x0..x23, a PC outside the code region, a PSTATE other than EL1h with NZCV,
// SS and DAIF. A ONE_REG of a register KVM has no id for (a bank entry 16
// and up, an unknown kind) asks one_reg::kUnknownSysReg, which KVM does not
// know either.
struct CompileOptions {
  uint32_t run_timeout_ms = 0;  // bounds each KVM_RUN (0: the VMM's default)
  // The operands take registers from x0 up to x(registers - 1), at most
  // x23. Every line needs at most one, so 24 lines always fit in 24; a
  // smaller number shows the refusal.
  int registers = DBGREF_PROGRAM_REGS;
};
absl::StatusOr<CompiledTrace> CompileTrace(const KernelTrace& t,
                                           const CompileOptions& o = {});

// The A64 word of a program line, given its registers (for tests and
// descriptions).
struct LineRegs {
  int operand = -1;  // the address, the MSR's value or the REPORT address
  int dest = -1;     // an MRS's destination
};
absl::StatusOr<uint32_t> EncodeLine(const dbgref_insn& insn,
                                    const LineRegs& regs);

// "ldr [0x20000] (8 bytes)", "msr dbgbcr0_el1, 0x1e7", "brk #0x7", ...
std::string DescribeInsn(const dbgref_insn& insn);
// "SET_GUEST_DEBUG 0x20003", "RUN", "GET_ONE_REG DBGBCR0", ...
std::string DescribeOp(const dbgref_op& op);
// The program and the ops, one per line.
std::string DescribeTrace(const KernelTrace& t);

// The PSTATE bits a trace may set and the kernel observation compares.
inline constexpr uint64_t kPstateSettable =
    0xf0000000ull | (1ull << 21) | 0x3c0ull | 0x1full;
inline constexpr uint64_t kPstateCompared =
    (1ull << 21) | (1ull << 9) | 0x1full;

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_KERNEL_TRACE_H_
