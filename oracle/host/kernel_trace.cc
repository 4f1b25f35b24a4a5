// Compiling a model trace into a VMM script (see kernel_trace.h).
#include "oracle/host/kernel_trace.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "oracle/host/a64.h"
#include "oracle/host/one_reg.h"
#include "oracle/layout.h"

namespace dbgref::oracle {
namespace {

constexpr int kZeroReg = 31;  // XZR as a source

absl::StatusOr<a64::SysReg> SysRegOf(uint32_t reg, uint32_t index) {
  if (reg <= DBGREF_REG_WVR && index > 15) {
    return absl::InvalidArgumentError(
        absl::StrCat("register index ", index, " is above 15"));
  }
  const int n = static_cast<int>(index);
  switch (reg) {
    case DBGREF_REG_BCR:
      return a64::Dbgbcr(n);
    case DBGREF_REG_BVR:
      return a64::Dbgbvr(n);
    case DBGREF_REG_WCR:
      return a64::Dbgwcr(n);
    case DBGREF_REG_WVR:
      return a64::Dbgwvr(n);
    case DBGREF_REG_MDSCR:
      return a64::Mdscr();
    case DBGREF_REG_MDCCINT:
      return a64::Mdccint();
    case DBGREF_REG_OSLAR:
      return a64::Oslar();
    case DBGREF_REG_OSLSR:
      return a64::Oslsr();
  }
  return absl::InvalidArgumentError(absl::StrCat("no register kind ", reg));
}

absl::StatusOr<a64::Size> SizeOf(uint32_t size) {
  switch (size) {
    case 1:
      return a64::Size::kByte;
    case 2:
      return a64::Size::kHalf;
    case 4:
      return a64::Size::kWord;
    case 8:
      return a64::Size::kDouble;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("access size ", size, " is not 1, 2, 4 or 8"));
}

std::string Hex(uint64_t v) { return absl::StrFormat("0x%x", v); }

// The operand a line needs in a register: its address, its MSR value
// (none for zero: XZR), the REPORT address.
bool NeedsOperand(const dbgref_insn& i, uint64_t* value) {
  switch (i.kind) {
    case DBGREF_INSN_LOAD:
    case DBGREF_INSN_STORE:
      *value = i.addr;
      return true;
    case DBGREF_INSN_MSR:
      *value = i.value;
      return i.value != 0;
    case DBGREF_INSN_REPORT:
      *value = DBGREF_MMIO_REPORT;
      return true;
  }
  return false;
}

absl::Status CheckLine(const dbgref_line& l) {
  const dbgref_insn& i = l.insn;
  // The last word is excluded: a line there would continue outside the
  // code region, where the real guest has no END store.
  if (l.pc % 4 != 0 || l.pc < DBGREF_CODE_BASE ||
      l.pc >= DBGREF_CODE_BASE + DBGREF_CODE_SIZE - 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("pc ", Hex(l.pc), " is not a word of the code region [",
                     Hex(DBGREF_CODE_BASE), ", ",
                     Hex(DBGREF_CODE_BASE + DBGREF_CODE_SIZE - 4),
                     ") (the last word excluded)"));
  }
  if (i.kind > DBGREF_INSN_REPORT) {
    return absl::InvalidArgumentError(absl::StrCat(
        "instruction kind ", i.kind,
        " is the runtime's (END or the handler's), never a program's"));
  }
  if (i.kind == DBGREF_INSN_LOAD || i.kind == DBGREF_INSN_STORE) {
    absl::StatusOr<a64::Size> size = SizeOf(i.size);
    if (!size.ok()) return size.status();
    if (i.addr % i.size != 0 || i.addr < DBGREF_DATA_BASE ||
        i.addr + i.size > DBGREF_DATA_BASE + DBGREF_DATA_SIZE) {
      return absl::InvalidArgumentError(absl::StrCat(
          "access of ", i.size, " bytes at ", Hex(i.addr),
          " is not size-aligned inside the data region [",
          Hex(DBGREF_DATA_BASE), ", ", Hex(DBGREF_DATA_BASE + DBGREF_DATA_SIZE),
          ") (elsewhere the real guest would take an MMIO exit)"));
    }
  }
  if (i.kind == DBGREF_INSN_BRK && i.imm > 0xffff) {
    return absl::InvalidArgumentError(
        absl::StrCat("BRK immediate ", Hex(i.imm), " is above 0xffff"));
  }
  if (i.kind == DBGREF_INSN_MRS || i.kind == DBGREF_INSN_MSR) {
    absl::StatusOr<a64::SysReg> r = SysRegOf(i.reg, i.reg_index);
    if (!r.ok()) return r.status();
  }
  return absl::OkStatus();
}

// The ONE_REG id of a trace's register. A register KVM has no id for (a
// bank entry 16 or above, a kind that is none of the seven) is
// one_reg::kUnknownSysReg, an ARM64_SYS_REG id no KVM register has, so that
// the kernel answers it as the model's OneRegKnown says: -ENOENT.
uint64_t OneRegId(uint32_t reg, uint32_t index) {
  const bool banked = reg >= DBGREF_ONE_REG_BCR && reg <= DBGREF_ONE_REG_WVR;
  if (banked && index > 15) return one_reg::kUnknownSysReg;
  const int n = static_cast<int>(index);
  switch (reg) {
    case DBGREF_ONE_REG_PC:
      return one_reg::kPc;
    case DBGREF_ONE_REG_PSTATE:
      return one_reg::kPstate;
    case DBGREF_ONE_REG_MDSCR:
      return one_reg::kMdscrEl1;
    case DBGREF_ONE_REG_BCR:
      return one_reg::Dbgbcr(n);
    case DBGREF_ONE_REG_BVR:
      return one_reg::Dbgbvr(n);
    case DBGREF_ONE_REG_WCR:
      return one_reg::Dbgwcr(n);
    case DBGREF_ONE_REG_WVR:
      return one_reg::Dbgwvr(n);
  }
  return one_reg::kUnknownSysReg;
}

absl::Status CheckSetValue(const dbgref_op& op) {
  // Not the handler either: its ERET would resume wherever ELR_EL1 points,
  // and outside the code region the real guest has other code than the
  // model's END store.
  if (op.reg == DBGREF_ONE_REG_PC &&
      (op.value % 4 != 0 || op.value < DBGREF_CODE_BASE ||
       op.value >= DBGREF_CODE_BASE + DBGREF_CODE_SIZE - 4)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "PC ", Hex(op.value), " is not a word of the code region [",
        Hex(DBGREF_CODE_BASE), ", ",
        Hex(DBGREF_CODE_BASE + DBGREF_CODE_SIZE - 4), ")"));
  }
  if (op.reg == DBGREF_ONE_REG_PSTATE &&
      ((op.value & ~kPstateSettable) != 0 ||
       (op.value & 0x1f) != DBGREF_PSTATE_MODE_EL1H)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "PSTATE ", Hex(op.value),
        " is not EL1h with only NZCV, SS and DAIF set (the guest runs at "
        "EL1h; KVM refuses other modes)"));
  }
  return absl::OkStatus();
}

const char* OneRegName(uint32_t reg) {
  switch (reg) {
    case DBGREF_ONE_REG_PC:
      return "PC";
    case DBGREF_ONE_REG_PSTATE:
      return "PSTATE";
    case DBGREF_ONE_REG_MDSCR:
      return "MDSCR_EL1";
    case DBGREF_ONE_REG_BCR:
      return "DBGBCR";
    case DBGREF_ONE_REG_BVR:
      return "DBGBVR";
    case DBGREF_ONE_REG_WCR:
      return "DBGWCR";
    case DBGREF_ONE_REG_WVR:
      return "DBGWVR";
  }
  return "?";
}

// The runtime's set-up of the guest after KVM_ARM_VCPU_INIT: what the VMM's
// reset does after its flush, and the runner's operand registers.
void RuntimeSetUp(Script& s, const CompiledTrace& c) {
  s.SetOneReg(one_reg::X(DBGREF_REG_EXCEPTION), DBGREF_MMIO_EXCEPTION)
      .SetOneReg(one_reg::X(DBGREF_REG_END), DBGREF_MMIO_END)
      .SetOneReg(one_reg::kVbarEl1, DBGREF_VBAR)
      // KVM_ARM_VCPU_INIT leaves ELR_EL1 and SPSR_EL1 as they were, and
      // resets ESR_EL1 and FAR_EL1 to a marker value.
      .SetOneReg(one_reg::kElrEl1, 0)
      .SetOneReg(one_reg::kSpsrEl1, 0)
      .SetOneReg(one_reg::kEsrEl1, 0)
      .SetOneReg(one_reg::kFarEl1, 0)
      .SetOneReg(one_reg::kPstate, DBGREF_START_PSTATE)
      .SetOneReg(one_reg::kPc, DBGREF_START_PC);
  for (const auto& [reg, value] : c.operand_regs) {
    s.SetOneReg(one_reg::X(reg), value);
  }
}

}  // namespace

dbgref_host ZeroHost() {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  return h;
}

dbgref_program EmptyProgram() {
  dbgref_program p;
  std::memset(&p, 0, sizeof(p));
  return p;
}

dbgref_op ZeroOp(uint32_t kind) {
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = kind;
  return op;
}

absl::StatusOr<uint32_t> EncodeLine(const dbgref_insn& i,
                                    const LineRegs& regs) {
  switch (i.kind) {
    case DBGREF_INSN_NOP:
      return a64::Nop();
    case DBGREF_INSN_LOAD:
    case DBGREF_INSN_STORE: {
      absl::StatusOr<a64::Size> size = SizeOf(i.size);
      if (!size.ok()) return size.status();
      return i.kind == DBGREF_INSN_LOAD
                 ? a64::Ldr(*size, kLoadSinkReg, regs.operand)
                 : a64::Str(*size, kZeroReg, regs.operand);
    }
    case DBGREF_INSN_BRK:
      return a64::Brk(static_cast<uint16_t>(i.imm));
    case DBGREF_INSN_MRS:
    case DBGREF_INSN_MSR: {
      absl::StatusOr<a64::SysReg> r = SysRegOf(i.reg, i.reg_index);
      if (!r.ok()) return r.status();
      return i.kind == DBGREF_INSN_MRS
                 ? a64::Mrs(regs.dest, *r)
                 : a64::Msr(*r, regs.operand < 0 ? kZeroReg : regs.operand);
    }
    case DBGREF_INSN_REPORT:
      return a64::ReportStore(kZeroReg, regs.operand);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("instruction kind ", i.kind, " has no encoding here"));
}

absl::StatusOr<CompiledTrace> CompileTrace(const KernelTrace& t,
                                           const CompileOptions& o) {
  const int registers = std::min(o.registers, DBGREF_PROGRAM_REGS);
  CompiledTrace c;
  c.mrs_reg.fill(-1);
  const dbgref_program& p = t.program;
  if (p.count > DBGREF_MAX_PROGRAM_LINES) {
    return absl::InvalidArgumentError(absl::StrCat("the program has ", p.count,
                                                   " lines; at most ",
                                                   DBGREF_MAX_PROGRAM_LINES));
  }

  // The lines, and a register for each operand.
  std::map<uint64_t, int> constant_reg;
  std::map<uint64_t, uint32_t> words;  // pc -> word
  int next_reg = 0;
  auto allocate = [&](uint32_t line) -> absl::StatusOr<int> {
    if (next_reg >= registers) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line, ": the program needs more than ", registers,
          " registers for its operands (each distinct address, non-zero MSR "
          "value and the REPORT address one, each MRS one), and only x0..x",
          registers - 1, " are there for them"));
    }
    return next_reg++;
  };
  for (uint32_t n = 0; n < p.count; ++n) {
    const dbgref_line& l = p.line[n];
    absl::Status s = CheckLine(l);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", n, " (", DescribeInsn(l.insn), " at ",
                       Hex(l.pc), "): ", s.message()));
    }
    if (words.count(l.pc) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", n, ": a second instruction at ", Hex(l.pc)));
    }
    LineRegs regs;
    uint64_t value = 0;
    if (NeedsOperand(l.insn, &value)) {
      auto it = constant_reg.find(value);
      if (it == constant_reg.end()) {
        absl::StatusOr<int> r = allocate(n);
        if (!r.ok()) return r.status();
        it = constant_reg.emplace(value, *r).first;
        c.operand_regs.emplace_back(*r, value);
      }
      regs.operand = it->second;
    }
    if (l.insn.kind == DBGREF_INSN_MRS) {
      absl::StatusOr<int> r = allocate(n);
      if (!r.ok()) return r.status();
      regs.dest = *r;
      c.mrs_reg[n] = *r;
    }
    absl::StatusOr<uint32_t> word = EncodeLine(l.insn, regs);
    if (!word.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", n, ": ", word.status().message()));
    }
    words[l.pc] = *word;
  }

  // The ops, checked before anything is built.
  for (size_t k = 0; k < t.ops.size(); ++k) {
    const dbgref_op& op = t.ops[k];
    absl::Status s = absl::OkStatus();
    if (op.kind >= DBGREF_OP_KIND_COUNT) {
      s = absl::InvalidArgumentError(absl::StrCat("no op kind ", op.kind));
    } else if (op.kind == DBGREF_OP_SET_ONE_REG) {
      s = CheckSetValue(op);
    }
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("op ", k, " (", DescribeOp(op), "): ", s.message()));
    }
  }

  c.watch = {one_reg::kPc,     one_reg::kPstate, one_reg::kMdscrEl1,
             one_reg::kEsrEl1, one_reg::kElrEl1, one_reg::kFarEl1};
  for (uint32_t n = 0; n < p.count; ++n) {
    if (c.mrs_reg[n] >= 0) c.watch.push_back(one_reg::X(c.mrs_reg[n]));
  }
  Script& s = c.script;
  s.Watch(c.watch);
  // The program, in runs of consecutive words (applied at the VMM's reset).
  for (auto it = words.begin(); it != words.end();) {
    const uint64_t start = it->first;
    std::vector<uint32_t> run;
    uint64_t next = start;
    while (it != words.end() && it->first == next) {
      run.push_back(it->second);
      next += 4;
      ++it;
    }
    s.WriteMem(start, run);
  }
  for (const auto& [reg, value] : c.operand_regs) {
    s.SetOneReg(one_reg::X(reg), value);
  }
  c.setup_results = static_cast<int>(s.ops().size());

  for (const dbgref_op& op : t.ops) {
    OpResults r;
    r.first = static_cast<int>(s.ops().size());
    switch (op.kind) {
      case DBGREF_OP_SET_GUEST_DEBUG:
        s.SetGuestDebug(op.dbg.control, op.dbg.arch);
        break;
      case DBGREF_OP_CHECK_EXTENSION:
        s.CheckExtension(DBGREF_FD_VM, op.cap == DBGREF_CAP_HW_BPS
                                           ? KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL
                                       : op.cap == DBGREF_CAP_HW_WPS
                                           ? KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL
                                           : kOtherCapability);
        break;
      case DBGREF_OP_RUN:
        s.Run(o.run_timeout_ms);
        break;
      case DBGREF_OP_GET_ONE_REG:
        s.GetOneReg(OneRegId(op.reg, op.reg_index));
        break;
      case DBGREF_OP_SET_ONE_REG:
        s.SetOneReg(OneRegId(op.reg, op.reg_index), op.value);
        break;
      case DBGREF_OP_VCPU_INIT:
        s.Init();
        RuntimeSetUp(s, c);
        break;
    }
    r.count = static_cast<int>(s.ops().size()) - r.first;
    c.ops.push_back(r);
  }
  return c;
}

std::string DescribeInsn(const dbgref_insn& i) {
  auto reg = [&]() -> std::string {
    absl::StatusOr<a64::SysReg> r = SysRegOf(i.reg, i.reg_index);
    return r.ok() ? a64::SysRegName(*r) : absl::StrCat("reg", i.reg);
  };
  switch (i.kind) {
    case DBGREF_INSN_NOP:
      return "nop";
    case DBGREF_INSN_LOAD:
      return absl::StrFormat("ldr [0x%x] (%d bytes)", i.addr, i.size);
    case DBGREF_INSN_STORE:
      return absl::StrFormat("str [0x%x] (%d bytes)", i.addr, i.size);
    case DBGREF_INSN_BRK:
      return absl::StrFormat("brk #0x%x", i.imm);
    case DBGREF_INSN_MRS:
      return absl::StrCat("mrs ", reg());
    case DBGREF_INSN_MSR:
      return absl::StrCat("msr ", reg(), ", ", Hex(i.value));
    case DBGREF_INSN_REPORT:
      return "report";
  }
  return absl::StrCat("kind ", i.kind);
}

std::string DescribeOp(const dbgref_op& op) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      std::string s = absl::StrCat("SET_GUEST_DEBUG ", Hex(op.dbg.control));
      for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
        const kvm_guest_debug_arch& a = op.dbg.arch;
        if (a.dbg_bcr[n] != 0 || a.dbg_bvr[n] != 0) {
          absl::StrAppendFormat(&s, " bcr%d=0x%x bvr%d=0x%x", n, a.dbg_bcr[n],
                                n, a.dbg_bvr[n]);
        }
        if (a.dbg_wcr[n] != 0 || a.dbg_wvr[n] != 0) {
          absl::StrAppendFormat(&s, " wcr%d=0x%x wvr%d=0x%x", n, a.dbg_wcr[n],
                                n, a.dbg_wvr[n]);
        }
      }
      return s;
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat("CHECK_EXTENSION ",
                          op.cap == DBGREF_CAP_HW_BPS   ? "HW_BPS"
                          : op.cap == DBGREF_CAP_HW_WPS ? "HW_WPS"
                                                        : "OTHER");
    case DBGREF_OP_RUN:
      return "RUN";
    case DBGREF_OP_GET_ONE_REG:
    case DBGREF_OP_SET_ONE_REG: {
      const bool banked =
          op.reg >= DBGREF_ONE_REG_BCR && op.reg <= DBGREF_ONE_REG_WVR;
      std::string s = absl::StrCat(
          op.kind == DBGREF_OP_GET_ONE_REG ? "GET_ONE_REG " : "SET_ONE_REG ",
          OneRegName(op.reg), banked ? absl::StrCat(op.reg_index) : "");
      if (op.kind == DBGREF_OP_SET_ONE_REG)
        absl::StrAppend(&s, " ", Hex(op.value));
      return s;
    }
    case DBGREF_OP_VCPU_INIT:
      return "VCPU_INIT";
  }
  return absl::StrCat("op kind ", op.kind);
}

std::string DescribeTrace(const KernelTrace& t) {
  std::string s;
  for (uint32_t n = 0; n < t.program.count && n < DBGREF_MAX_PROGRAM_LINES;
       ++n) {
    absl::StrAppendFormat(&s, "  0x%x: %s\n", t.program.line[n].pc,
                          DescribeInsn(t.program.line[n].insn));
  }
  for (size_t k = 0; k < t.ops.size(); ++k) {
    absl::StrAppendFormat(&s, "  op %d: %s\n", k, DescribeOp(t.ops[k]));
  }
  return s;
}

}  // namespace dbgref::oracle
