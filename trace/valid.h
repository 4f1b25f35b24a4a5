// What a trace may hold (docs/trace-format.md, "What a trace may hold"):
// the rules of the guest's layout (model/guest_layout.h) and of the
// instructions the model's CPU executes, stated once. The parser refuses a
// trace that breaks one with the line and column of the value; the printer
// and the shrinker keep to them; generators check their traces with
// ValidateTrace.
//
// The rules: at most DBGREF_MAX_PROGRAM_LINES program lines, at distinct
// 4-aligned addresses of the code region; loads and stores of 1, 2, 4 or 8
// bytes at a size-aligned address, wholly inside the data region; a BRK
// immediate below 0x10000; OSLAR_EL1 only written (msr), OSLSR_EL1 only
// read (mrs), bank indices 0..15; KVM_SET_ONE_REG of the PC only to a
// 4-aligned address of the code region and of PSTATE only to EL1h with
// nothing but NZCV, SS, D, A, I and F besides; and every field a kind of
// instruction or operation does not use is 0.
#ifndef DBGREF_TRACE_VALID_H_
#define DBGREF_TRACE_VALID_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "model/record.h"
#include "trace/trace.h"

namespace dbgref::trace {

// The PSTATE bits a trace may set besides the mode (EL1h): NZCV, SS and
// DAIF.
inline constexpr uint64_t kPstateAllowedBits =
    0xf0000000ull | (1ull << 21) | 0x3c0ull;

// Each rule: the problem in words ("address 0x10002 is not 4-aligned"), or
// nothing when the value keeps to it.
std::optional<std::string> ProgramAddressProblem(uint64_t pc);
std::optional<std::string> DataAccessProblem(uint32_t size, uint64_t addr);
std::optional<std::string> BrkImmediateProblem(uint64_t imm);
// An MRS (is_msr false) or MSR of reg_kind (enum dbgref_reg_kind).
std::optional<std::string> SysRegDirectionProblem(bool is_msr,
                                                  uint32_t reg_kind);
// The value of KVM_SET_ONE_REG of reg (enum dbgref_one_reg).
std::optional<std::string> OneRegValueProblem(uint32_t reg, uint64_t value);

// i with every field its kind does not use zero (an unknown kind keeps
// every field): an instruction that a solver or a generator filled in
// whole, as a trace may hold it.
dbgref_insn WithUnusedFieldsZero(const dbgref_insn& i);
// The same for an operation.
dbgref_op WithUnusedFieldsZero(const dbgref_op& op);

// The first problem of one instruction, of one operation.
std::optional<std::string> InsnProblem(const dbgref_insn& insn);
std::optional<std::string> OpProblem(const dbgref_op& op);

// OK when the trace keeps to every rule; otherwise InvalidArgument naming
// the first problem: "program line 3 (0x10008): ..." or "operation 2: ...".
absl::Status ValidateTrace(const Trace& trace);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_VALID_H_
