// The rules of what a trace may hold (see valid.h).
#include "trace/valid.h"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/names.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

constexpr uint64_t kPstateModeMask = 0x1f;
constexpr uint64_t kPstateEl1h = 0x5;

std::string Region(uint64_t base, uint64_t size) {
  return absl::StrCat(Hex(base), "..", Hex(base + size - 1));
}

bool InCode(uint64_t pc) {
  return pc >= DBGREF_CODE_BASE && pc - DBGREF_CODE_BASE < DBGREF_CODE_SIZE;
}

// A register of the guest's (enum dbgref_reg_kind) with a valid index.
std::optional<std::string> GuestRegisterProblem(uint32_t reg, uint32_t index) {
  if (reg >= DBGREF_REG_KIND_COUNT) {
    return absl::StrCat("register kind ", reg, " names no register");
  }
  if (model::IsRegisterBank(reg) ? index >= KVM_ARM_MAX_DBG_REGS : index != 0) {
    return absl::StrCat("register index ", index, " of ", RegisterName(reg, 0),
                        " is out of range");
  }
  return std::nullopt;
}

std::optional<std::string> Unused(bool all_zero, absl::string_view what) {
  if (all_zero) return std::nullopt;
  return absl::StrCat(what, " has a field it does not use set");
}

}  // namespace

std::optional<std::string> ProgramAddressProblem(uint64_t pc) {
  if (pc % 4 != 0)
    return absl::StrCat("address ", Hex(pc), " is not 4-aligned");
  if (!InCode(pc)) {
    return absl::StrCat("address ", Hex(pc), " is outside the code region ",
                        Region(DBGREF_CODE_BASE, DBGREF_CODE_SIZE));
  }
  return std::nullopt;
}

std::optional<std::string> DataAccessProblem(uint32_t size, uint64_t addr) {
  if (size != 1 && size != 2 && size != 4 && size != 8) {
    return absl::StrCat("an access of ", size, " bytes (1, 2, 4 or 8)");
  }
  const std::string access = absl::StrCat(size == 8 ? "an " : "a ", size,
                                          "-byte access at ", Hex(addr));
  if (addr % size != 0) {
    return absl::StrCat(access, " is not ", size, "-aligned");
  }
  if (addr < DBGREF_DATA_BASE ||
      addr - DBGREF_DATA_BASE > DBGREF_DATA_SIZE - size) {
    return absl::StrCat(access, " is outside the data region ",
                        Region(DBGREF_DATA_BASE, DBGREF_DATA_SIZE));
  }
  return std::nullopt;
}

std::optional<std::string> BrkImmediateProblem(uint64_t imm) {
  if (imm <= 0xffff) return std::nullopt;
  return absl::StrCat("BRK immediate ", Hex(imm), " does not fit in 16 bits");
}

std::optional<std::string> SysRegDirectionProblem(bool is_msr,
                                                  uint32_t reg_kind) {
  if (is_msr && reg_kind == DBGREF_REG_OSLSR) {
    return std::string("OSLSR_EL1 is read-only: only mrs reads it");
  }
  if (!is_msr && reg_kind == DBGREF_REG_OSLAR) {
    return std::string("OSLAR_EL1 is write-only: only msr writes it");
  }
  return std::nullopt;
}

std::optional<std::string> OneRegValueProblem(uint32_t reg, uint64_t value) {
  if (reg == DBGREF_ONE_REG_PC && (value % 4 != 0 || !InCode(value))) {
    return absl::StrCat("PC ", Hex(value),
                        " is not a 4-aligned address of the code region ",
                        Region(DBGREF_CODE_BASE, DBGREF_CODE_SIZE));
  }
  if (reg == DBGREF_ONE_REG_PSTATE &&
      ((value & kPstateModeMask) != kPstateEl1h ||
       (value & ~(kPstateAllowedBits | kPstateModeMask)) != 0)) {
    return absl::StrCat("PSTATE ", Hex(value),
                        " is not EL1h (mode 0x5) with only NZCV, SS, D, A, I "
                        "and F besides");
  }
  return std::nullopt;
}

namespace {

// Which fields of an instruction its kind uses.
struct FieldsUsed {
  bool known = false;   // a kind a program may hold
  bool access = false;  // size, addr
  bool reg = false;     // reg, reg_index
  bool value = false;
  bool imm = false;
};

FieldsUsed FieldsUsedBy(uint32_t kind) {
  FieldsUsed u;
  switch (kind) {
    case DBGREF_INSN_NOP:
    case DBGREF_INSN_REPORT:
      u.known = true;
      break;
    case DBGREF_INSN_LOAD:
    case DBGREF_INSN_STORE:
      u.known = u.access = true;
      break;
    case DBGREF_INSN_BRK:
      u.known = u.imm = true;
      break;
    case DBGREF_INSN_MRS:
      u.known = u.reg = true;
      break;
    case DBGREF_INSN_MSR:
      u.known = u.reg = u.value = true;
      break;
    default:
      break;
  }
  return u;
}

// Every field that u says is unused is zero.
bool UnusedAreZero(const dbgref_insn& i, const FieldsUsed& u) {
  return (u.access || (i.size == 0 && i.addr == 0)) &&
         (u.reg || (i.reg == 0 && i.reg_index == 0)) &&
         (u.value || i.value == 0) && (u.imm || i.imm == 0);
}

const char* InsnNoun(uint32_t kind) {
  switch (kind) {
    case DBGREF_INSN_LOAD:
    case DBGREF_INSN_STORE:
      return "the access";
    case DBGREF_INSN_BRK:
      return "the BRK";
    case DBGREF_INSN_MRS:
      return "the mrs";
    case DBGREF_INSN_MSR:
      return "the msr";
    default:
      return "the instruction";
  }
}

}  // namespace

dbgref_insn WithUnusedFieldsZero(const dbgref_insn& i) {
  const FieldsUsed u = FieldsUsedBy(i.kind);
  if (!u.known) return i;
  dbgref_insn out = i;
  if (!u.access) out.size = 0, out.addr = 0;
  if (!u.reg) out.reg = 0, out.reg_index = 0;
  if (!u.value) out.value = 0;
  if (!u.imm) out.imm = 0;
  return out;
}

std::optional<std::string> InsnProblem(const dbgref_insn& i) {
  const FieldsUsed u = FieldsUsedBy(i.kind);
  if (!u.known) {
    return absl::StrCat("instruction kind ", i.kind,
                        " is not one a program may hold");
  }
  if (u.access) {
    if (auto p = DataAccessProblem(i.size, i.addr)) return p;
  }
  if (u.imm) {
    if (auto p = BrkImmediateProblem(i.imm)) return p;
  }
  if (u.reg) {
    if (auto p = GuestRegisterProblem(i.reg, i.reg_index)) return p;
    if (auto p = SysRegDirectionProblem(i.kind == DBGREF_INSN_MSR, i.reg)) {
      return p;
    }
  }
  return Unused(UnusedAreZero(i, u), InsnNoun(i.kind));
}

namespace {

// Which fields of an operation its kind uses.
struct OpFieldsUsed {
  bool known = false;
  bool dbg = false;  // the control word and the registers
  bool cap = false;
  bool reg = false;  // reg, reg_index
  bool value = false;
};

OpFieldsUsed OpFieldsUsedBy(uint32_t kind) {
  OpFieldsUsed u;
  switch (kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      u.known = u.dbg = true;
      break;
    case DBGREF_OP_CHECK_EXTENSION:
      u.known = u.cap = true;
      break;
    case DBGREF_OP_GET_ONE_REG:
      u.known = u.reg = true;
      break;
    case DBGREF_OP_SET_ONE_REG:
      u.known = u.reg = u.value = true;
      break;
    case DBGREF_OP_RUN:
    case DBGREF_OP_VCPU_INIT:
      u.known = true;
      break;
    default:
      break;
  }
  return u;
}

bool UnusedAreZero(const dbgref_op& op, const OpFieldsUsed& u) {
  const kvm_guest_debug_arch zero_arch{};
  const bool no_dbg =
      op.dbg.control == 0 && op.dbg.pad == 0 &&
      std::memcmp(&op.dbg.arch, &zero_arch, sizeof(zero_arch)) == 0;
  return (u.dbg || no_dbg) && (u.cap || op.cap == 0) &&
         (u.reg || (op.reg == 0 && op.reg_index == 0)) &&
         (u.value || op.value == 0);
}

const char* OpNoun(uint32_t kind) {
  switch (kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      return "set_guest_debug";
    case DBGREF_OP_CHECK_EXTENSION:
      return "check_extension";
    case DBGREF_OP_GET_ONE_REG:
      return "get_one_reg";
    case DBGREF_OP_SET_ONE_REG:
      return "set_one_reg";
    case DBGREF_OP_RUN:
      return "run";
    default:
      return "vcpu_init";
  }
}

}  // namespace

dbgref_op WithUnusedFieldsZero(const dbgref_op& op) {
  const OpFieldsUsed u = OpFieldsUsedBy(op.kind);
  if (!u.known) return op;
  dbgref_op out;
  std::memset(&out, 0, sizeof(out));
  out.kind = op.kind;
  if (u.dbg) out.dbg = op.dbg;
  if (u.cap) out.cap = op.cap;
  if (u.reg) out.reg = op.reg, out.reg_index = op.reg_index;
  if (u.value) out.value = op.value;
  return out;
}

std::optional<std::string> OpProblem(const dbgref_op& op) {
  const OpFieldsUsed u = OpFieldsUsedBy(op.kind);
  if (!u.known) return absl::StrCat("operation kind ", op.kind, " is unknown");
  if (u.cap && op.cap > DBGREF_CAP_OTHER) {
    return absl::StrCat("capability ", op.cap,
                        " is not one of hw_bps, hw_wps, other");
  }
  if (u.reg) {
    const bool banked =
        op.reg >= DBGREF_ONE_REG_BCR && op.reg <= DBGREF_ONE_REG_WVR;
    if (op.reg >= DBGREF_ONE_REG_COUNT) {
      return absl::StrCat("ONE_REG register ", op.reg,
                          " is not one a trace names");
    }
    if (banked ? op.reg_index >= KVM_ARM_MAX_DBG_REGS : op.reg_index != 0) {
      return absl::StrCat("register index ", op.reg_index, " of ",
                          OneRegName(op.reg, 0), " is out of range");
    }
  }
  if (u.value) {
    if (auto p = OneRegValueProblem(op.reg, op.value)) return p;
  }
  return Unused(UnusedAreZero(op, u), OpNoun(op.kind));
}

absl::Status ValidateTrace(const Trace& trace) {
  const dbgref_program& p = trace.program;
  if (p.count > DBGREF_MAX_PROGRAM_LINES) {
    return absl::InvalidArgumentError(
        absl::StrCat("the program has ", p.count, " lines (at most ",
                     DBGREF_MAX_PROGRAM_LINES, ")"));
  }
  for (uint32_t n = 0; n < p.count; ++n) {
    const dbgref_line& line = p.line[n];
    const std::string where =
        absl::StrCat("program line ", n + 1, " (", Hex(line.pc), "): ");
    std::optional<std::string> problem = ProgramAddressProblem(line.pc);
    for (uint32_t m = 0; !problem && m < n; ++m) {
      if (p.line[m].pc == line.pc) {
        problem = absl::StrCat("program line ", m + 1, " has the same address");
      }
    }
    if (!problem) problem = InsnProblem(line.insn);
    if (problem) return absl::InvalidArgumentError(where + *problem);
  }
  for (size_t n = 0; n < trace.ops.size(); ++n) {
    if (std::optional<std::string> problem = OpProblem(trace.ops[n])) {
      return absl::InvalidArgumentError(
          absl::StrCat("operation ", n + 1, ": ", *problem));
    }
  }
  return absl::OkStatus();
}

}  // namespace dbgref::trace
