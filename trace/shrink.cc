// The reductions and the rounds of shrinking (see shrink.h).
#include "trace/shrink.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace {
namespace {

// Sets field to plain; false when it already was.
template <class T>
bool MakePlain(T& field, T plain) {
  if (field == plain) return false;
  field = plain;
  return true;
}

template <class T>
bool ClearBits(T& field, T bits) {
  return MakePlain<T>(field, field & ~bits);
}

// One value of a record made plainer in place; false when it changes
// nothing.
using OpEdit = std::function<bool(dbgref_op&)>;
using HostEdit = std::function<bool(dbgref_host&)>;
// A program line is edited with its program, which an address change
// needs to see.
using LineEdit = std::function<bool(const dbgref_program&, dbgref_line&)>;

// Applied to every operation whatever its kind: a field the kind does not
// use is 0 in a valid trace, and noise in a solver's.
std::vector<OpEdit> OpEdits(Values values) {
  std::vector<OpEdit> edits;
  for (int n = 1; n < 32; ++n) {  // every bit but ENABLE
    const uint32_t bit = 1u << n;
    edits.push_back(
        [bit](dbgref_op& op) { return ClearBits(op.dbg.control, bit); });
  }
  edits.push_back([](dbgref_op& op) { return MakePlain(op.dbg.pad, 0u); });
  for (uint32_t kind : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      edits.push_back([kind, n](dbgref_op& op) {
        return MakePlain<uint64_t>(model::RegisterBank(op.dbg.arch, kind)[n],
                                   0);
      });
    }
  }
  if (values == Values::kArbitrary) {
    edits.push_back([](dbgref_op& op) {
      const uint64_t plain = op.reg == DBGREF_ONE_REG_PC ? DBGREF_START_PC
                             : op.reg == DBGREF_ONE_REG_PSTATE
                                 ? DBGREF_START_PSTATE
                                 : 0;
      return op.kind == DBGREF_OP_SET_ONE_REG &&
             MakePlain<uint64_t>(op.value, plain);
    });
    edits.push_back([](dbgref_op& op) { return MakePlain(op.reg_index, 0u); });
  }
  return edits;
}

// The lowest 4-aligned address of the code region that no line of program
// has.
uint64_t LowestFreeAddress(const dbgref_program& program) {
  for (uint64_t pc = DBGREF_CODE_BASE;; pc += 4) {
    bool used = false;
    for (uint32_t i = 0; i < program.count; ++i) {
      used |= program.line[i].pc == pc;
    }
    if (!used) return pc;
  }
}

std::vector<LineEdit> LineEdits(Values values) {
  std::vector<LineEdit> edits;
  edits.push_back([](const dbgref_program&, dbgref_line& line) {
    if (line.insn.kind == DBGREF_INSN_NOP) return false;
    line.insn = Nop();
    return true;
  });
  if (values == Values::kArbitrary) {
    edits.push_back([](const dbgref_program&, dbgref_line& line) {
      return (line.insn.kind == DBGREF_INSN_LOAD ||
              line.insn.kind == DBGREF_INSN_STORE) &&
             MakePlain<uint64_t>(line.insn.addr, DBGREF_DATA_BASE);
    });
    edits.push_back([](const dbgref_program&, dbgref_line& line) {
      return MakePlain<uint64_t>(line.insn.value, 0);
    });
    edits.push_back([](const dbgref_program&, dbgref_line& line) {
      return MakePlain(line.insn.imm, 0u);
    });
    edits.push_back([](const dbgref_program&, dbgref_line& line) {
      return MakePlain(line.insn.reg_index, 0u);
    });
    edits.push_back([](const dbgref_program& program, dbgref_line& line) {
      const uint64_t free = LowestFreeAddress(program);
      return free < line.pc && MakePlain(line.pc, free);
    });
  }
  return edits;
}

// ID_AA64DFR0_EL1 first: with fewer breakpoints and watchpoints, the
// registers that still matter are the low ones.
std::vector<HostEdit> HostEdits(Values values) {
  std::vector<HostEdit> edits;
  if (values == Values::kArbitrary) {
    edits.push_back([](dbgref_host& host) {
      return MakePlain<uint64_t>(host.id_aa64dfr0_el1, 0);
    });
    edits.push_back([](dbgref_host& host) {
      return MakePlain<uint64_t>(
          host.id_aa64dfr0_el1,
          host.id_aa64dfr0_el1 &
              ((DBGREF_DFR0_FIELD_MASK << DBGREF_DFR0_BRPS_SHIFT) |
               (DBGREF_DFR0_FIELD_MASK << DBGREF_DFR0_WRPS_SHIFT)));
    });
  }
  edits.push_back([](dbgref_host& host) {
    bool changed = false;
    for (uint32_t kind : model::kRegisterBanks) {
      for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
        changed |= MakePlain<uint64_t>(
            model::RegisterBank(host.host_regs, kind)[n], 0);
      }
    }
    return changed;
  });
  for (uint32_t kind : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      edits.push_back([kind, n](dbgref_host& host) {
        return MakePlain<uint64_t>(model::RegisterBank(host.host_regs, kind)[n],
                                   0);
      });
    }
  }
  return edits;
}

void DropLine(dbgref_program& program, uint32_t i) {
  for (uint32_t j = i; j + 1 < program.count; ++j) {
    program.line[j] = program.line[j + 1];
  }
  --program.count;
  program.line[program.count] = dbgref_line{};
}

// Whether some line of program is at an address after pc.
bool LinesAfter(const dbgref_program& program, uint64_t pc) {
  for (uint32_t j = 0; j < program.count; ++j) {
    if (program.line[j].pc > pc) return true;
  }
  return false;
}

// The lines at from and after it, and every pc that names one of them,
// moved up by 4 (into a free address, or the one a dropped line had).
void MoveLinesUp(const dbgref_program& before, uint64_t from, Trace& out) {
  const auto move = [&](uint64_t& pc) {
    if (pc < from) return;
    for (uint32_t j = 0; j < before.count; ++j) {
      if (before.line[j].pc == pc) {
        pc -= 4;
        return;
      }
    }
  };
  for (uint32_t j = 0; j < out.program.count; ++j) {
    dbgref_insn& insn = out.program.line[j].insn;
    if (insn.kind == DBGREF_INSN_MSR && insn.reg == DBGREF_REG_BVR) {
      move(insn.value);
    }
  }
  for (dbgref_op& op : out.ops) {
    if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) {
      for (uint64_t& bvr : op.dbg.arch.dbg_bvr) move(bvr);
    }
    if (op.kind == DBGREF_OP_SET_ONE_REG &&
        (op.reg == DBGREF_ONE_REG_PC || op.reg == DBGREF_ONE_REG_BVR)) {
      move(op.value);
    }
  }
  for (uint32_t j = 0; j < out.program.count; ++j) {
    if (out.program.line[j].pc >= from) out.program.line[j].pc -= 4;
  }
}

// Whether program has a line at pc.
bool HasLineAt(const dbgref_program& program, uint64_t pc) {
  for (uint32_t j = 0; j < program.count; ++j) {
    if (program.line[j].pc == pc) return true;
  }
  return false;
}

class Shrinker {
 public:
  Shrinker(Trace trace, absl::FunctionRef<bool(const Trace&)> still_fails,
           Values values)
      : trace_(std::move(trace)),
        still_fails_(still_fails),
        keep_valid_(ValidateTrace(trace_).ok()),
        op_edits_(OpEdits(values)),
        line_edits_(LineEdits(values)),
        host_edits_(HostEdits(values)) {}

  // One round; true when it kept a reduction.
  bool Round();
  Trace Result() && { return std::move(trace_); }

 private:
  // Keeps candidate when it (still valid, if the trace was) still fails;
  // whether it did.
  bool Try(Trace candidate);
  // The reductions of a round, in order.
  void DeleteOperationChunks();
  void DeleteOperations();
  void DeleteLineChunks();
  void DeleteLines();
  void CloseGaps();
  void DeletePairs();
  void Simplify();

  Trace trace_;
  absl::FunctionRef<bool(const Trace&)> still_fails_;
  const bool keep_valid_;
  const std::vector<OpEdit> op_edits_;
  const std::vector<LineEdit> line_edits_;
  const std::vector<HostEdit> host_edits_;
  bool kept_ = false;
};

bool Shrinker::Try(Trace candidate) {
  if (keep_valid_ && !ValidateTrace(candidate).ok()) return false;
  if (!still_fails_(candidate)) return false;
  trace_ = std::move(candidate);
  kept_ = true;
  return true;
}

// Halves, quarters, ... of the operations, down to pairs, the last first:
// a long trace loses what it does not need in a few checks.
void Shrinker::DeleteOperationChunks() {
  for (size_t size = trace_.ops.size() / 2; size >= 2; size /= 2) {
    for (size_t end = trace_.ops.size(); end >= size;) {
      Trace candidate = trace_;
      const auto first =
          candidate.ops.begin() + static_cast<std::ptrdiff_t>(end - size);
      candidate.ops.erase(first, first + static_cast<std::ptrdiff_t>(size));
      if (!Try(std::move(candidate))) end -= size;
      if (end > trace_.ops.size()) end = trace_.ops.size();
    }
  }
}

void Shrinker::DeleteOperations() {
  for (size_t i = trace_.ops.size(); i-- > 0;) {
    Trace candidate = trace_;
    candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
    Try(std::move(candidate));
  }
}

// Blocks of program lines, as DeleteOperationChunks, each line dropped
// where it is.
void Shrinker::DeleteLineChunks() {
  for (uint32_t size = trace_.program.count / 2; size >= 2; size /= 2) {
    for (uint32_t end = trace_.program.count; end >= size;) {
      Trace candidate = trace_;
      for (uint32_t k = 0; k < size; ++k)
        DropLine(candidate.program, end - size);
      if (!Try(std::move(candidate))) end -= size;
      if (end > trace_.program.count) end = trace_.program.count;
    }
  }
}

void Shrinker::DeleteLines() {
  for (uint32_t i = trace_.program.count; i-- > 0;) {
    if (i >= trace_.program.count) continue;
    Trace candidate = trace_;
    DropLine(candidate.program, i);
    if (Try(std::move(candidate))) continue;
    if (LinesAfter(trace_.program, trace_.program.line[i].pc)) {
      Try(DropLineMovingUp(trace_, i));
    }
  }
}

// A line with a free address before it (within the code) moves up into
// it, with the lines after it and the pcs that name them, so that a
// program starts at the start of the code and has no holes.
void Shrinker::CloseGaps() {
  for (uint32_t i = 0; i < trace_.program.count; ++i) {
    const uint64_t pc = trace_.program.line[i].pc;
    if (pc < DBGREF_CODE_BASE + 4 || HasLineAt(trace_.program, pc - 4)) {
      continue;
    }
    Trace candidate = trace_;
    MoveLinesUp(trace_.program, pc, candidate);
    if (Try(std::move(candidate))) i = 0;
  }
}

// Two operations, or an operation and a line, that are only needed
// together; tried when no single reduction is left, on a short trace.
void Shrinker::DeletePairs() {
  constexpr size_t kPairLimit = 10;
  if (trace_.ops.size() + trace_.program.count > kPairLimit) return;
  for (size_t j = trace_.ops.size(); j-- > 1;) {
    for (size_t i = j; i-- > 0;) {
      Trace candidate = trace_;
      candidate.ops.erase(candidate.ops.begin() +
                          static_cast<std::ptrdiff_t>(j));
      candidate.ops.erase(candidate.ops.begin() +
                          static_cast<std::ptrdiff_t>(i));
      if (Try(std::move(candidate))) return;
    }
  }
  for (size_t j = trace_.ops.size(); j-- > 0;) {
    for (uint32_t i = trace_.program.count; i-- > 0;) {
      Trace dropped = trace_;
      dropped.ops.erase(dropped.ops.begin() + static_cast<std::ptrdiff_t>(j));
      Trace candidate = dropped;
      DropLine(candidate.program, i);
      if (Try(std::move(candidate))) return;
      if (LinesAfter(dropped.program, dropped.program.line[i].pc) &&
          Try(DropLineMovingUp(dropped, i))) {
        return;
      }
    }
  }
}

void Shrinker::Simplify() {
  for (const HostEdit& edit : host_edits_) {
    Trace candidate = trace_;
    if (edit(candidate.host)) Try(std::move(candidate));
  }
  for (size_t i = 0; i < trace_.ops.size(); ++i) {
    for (const OpEdit& edit : op_edits_) {
      dbgref_op op = trace_.ops[i];
      if (!edit(op)) continue;
      Trace candidate = trace_;
      candidate.ops[i] = op;
      Try(std::move(candidate));
    }
  }
  for (uint32_t i = 0; i < trace_.program.count; ++i) {
    for (const LineEdit& edit : line_edits_) {
      dbgref_line line = trace_.program.line[i];
      if (!edit(trace_.program, line)) continue;
      Trace candidate = trace_;
      candidate.program.line[i] = line;
      Try(std::move(candidate));
    }
  }
}

bool Shrinker::Round() {
  kept_ = false;
  DeleteOperationChunks();
  DeleteOperations();
  DeleteLineChunks();
  DeleteLines();
  CloseGaps();
  Simplify();
  if (!kept_) DeletePairs();
  return kept_;
}

}  // namespace

Trace DropLineMovingUp(const Trace& trace, uint32_t i) {
  Trace out = trace;
  if (i >= trace.program.count) return out;
  const uint64_t removed = trace.program.line[i].pc;
  DropLine(out.program, i);
  MoveLinesUp(trace.program, removed + 1, out);
  return out;
}

std::vector<Trace> Deletions(const Trace& trace) {
  const bool keep_valid = ValidateTrace(trace).ok();
  std::vector<Trace> out;
  auto add = [&](Trace t) {
    if (!keep_valid || ValidateTrace(t).ok()) out.push_back(std::move(t));
  };
  for (size_t i = 0; i < trace.ops.size(); ++i) {
    Trace t = trace;
    t.ops.erase(t.ops.begin() + static_cast<std::ptrdiff_t>(i));
    add(std::move(t));
  }
  for (uint32_t i = 0; i < trace.program.count; ++i) {
    Trace t = trace;
    DropLine(t.program, i);
    add(std::move(t));
    if (LinesAfter(trace.program, trace.program.line[i].pc)) {
      add(DropLineMovingUp(trace, i));
    }
  }
  return out;
}

bool IsOneMinimal(const Trace& trace,
                  absl::FunctionRef<bool(const Trace&)> still_fails) {
  for (const Trace& t : Deletions(trace)) {
    if (still_fails(t)) return false;
  }
  return true;
}

Trace Shrink(Trace trace, absl::FunctionRef<bool(const Trace&)> still_fails,
             Values values) {
  if (!still_fails(trace)) return trace;
  Shrinker shrinker(std::move(trace), still_fails, values);
  while (shrinker.Round()) {
  }
  return std::move(shrinker).Result();
}

}  // namespace dbgref::trace
