// One operation told from its steps (see story_op.h).
#include "trace/story_op.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/guest_code.h"
#include "trace/names.h"
#include "trace/observations.h"

namespace dbgref::trace::story_internal {
namespace {

uint32_t ClassOf(uint64_t esr) {
  return static_cast<uint32_t>((esr >> DBGREF_ESR_EC_SHIFT) &
                               DBGREF_ESR_EC_MASK);
}

std::string Ret(int64_t ret) {
  switch (ret) {
    case -DBGREF_EINVAL:
      return "-EINVAL";
    case -DBGREF_ENOENT:
      return "-ENOENT";
    case -DBGREF_EINTR:
      return "-EINTR";
    default:
      return absl::StrCat(ret);
  }
}

std::string IoctlHead(const dbgref_op& op, const dbgref_obs& o) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      std::string args =
          op.dbg.control == 0 ? std::string("0") : ControlName(op.dbg.control);
      if (op.dbg.pad != 0) absl::StrAppend(&args, ", pad=", Hex(op.dbg.pad));
      const std::string regs = RegisterList(op.dbg.arch, "");
      if (!regs.empty()) absl::StrAppend(&args, ", ", regs);
      return absl::StrCat("KVM_SET_GUEST_DEBUG(", args, ") -> ", Ret(o.ret));
    }
    case DBGREF_OP_CHECK_EXTENSION:
      return absl::StrCat(
          "KVM_CHECK_EXTENSION(",
          op.cap == DBGREF_CAP_HW_BPS   ? "KVM_CAP_GUEST_DEBUG_HW_BPS"
          : op.cap == DBGREF_CAP_HW_WPS ? "KVM_CAP_GUEST_DEBUG_HW_WPS"
                                        : "another capability",
          ") -> ", Ret(o.ret));
    case DBGREF_OP_GET_ONE_REG:
      return absl::StrCat("KVM_GET_ONE_REG(", OneRegName(op.reg, op.reg_index),
                          ") -> ", o.ret == 0 ? Hex(o.value) : Ret(o.ret));
    case DBGREF_OP_SET_ONE_REG:
      return absl::StrCat("KVM_SET_ONE_REG(", OneRegName(op.reg, op.reg_index),
                          ", ", Hex(op.value), ") -> ", Ret(o.ret));
    case DBGREF_OP_VCPU_INIT:
      return absl::StrCat("KVM_ARM_VCPU_INIT -> ", Ret(o.ret));
    default:
      return absl::StrCat("operation kind ", op.kind, " -> ", Ret(o.ret));
  }
}

// A debug or trap class taken to EL2, in words.
std::string ToEl2Name(uint32_t ec) {
  switch (ec) {
    case DBGREF_EC_BREAKPT_LOW:
      return "breakpoint";
    case DBGREF_EC_SOFTSTP_LOW:
      return "software step";
    case DBGREF_EC_WATCHPT_LOW:
      return "watchpoint";
    case DBGREF_EC_BRK64:
      return "BRK";
    case DBGREF_EC_SYS64:
      return "trapped";
    case DBGREF_EC_DABT_LOW:
      return "data abort";
    case DBGREF_EC_IRQ:
      return "interrupted at the bound";
    default:
      return absl::StrCat("exception class ", Hex(ec), " to EL2");
  }
}

// An exception the guest takes itself, in words.
std::string OwnName(uint32_t ec) {
  switch (ec) {
    case DBGREF_EC_BREAKPT_CUR:
      return "breakpoint";
    case DBGREF_EC_SOFTSTP_CUR:
      return "software step";
    case DBGREF_EC_WATCHPT_CUR:
      return "watchpoint";
    case DBGREF_EC_BRK64:
      return "BRK";
    case DBGREF_EC_UNKNOWN:
      return "UNDEF";
    default:
      return absl::StrCat("class ", Hex(ec));
  }
}

std::string GuestAt(uint64_t pc, const dbgref_insn& insn) {
  return absl::StrCat("guest at ", Hex(pc), ": ", FormatInsn(insn));
}

// What KVM did at the exit, in words.
std::string ExitText(const dbgref_obs& x, bool mrs) {
  std::string text;
  switch (x.exit_reason) {
    case KVM_EXIT_DEBUG:
      text = absl::StrCat("KVM_EXIT_DEBUG hsr=", Hex(x.hsr));
      if (x.exit_far != 0 || ClassOf(x.hsr) == DBGREF_EC_WATCHPT_LOW) {
        absl::StrAppend(&text, " far=", Hex(x.exit_far));
      }
      break;
    case KVM_EXIT_MMIO:
      text = absl::StrCat("KVM_EXIT_MMIO at ", Hex(x.mmio_addr));
      break;
    case 0:
      if (x.undef) return "KVM injects an UNDEF";
      return mrs ? absl::StrCat("KVM emulates: reads ", Hex(x.read_value))
                 : "KVM emulates";
    default:
      text = ExitReasonName(x.exit_reason);
  }
  if (x.ret != 0) absl::StrAppend(&text, " ", Ret(x.ret));
  return text;
}

// A report store that ended the KVM_RUN with its MMIO exit.
std::optional<std::string> ReportText(const dbgref_obs& g,
                                      const dbgref_insn& insn,
                                      const dbgref_obs& x) {
  if (ClassOf(g.esr) != DBGREF_EC_DABT_LOW || x.exit_reason != KVM_EXIT_MMIO ||
      x.ret != 0) {
    return std::nullopt;
  }
  const char* what = insn.kind == DBGREF_INSN_REPORT ? "report"
                     : insn.kind == DBGREF_INSN_END  ? "end report"
                     : insn.kind == DBGREF_INSN_HANDLER_REPORT
                         ? "exception report"
                         : nullptr;
  if (what == nullptr) return std::nullopt;
  return absl::StrCat("KVM_RUN -> KVM_EXIT_MMIO ", what, " at ", Hex(g.pc));
}

// The handler's plain instructions and its ERET, told as one line.
class HandlerRun {
 public:
  bool empty() const { return steps_.empty(); }
  void Add(size_t step, const dbgref_obs& g) {
    if (steps_.empty()) first_pc_ = g.pc;
    steps_.push_back(step);
    if (g.event == DBGREF_EVENT_ERET) {
      eret_ = true;
    } else {
      ++plain_;
    }
  }
  // The line, for the ERET's target (where the guest went on).
  std::string Text(uint64_t target) const {
    std::string text = absl::StrCat("guest at ", Hex(first_pc_), ": ");
    if (plain_ == 0)
      return absl::StrCat(text, "the handler's eret, back to ", Hex(target));
    if (plain_ == 1 && !eret_) return text + "handler instruction";
    absl::StrAppend(&text, "the handler's ",
                    plain_ == 1 ? std::string("instruction")
                                : absl::StrCat(plain_, " instructions"));
    if (eret_) absl::StrAppend(&text, " and its eret, back to ", Hex(target));
    return text;
  }
  const std::vector<size_t>& steps() const { return steps_; }

 private:
  std::vector<size_t> steps_;
  uint64_t first_pc_ = 0;
  int plain_ = 0;
  bool eret_ = false;
};

class RunTeller {
 public:
  RunTeller(const dbgref_program& program, const OpObservations& steps,
            OpStory& out)
      : program_(program), steps_(steps), out_(out) {
    out_.line_of_step.assign(steps.size(), 0);
  }
  void Tell();

 private:
  // Adds a line that tells steps [first, last] and the entries before.
  void Emit(std::string text, size_t first, size_t last);
  void Flush(size_t next);
  std::string ToEl2(size_t k, const dbgref_insn& insn, bool* with_exit);

  const dbgref_program& program_;
  const OpObservations& steps_;
  OpStory& out_;
  std::vector<size_t> waiting_;  // entries, told with the next line
  HandlerRun handler_;
};

void RunTeller::Emit(std::string text, size_t first, size_t last) {
  out_.lines.push_back(std::move(text));
  const size_t line = out_.lines.size();
  for (size_t k : waiting_) out_.line_of_step[k] = line;
  waiting_.clear();
  for (size_t k = first; k <= last; ++k) out_.line_of_step[k] = line;
}

// Tells the handler's run, if any; next is the step after it.
void RunTeller::Flush(size_t next) {
  if (handler_.empty()) return;
  uint64_t target = 0;
  for (size_t k = next; k < steps_.size(); ++k) {
    if (steps_[k].step == DBGREF_STEP_GUEST) {
      target = steps_[k].pc;
      break;
    }
    if (steps_[k].step == DBGREF_STEP_EXIT) {
      target = steps_[k].exit_pc;
      break;
    }
  }
  const std::vector<size_t> told = handler_.steps();
  const std::string text = handler_.Text(target);
  handler_ = HandlerRun();
  Emit(text, told.front(), told.front());
  for (size_t k : told) out_.line_of_step[k] = out_.lines.size();
}

std::string RunTeller::ToEl2(size_t k, const dbgref_insn& insn,
                             bool* with_exit) {
  const dbgref_obs& g = steps_[k];
  const bool exit_follows =
      k + 1 < steps_.size() && steps_[k + 1].step == DBGREF_STEP_EXIT;
  *with_exit = exit_follows;
  if (!exit_follows) {
    return absl::StrCat(GuestAt(g.pc, insn), " -> ", ToEl2Name(ClassOf(g.esr)));
  }
  const dbgref_obs& x = steps_[k + 1];
  if (std::optional<std::string> report = ReportText(g, insn, x)) {
    return *report;
  }
  return absl::StrCat(GuestAt(g.pc, insn), " -> ", ToEl2Name(ClassOf(g.esr)),
                      ", ", ExitText(x, insn.kind == DBGREF_INSN_MRS));
}

void RunTeller::Tell() {
  for (size_t k = 0; k < steps_.size(); ++k) {
    const dbgref_obs& s = steps_[k];
    if (s.step == DBGREF_STEP_ENTER) {
      waiting_.push_back(k);
      continue;
    }
    if (s.step != DBGREF_STEP_GUEST) {
      Flush(k);
      Emit(s.step == DBGREF_STEP_EXIT
               ? absl::StrCat("KVM exits: ", ExitText(s, false))
               : std::string("an ioctl step inside KVM_RUN"),
           k, k);
      continue;
    }
    const dbgref_insn insn = InsnAt(program_, s.pc);
    if (s.event == DBGREF_EVENT_ERET ||
        (s.event == DBGREF_EVENT_RETIRED &&
         insn.kind == DBGREF_INSN_HANDLER_PLAIN)) {
      handler_.Add(k, s);
      if (s.event == DBGREF_EVENT_ERET) Flush(k + 1);
      continue;
    }
    Flush(k);
    switch (s.event) {
      case DBGREF_EVENT_RETIRED:
        Emit(absl::StrCat(GuestAt(s.pc, insn),
                          insn.kind == DBGREF_INSN_MRS
                              ? absl::StrCat(" -> reads ", Hex(s.read_value))
                              : ""),
             k, k);
        break;
      case DBGREF_EVENT_EXCEPTION_EL1: {
        const uint32_t ec = ClassOf(s.esr);
        std::string text = absl::StrCat(
            GuestAt(s.pc, insn), " -> its own ", OwnName(ec),
            " exception: ESR_EL1=", Hex(s.esr), " ELR_EL1=", Hex(s.pc));
        if (ec == DBGREF_EC_WATCHPT_CUR) {
          absl::StrAppend(&text, " FAR_EL1=", Hex(s.far));
        }
        Emit(std::move(text), k, k);
        break;
      }
      default: {
        bool with_exit = false;
        std::string text = ToEl2(k, insn, &with_exit);
        Emit(std::move(text), k, with_exit ? k + 1 : k);
        if (with_exit) ++k;
      }
    }
  }
  Flush(steps_.size());
  for (size_t k : waiting_) out_.line_of_step[k] = out_.lines.size();
}

}  // namespace

OpStory TellOp(const dbgref_program& program, const dbgref_op& op,
               const OpObservations& steps) {
  OpStory out;
  if (op.kind != DBGREF_OP_RUN) {
    out.head = steps.empty() ? IoctlHead(op, dbgref_obs{})
                             : IoctlHead(op, steps.front());
    out.line_of_step.assign(steps.size(), 0);
    return out;
  }
  out.head = "KVM_RUN";
  RunTeller(program, steps, out).Tell();
  return out;
}

const char* StepPlace(uint32_t step_kind) {
  switch (step_kind) {
    case DBGREF_STEP_IOCTL:
      return "the ioctl";
    case DBGREF_STEP_ENTER:
      return "the entry before it";
    case DBGREF_STEP_GUEST:
      return "this instruction";
    default:
      return "the exit";
  }
}

}  // namespace dbgref::trace::story_internal
