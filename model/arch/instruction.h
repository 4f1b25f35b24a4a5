// The guest's instructions, as domain values, and which one sits at an
// address (spec/execution.md, "The guest"): a program line where the
// program has one, the runtime's exception handler at its vector, and the
// END report store everywhere else. A program of N lines is an input like
// the host; its unused lines hold an address no instruction can have.
#ifndef DBGREF_MODEL_ARCH_INSTRUCTION_H_
#define DBGREF_MODEL_ARCH_INSTRUCTION_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "model/domain.h"
#include "model/field_name.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_ops.h"

namespace dbgref::model {

// Mirrors struct dbgref_insn of model/record.h.
template <class D>
struct Insn {
  WordOf<D> kind;       // enum dbgref_insn_kind
  WordOf<D> size;       // LOAD, STORE: 1, 2, 4 or 8
  WordOf<D> addr;       // LOAD, STORE: the data address
  WordOf<D> reg;        // MRS, MSR: enum dbgref_reg_kind
  WordOf<D> reg_index;  // MRS, MSR: bank entry
  WordOf<D> value;      // MSR: the value written
  WordOf<D> imm;        // BRK: the immediate
};

template <class D>
struct Line {
  WordOf<D> pc;
  Insn<D> insn;
};

// A program of N lines. Lines not in use have pc kNoLinePc.
template <class D, std::size_t N>
struct Program {
  static constexpr std::size_t kLines = N;
  std::array<Line<D>, N> line;
};

// An address no instruction has (not 4-aligned): the pc of an unused line.
inline constexpr uint64_t kNoLinePc = 1;

template <class D>
Insn<D> InsnOfKind(uint64_t kind) {
  const WordOf<D> z = D::lit(0);
  return Insn<D>{D::lit(kind), z, z, z, z, z, z};
}

template <class D>
BoolOf<D> IsInsn(const Insn<D>& i, dbgref_insn_kind k) {
  return D::eq(i.kind, D::lit(k));
}

// The field walkers (see model/arch/debug_regs.h).
template <class F, class... I>
void WalkInsn(F& f, const FieldName& prefix, I&... insn) {
  f.Word(FieldName(prefix, "kind"), insn.kind...);
  f.Word(FieldName(prefix, "size"), insn.size...);
  f.Word(FieldName(prefix, "addr"), insn.addr...);
  f.Word(FieldName(prefix, "reg"), insn.reg...);
  f.Word(FieldName(prefix, "reg_index"), insn.reg_index...);
  f.Word(FieldName(prefix, "value"), insn.value...);
  f.Word(FieldName(prefix, "imm"), insn.imm...);
}

inline constexpr auto kWalkInsn = [](auto& f, const FieldName& name,
                                     auto&... i) { WalkInsn(f, name, i...); };

template <class D>
Insn<D> Select(const BoolOf<D>& c, const Insn<D>& a, const Insn<D>& b) {
  return SelectRecord<D>(kWalkInsn, c, a, b);
}

// Walks programs of N lines: "line3.pc", "line3.kind", ...
template <std::size_t N, class F, class... P>
void WalkProgram(F& f, const FieldName& prefix, P&... program) {
  static_assert(N <= kEntryIndexCount);
  const FieldName line(prefix, "line");
  for (std::size_t i = 0; i < N; ++i) {
    const FieldName n(line, kEntryIndex[i]);
    f.Word(FieldName(n, ".pc"), program.line[i].pc...);
    WalkInsn(f, FieldName(n, "."), program.line[i].insn...);
  }
}

// The runtime's instruction at the handler's address a, when a is one.
template <class D>
Insn<D> HandlerInsn(const WordOf<D>& pc, const Insn<D>& otherwise) {
  // The kind of the handler's instruction number k.
  auto kind_at = [](uint64_t k) -> uint64_t {
    return k == 0                          ? DBGREF_INSN_HANDLER_REPORT
           : k == DBGREF_HANDLER_INSNS - 1 ? DBGREF_INSN_HANDLER_ERET
                                           : DBGREF_INSN_HANDLER_PLAIN;
  };
  Insn<D> insn = otherwise;
  if constexpr (std::is_same_v<WordOf<D>, uint64_t>) {
    // The same choice on a C++ word: the instruction's number, if any.
    const uint64_t offset = pc - DBGREF_HANDLER_ADDR;
    if (offset % 4 == 0 && offset / 4 < DBGREF_HANDLER_INSNS) {
      insn.kind = kind_at(offset / 4);
    }
  } else {
    for (uint64_t k = 0; k < DBGREF_HANDLER_INSNS; ++k) {
      const BoolOf<D> here = D::eq(pc, D::lit(DBGREF_HANDLER_ADDR + 4 * k));
      insn.kind = D::ite(here, D::lit(kind_at(k)), insn.kind);
    }
  }
  return insn;
}

// The instruction at pc: the program's line there, else the runtime's.
// Where several lines have that pc, the last of them (the fold below
// chooses each later match over what came before).
template <class D, std::size_t N>
Insn<D> Fetch(const Program<D, N>& program, const WordOf<D>& pc) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    // The same choice on a C++ bool: the lines searched from the last, the
    // first found is the one the fold keeps; four lines at a time, and
    // within four that have the pc, from the last of them.
    std::size_t i = N;
    for (; i >= 4; i -= 4) {
      const bool a = D::eq(pc, program.line[i - 1].pc);
      const bool b = D::eq(pc, program.line[i - 2].pc);
      const bool c = D::eq(pc, program.line[i - 3].pc);
      const bool d = D::eq(pc, program.line[i - 4].pc);
      if (a | b | c | d) {
        return program.line[a ? i - 1 : b ? i - 2 : c ? i - 3 : i - 4].insn;
      }
    }
    while (i-- > 0) {
      if (D::eq(pc, program.line[i].pc)) return program.line[i].insn;
    }
    return HandlerInsn<D>(pc, InsnOfKind<D>(DBGREF_INSN_END));
  } else {
    Insn<D> insn = HandlerInsn<D>(pc, InsnOfKind<D>(DBGREF_INSN_END));
    for (std::size_t i = 0; i < N; ++i) {
      const Line<D>& l = program.line[i];
      const BoolOf<D> here = D::eq(pc, l.pc);
      insn.kind = D::ite(here, l.insn.kind, insn.kind);
      insn.size = D::ite(here, l.insn.size, insn.size);
      insn.addr = D::ite(here, l.insn.addr, insn.addr);
      insn.reg = D::ite(here, l.insn.reg, insn.reg);
      insn.reg_index = D::ite(here, l.insn.reg_index, insn.reg_index);
      insn.value = D::ite(here, l.insn.value, insn.value);
      insn.imm = D::ite(here, l.insn.imm, insn.imm);
    }
    return insn;
  }
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_INSTRUCTION_H_
