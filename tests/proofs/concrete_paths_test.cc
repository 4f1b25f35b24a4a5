// The model's short cuts on C++ values (the `if constexpr` paths of a rule
// that compute on bool and uint64_t without building the fold that the
// symbolic domain builds) give what the fold gives: each rule is evaluated
// on the same literal inputs in both domains, over every input its short
// cut distinguishes and past the edges of each range.
#include <gtest/gtest.h>
#include <z3++.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "model/arch/debug_events.h"
#include "model/arch/debug_regs.h"
#include "model/arch/id_regs.h"
#include "model/arch/instruction.h"
#include "model/concrete_domain.h"
#include "model/guest_layout.h"
#include "model/domain.h"
#include "proofs/path.h"
#include "proofs/z3_domain.h"

namespace dbgref::proofs {
namespace {

using C = model::ConcreteDomain;
using Z = Z3Domain;

// The value of a formula over literals.
uint64_t ValueOf(const z3::expr& w) {
  uint64_t v = 0;
  EXPECT_TRUE(NumeralValue(w.simplify(), &v)) << w;
  return v;
}

TEST(ConcretePaths, AccessByteMaskIsTheTable) {
  Z3Scope scope(ThreadContext());
  int compared = 0;
  for (uint64_t size = 0; size <= 16; ++size) {
    for (uint64_t addr : {0x0ull, 0x1ull, 0x2ull, 0x3ull, 0x4ull, 0x5ull,
                          0x6ull, 0x7ull, 0x8ull, 0xfull, 0x18004ull,
                          0xfffffffffffffff9ull}) {
      EXPECT_EQ(model::AccessByteMask<C>(addr, size),
                ValueOf(model::AccessByteMask<Z>(Z::lit(addr), Z::lit(size))))
          << "size " << size << " addr " << addr;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 17 * 12);
}

TEST(ConcretePaths, HandlerInsnIsTheFold) {
  Z3Scope scope(ThreadContext());
  const model::Insn<C> otherwise = model::InsnOfKind<C>(DBGREF_INSN_END);
  const model::Insn<Z> otherwise_z = model::InsnOfKind<Z>(DBGREF_INSN_END);
  int handler = 0;
  for (uint64_t pc = DBGREF_HANDLER_ADDR - 12;
       pc < DBGREF_HANDLER_ADDR + 4 * DBGREF_HANDLER_INSNS + 12; ++pc) {
    const uint64_t kind = model::HandlerInsn<C>(pc, otherwise).kind;
    EXPECT_EQ(kind,
              ValueOf(model::HandlerInsn<Z>(Z::lit(pc), otherwise_z).kind))
        << "pc " << pc;
    handler += kind != DBGREF_INSN_END;
  }
  // Every instruction of the handler was reached, and nothing else.
  EXPECT_EQ(handler, DBGREF_HANDLER_INSNS);
  EXPECT_EQ(model::HandlerInsn<C>(0, otherwise).kind, DBGREF_INSN_END);
}

// Fetch on random programs of N lines, each line's pc one of a few, so
// that lines share them.
template <std::size_t... I>
void FetchAgrees(std::index_sequence<I...>, uint64_t seed) {
  constexpr std::size_t N = sizeof...(I);
  Z3Scope scope(ThreadContext());
  std::mt19937_64 random(seed);
  const std::vector<uint64_t> pcs = {0x10000, 0x10004, 0x10008,
                                     model::kNoLinePc, DBGREF_HANDLER_ADDR};
  for (int round = 0; round < 200; ++round) {
    std::array<uint64_t, N> line_pc;
    for (uint64_t& pc : line_pc) pc = pcs[random() % pcs.size()];
    // Line i holds a NOP whose address field says which line it is.
    auto line = [&](auto domain, std::size_t i) {
      using D = decltype(domain);
      model::Insn<D> insn = model::InsnOfKind<D>(DBGREF_INSN_NOP);
      insn.addr = D::lit(i);
      return model::Line<D>{D::lit(line_pc[i]), insn};
    };
    const model::Program<C, N> program{{line(C{}, I)...}};
    const model::Program<Z, N> program_z{{line(Z{}, I)...}};
    for (const uint64_t pc : pcs) {
      const model::Insn<C> got = model::Fetch<C>(program, pc);
      const model::Insn<Z> want = model::Fetch<Z>(program_z, Z::lit(pc));
      EXPECT_EQ(got.kind, ValueOf(want.kind)) << N << " lines, round " << round;
      EXPECT_EQ(got.addr, ValueOf(want.addr)) << N << " lines, round " << round;
    }
  }
}

// Lines in blocks of four and a remainder, as the short cut reads them.
TEST(ConcretePaths, FetchIsTheFold) {
  FetchAgrees(std::make_index_sequence<8>(), 1);
  FetchAgrees(std::make_index_sequence<11>(), 2);
  FetchAgrees(std::make_index_sequence<3>(), 3);
}

TEST(ConcretePaths, KeepImplementedOnlyIsTheFold) {
  Z3Scope scope(ThreadContext());
  std::mt19937_64 random(2);
  for (uint64_t brps = 0; brps < 16; ++brps) {
    for (uint64_t wrps = 0; wrps < 16; ++wrps) {
      const uint64_t dfr0 = (brps << DBGREF_DFR0_BRPS_SHIFT) |
                            (wrps << DBGREF_DFR0_WRPS_SHIFT) |
                            (random() & 0xfff);
      model::DebugRegs<C> regs;
      for (model::Bank<C>* bank : {&regs.bcr, &regs.bvr, &regs.wcr, &regs.wvr}) {
        for (uint64_t& v : *bank) v = random() | 1;  // never 0
      }
      auto lit_bank = [](const model::Bank<C>& bank) {
        model::Bank<Z> out = model::FillBank<Z>(Z::lit(0));
        for (std::size_t n = 0; n < model::kBankSize; ++n) {
          out[n] = Z::lit(bank[n]);
        }
        return out;
      };
      model::DebugRegs<Z> regs_z{lit_bank(regs.bcr), lit_bank(regs.bvr),
                                 lit_bank(regs.wcr), lit_bank(regs.wvr)};
      model::KeepImplementedOnly<C>(dfr0, regs);
      model::KeepImplementedOnly<Z>(Z::lit(dfr0), regs_z);
      int kept = 0;
      for (std::size_t n = 0; n < model::kBankSize; ++n) {
        EXPECT_EQ(regs.bcr[n], ValueOf(regs_z.bcr[n])) << brps << " " << n;
        EXPECT_EQ(regs.bvr[n], ValueOf(regs_z.bvr[n])) << brps << " " << n;
        EXPECT_EQ(regs.wcr[n], ValueOf(regs_z.wcr[n])) << wrps << " " << n;
        EXPECT_EQ(regs.wvr[n], ValueOf(regs_z.wvr[n])) << wrps << " " << n;
        kept += (regs.bcr[n] != 0) + (regs.wvr[n] != 0);
      }
      EXPECT_EQ(kept, static_cast<int>(brps + 1 + wrps + 1));
    }
  }
}

}  // namespace
}  // namespace dbgref::proofs
