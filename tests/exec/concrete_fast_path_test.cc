// The concrete fast paths of the model (model/domain.h, kConcreteValues):
// each computes what the generic branch computes. The generic branch runs
// here on the same C++ values through a domain that does not declare
// kConcreteValues, and every result is compared field by field with the
// concrete domain's: the helpers on exhaustive or random inputs, every
// transition on the states random traces reach, and on states with the
// bound of a KVM_RUN reached.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "model/arch/debug_events.h"
#include "model/arch/execute.h"
#include "model/arch/instruction.h"
#include "model/arch/syndrome.h"
#include "model/concrete.h"
#include "model/run.h"
#include "model/step.h"
#include "tests/exec/random_gen.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

// The concrete domain's operations without its fast paths.
struct Generic : ConcreteDomain {
  static constexpr bool kConcreteValues = false;
};
using G = Generic;

static_assert(kConcreteValues<C>);
static_assert(!kConcreteValues<G>);

// A record of one domain as the same record of the other (same layout:
// the same members, all uint64_t and bool).
template <class To, class From>
To As(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  static_assert(std::is_trivially_copyable_v<To> &&
                std::is_trivially_copyable_v<From>);
  To to;
  std::memcpy(&to, &from, sizeof(to));
  return to;
}

// The names of the fields where two records differ.
struct Differences {
  std::string out;
  void Word(const FieldName& name, const uint64_t& a, const uint64_t& b) {
    if (a != b) out += name.str() + " ";
  }
  void Bool(const FieldName& name, const bool& a, const bool& b) {
    if (a != b) out += name.str() + " ";
  }
  template <class A, class B>
  void Regs(const FieldName& name, const A& a, const B& b) {
    WalkRegs(*this, name, a, b);
  }
};

template <class A, class B>
std::string StateDiff(const A& a, const B& b) {
  Differences d;
  WalkState(d, FieldName(""), a, b);
  return d.out;
}
template <class A, class B>
std::string ObsDiffs(const A& a, const B& b) {
  Differences d;
  WalkObs(d, FieldName(""), a, b);
  return d.out;
}
template <class A, class B>
std::string CpuDiff(const A& a, const B& b) {
  Differences d;
  WalkCpu(d, FieldName(""), a, b);
  return d.out;
}
template <class A, class B>
std::string InsnDiff(const A& a, const B& b) {
  Differences d;
  WalkInsn(d, FieldName(""), a, b);
  return d.out;
}

TEST(ConcreteFastPaths, AccessByteMask) {
  for (uint64_t addr = 0; addr < 64; ++addr) {
    for (uint64_t size = 0; size < 20; ++size) {
      EXPECT_EQ(AccessByteMask<C>(addr, size), AccessByteMask<G>(addr, size))
          << addr << " " << size;
    }
    for (uint64_t size : {uint64_t{64}, uint64_t{65}, ~uint64_t{0}}) {
      EXPECT_EQ(AccessByteMask<C>(addr, size), AccessByteMask<G>(addr, size))
          << addr << " " << size;
    }
  }
}

TEST(ConcreteFastPaths, Sys64IssOf) {
  for (uint64_t reg = 0; reg < DBGREF_REG_KIND_COUNT + 3; ++reg) {
    for (uint64_t index = 0; index < 40; ++index) {
      for (bool write : {false, true}) {
        EXPECT_EQ(Sys64IssOf<C>(reg, index, write),
                  Sys64IssOf<G>(reg, index, write))
            << reg << " " << index << " " << write;
      }
    }
    EXPECT_EQ(Sys64IssOf<C>(reg, ~uint64_t{0}, true),
              Sys64IssOf<G>(reg, ~uint64_t{0}, true));
  }
}

TEST(ConcreteFastPaths, FetchAndTheHandler) {
  testing::Gen g(7);
  for (int round = 0; round < 200; ++round) {
    dbgref_program p = g.Program();
    // Two lines at one address now and then: the last one is fetched.
    if (p.count >= 2 && g.Coin()) p.line[p.count - 1].pc = p.line[0].pc;
    const ConcreteProgram c = FromRecord(p);
    const Program<G, DBGREF_MAX_PROGRAM_LINES> generic =
        As<Program<G, DBGREF_MAX_PROGRAM_LINES>>(c);
    for (uint64_t pc = DBGREF_HANDLER_ADDR - 8;
         pc < DBGREF_HANDLER_ADDR + 4 * DBGREF_HANDLER_INSNS + 8; ++pc) {
      EXPECT_EQ(InsnDiff(Fetch<C>(c, pc), Fetch<G>(generic, pc)), "") << pc;
    }
    for (uint64_t pc = DBGREF_CODE_BASE - 4; pc < DBGREF_CODE_BASE + 48;
         ++pc) {
      EXPECT_EQ(InsnDiff(Fetch<C>(c, pc), Fetch<G>(generic, pc)), "") << pc;
    }
    for (uint64_t pc : {uint64_t{0}, kNoLinePc, ~uint64_t{0}}) {
      EXPECT_EQ(InsnDiff(Fetch<C>(c, pc), Fetch<G>(generic, pc)), "") << pc;
    }
  }
}

TEST(ConcreteFastPaths, BreakpointAndWatchpointMatching) {
  testing::Gen g(11);
  for (int round = 0; round < 3000; ++round) {
    DebugRegs<C> r = ZeroRegs<C>();
    for (std::size_t n = 0; n < kBankSize; ++n) {
      const bool noise = g.Below(8) == 0;
      r.bcr[n] = noise ? g.Below(1u << 24) : g.Bcr();
      r.bvr[n] = g.Addr() + (g.Below(8) == 0 ? 2 : 0);
      r.wcr[n] = noise ? g.Below(1u << 30) : g.Wcr();
      r.wvr[n] = g.Data(8) + (g.Below(8) == 0 ? 4 : 0);
    }
    const DebugRegs<G> generic = As<DebugRegs<G>>(r);
    const uint64_t dfr0 = (g.Below(16) << 12) | (g.Below(16) << 20);
    const uint64_t pc = g.Addr();
    EXPECT_EQ(AnyBreakpointMatches<C>(dfr0, r, pc),
              AnyBreakpointMatches<G>(dfr0, generic, pc));
    const uint64_t size = g.Below(4) == 0 ? g.Below(10) : 1u << g.Below(4);
    const uint64_t addr = g.Data(8) + g.Below(8);
    const bool store = g.Coin();
    EXPECT_EQ(AnyWatchpointMatches<C>(dfr0, r, addr, size, store),
              AnyWatchpointMatches<G>(dfr0, generic, addr, size, store));
  }
}

TEST(ConcreteFastPaths, ZeroRecordsAndSelect) {
  EXPECT_EQ(StateDiff(ResetState<C>(), ResetState<G>()), "");
  const Obs<C> zc = ZeroObs<C>(DBGREF_STEP_EXIT, DBGREF_OP_RUN);
  const Obs<G> zg = ZeroObs<G>(DBGREF_STEP_EXIT, DBGREF_OP_RUN);
  EXPECT_EQ(ObsDiffs(zc, zg), "");
  EXPECT_EQ(CpuDiff(ZeroCpu<C>(), ZeroCpu<G>()), "");
  // Two different states, selected either way.
  testing::Gen g(3);
  dbgref_host h{};
  h.id_aa64dfr0_el1 = 0x305006;
  const dbgref_program p = g.Program();
  ConcreteVcpu a = Reset(h);
  ConcreteVcpu b = Reset(h);
  Obs<C> oa = zc;
  Obs<C> ob = zc;
  for (int k = 0; k < 30; ++k) {
    ForEachTransition(FromRecord(h), FromRecord(p), a, g.Op(),
                      [&](const ConcreteTransition& t) { oa = t.obs; });
    ForEachTransition(FromRecord(h), FromRecord(p), b, g.Op(),
                      [&](const ConcreteTransition& t) { ob = t.obs; });
    for (bool c : {false, true}) {
      EXPECT_EQ(StateDiff(Select<C>(c, a, b),
                          Select<G>(c, As<VcpuState<G>>(a),
                                    As<VcpuState<G>>(b))),
                "");
      EXPECT_EQ(
          ObsDiffs(Select<C>(c, oa, ob),
                   Select<G>(c, As<Obs<G>>(oa), As<Obs<G>>(ob))),
          "");
    }
  }
}

// Every transition of random traces, and a GUEST step at the bound from
// every state in the guest, on both domains.
TEST(ConcreteFastPaths, EveryTransitionOfRandomTraces) {
  int compared = 0;
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    testing::Gen g(seed);
    dbgref_host h{};
    h.id_aa64dfr0_el1 = (g.Below(16) << 12) | (g.Below(16) << 20);
    h.host_regs.dbg_bcr[0] = 0x1e7;
    h.host_regs.dbg_bvr[0] = g.Addr();
    const dbgref_program p = g.Program();
    const ConcreteHost host = FromRecord(h);
    const ConcreteProgram program = FromRecord(p);
    const Host<G> host_g = As<Host<G>>(host);
    const Program<G, DBGREF_MAX_PROGRAM_LINES> program_g =
        As<Program<G, DBGREF_MAX_PROGRAM_LINES>>(program);
    ConcreteVcpu s = Reset(h);
    for (int k = 0; k < 20; ++k) {
      ForEachTransition(host, program, s, g.Op(), [&](const ConcreteTransition& t) {
        const auto generic = TransitionOfKind<G, DBGREF_MAX_PROGRAM_LINES>(
            t.op.kind, host_g, program_g, As<VcpuState<G>>(t.pre),
            As<Op<G>>(t.op));
        EXPECT_EQ(StateDiff(t.post, generic.post), "")
            << "seed " << seed << " op " << k << " kind " << t.op.kind;
        EXPECT_EQ(ObsDiffs(t.obs, generic.obs), "")
            << "seed " << seed << " op " << k << " kind " << t.op.kind;
        ++compared;
        if (t.pre.phase != kPhaseGuest) return;
        ConcreteVcpu bound = t.pre;
        bound.steps = kMaxGuestSteps;
        const ConcreteOp guest = OpOfKind<C>(kGuest);
        const auto c = TransitionOfKind<C, DBGREF_MAX_PROGRAM_LINES>(
            kGuest, host, program, bound, guest);
        const auto gb = TransitionOfKind<G, DBGREF_MAX_PROGRAM_LINES>(
            kGuest, host_g, program_g, As<VcpuState<G>>(bound),
            As<Op<G>>(guest));
        EXPECT_EQ(StateDiff(c.post, gb.post), "") << "seed " << seed;
        EXPECT_EQ(ObsDiffs(c.obs, gb.obs), "") << "seed " << seed;
      });
    }
  }
  EXPECT_GT(compared, 10000);
}

}  // namespace
}  // namespace dbgref::model
