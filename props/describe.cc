// The rendering of traces.
#include "props/describe.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/record_banks.h"
#include "model/uapi.h"

namespace dbgref::props {
namespace {

const char* RegName(uint32_t reg) {
  static const char* const kNames[] = {"DBGBCR", "DBGBVR",   "DBGWCR",
                                       "DBGWVR", "MDSCR",    "MDCCINT",
                                       "OSLAR",  "OSLSR"};
  return reg < 8 ? kNames[reg] : "?";
}

std::string RegOf(uint32_t reg, uint32_t index) {
  return reg <= DBGREF_REG_WVR ? absl::StrCat(RegName(reg), index, "_EL1")
                               : absl::StrCat(RegName(reg), "_EL1");
}

std::string Arch(const kvm_guest_debug_arch& arch) {
  static const char* const kBank[] = {"bcr", "bvr", "wcr", "wvr"};
  std::string out;
  for (uint32_t bank : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      const uint64_t v = model::RegisterBank(arch, bank)[n];
      if (v != 0) absl::StrAppendFormat(&out, " %s%d=%#x", kBank[bank], n, v);
    }
  }
  return out;
}

}  // namespace

std::string DescribeInsn(const dbgref_insn& i) {
  static const char* const kSize[] = {"", "b", "h", "", "w", "", "", "", "x"};
  const char* size = i.size <= 8 ? kSize[i.size] : "?";
  switch (i.kind) {
    case DBGREF_INSN_NOP:
      return "nop";
    case DBGREF_INSN_LOAD:
      return absl::StrFormat("ldr%s [%#x]", size, i.addr);
    case DBGREF_INSN_STORE:
      return absl::StrFormat("str%s [%#x]", size, i.addr);
    case DBGREF_INSN_BRK:
      return absl::StrFormat("brk #%#x", i.imm);
    case DBGREF_INSN_MRS:
      return absl::StrCat("mrs ", RegOf(i.reg, i.reg_index));
    case DBGREF_INSN_MSR:
      return absl::StrFormat("msr %s, %#x", RegOf(i.reg, i.reg_index), i.value);
    case DBGREF_INSN_REPORT:
      return "report";
    default:
      return absl::StrCat("insn kind ", i.kind);
  }
}

std::string DescribeOp(const dbgref_op& op) {
  static const char* const kOneReg[] = {"PC",     "PSTATE", "MDSCR_EL1", "BCR",
                                        "BVR",    "WCR",    "WVR"};
  const std::string reg =
      op.reg < DBGREF_ONE_REG_COUNT
          ? (op.reg >= DBGREF_ONE_REG_BCR ? absl::StrCat(kOneReg[op.reg], op.reg_index)
                                          : std::string(kOneReg[op.reg]))
          : absl::StrCat("reg", op.reg, "[", op.reg_index, "]");
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      return absl::StrFormat("KVM_SET_GUEST_DEBUG control=%#x%s", op.dbg.control,
                             Arch(op.dbg.arch));
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat("KVM_CHECK_EXTENSION cap=", op.cap);
    case DBGREF_OP_RUN:
      return "KVM_RUN";
    case DBGREF_OP_GET_ONE_REG:
      return absl::StrCat("KVM_GET_ONE_REG ", reg);
    case DBGREF_OP_SET_ONE_REG:
      return absl::StrFormat("KVM_SET_ONE_REG %s=%#x", reg, op.value);
    case DBGREF_OP_VCPU_INIT:
      return "KVM_ARM_VCPU_INIT";
    default:
      return absl::StrCat("op kind ", op.kind);
  }
}

std::string DescribeTrace(const trace::Trace& t) {
  std::string out = absl::StrFormat("host id_aa64dfr0=%#x%s\n",
                                    t.host.id_aa64dfr0_el1, Arch(t.host.host_regs));
  for (uint32_t k = 0; k < t.program.count && k < DBGREF_MAX_PROGRAM_LINES; ++k) {
    absl::StrAppendFormat(&out, "  %#x: %s\n", t.program.line[k].pc,
                          DescribeInsn(t.program.line[k].insn));
  }
  for (const dbgref_op& op : t.ops) absl::StrAppend(&out, DescribeOp(op), "\n");
  return out;
}

}  // namespace dbgref::props

namespace dbgref::trace {
void showValue(const Trace& t, std::ostream& os) {
  os << "\n" << props::DescribeTrace(t);
}
}  // namespace dbgref::trace
