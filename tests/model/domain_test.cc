// The domain contract (model/domain.h): the rules instantiate with a strict
// domain whose values, like z3 expressions, have no default constructor, no
// operators and no conversion to bool (and whose truth values and words are
// distinct types), so that a rule that applies a C++ operator to a domain
// value, branches on one or default-constructs one does not compile; and on
// the transitions of generated traces, and on states no trace reaches, the
// strict domain computes field by field what the concrete domain computes:
// the post-state, the observation, every requirement's verdict and the
// invariant's. Also the generic ite-based bank access against direct
// indexing.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <new>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "model/concrete.h"
#include "model/field_name.h"
#include "model/invariant.h"
#include "model/requirements.h"
#include "model/step.h"
#include "props/generators.h"
#include "tests/util/vcpu.h"
#include "trace/trace.h"

namespace dbgref::tests {
namespace {

class StrictWord {
 public:
  explicit StrictWord(uint64_t x) : v_(x) {}
  uint64_t v() const { return v_; }

 private:
  uint64_t v_;
};

class StrictBool {
 public:
  explicit StrictBool(bool x) : v_(x) {}
  bool v() const { return v_; }

 private:
  bool v_;
};

// Only the domain's functions operate on its values.
struct StrictDomain {
  using Bool = StrictBool;
  using Word = StrictWord;
  static Word lit(uint64_t v) { return Word(v); }
  static Bool lit_bool(bool b) { return Bool(b); }
  static Word ite(const Bool& c, const Word& a, const Word& b) {
    return c.v() ? a : b;
  }
  static Bool ite(const Bool& c, const Bool& a, const Bool& b) {
    return c.v() ? a : b;
  }
  static Bool and_(const Bool& a, const Bool& b) {
    return Bool(a.v() && b.v());
  }
  static Bool or_(const Bool& a, const Bool& b) { return Bool(a.v() || b.v()); }
  static Bool not_(const Bool& a) { return Bool(!a.v()); }
  static Word band(const Word& a, const Word& b) { return Word(a.v() & b.v()); }
  static Word bor(const Word& a, const Word& b) { return Word(a.v() | b.v()); }
  static Word bxor(const Word& a, const Word& b) { return Word(a.v() ^ b.v()); }
  static Word bnot(const Word& a) { return Word(~a.v()); }
  static Word add(const Word& a, const Word& b) { return Word(a.v() + b.v()); }
  static Word shl(const Word& a, unsigned n) { return Word(a.v() << n); }
  static Word lshr(const Word& a, unsigned n) { return Word(a.v() >> n); }
  static Bool eq(const Word& a, const Word& b) { return Bool(a.v() == b.v()); }
  static Bool ult(const Word& a, const Word& b) { return Bool(a.v() < b.v()); }
  static Bool ule(const Word& a, const Word& b) { return Bool(a.v() <= b.v()); }
  static Word load(const std::array<Word, model::kBankSize>& bank,
                   const Word& index) {
    return model::IteLoad<StrictDomain>(bank, index);
  }
  static void store(std::array<Word, model::kBankSize>& bank, const Word& index,
                    const Word& value) {
    model::IteStore<StrictDomain>(bank, index, value);
  }
};
using S = StrictDomain;
constexpr std::size_t N = DBGREF_MAX_PROGRAM_LINES;

// Copies concrete records into strict ones, field by field.
struct Lift {
  void Word(const model::FieldName&, const uint64_t& from, StrictWord& to) {
    to = StrictWord(from);
  }
  void Bool(const model::FieldName&, const bool& from, StrictBool& to) {
    to = StrictBool(from);
  }
  void Regs(const model::FieldName& name, const model::DebugRegs<C>& from,
            model::DebugRegs<S>& to) {
    model::WalkRegs(*this, name, from, to);
  }
};

// The names of the fields where a strict record differs from a concrete
// one.
struct Differ {
  std::string out;
  void Word(const model::FieldName& name, const StrictWord& s,
            const uint64_t& c) {
    if (s.v() != c) out += name.str() + "\n";
  }
  void Bool(const model::FieldName& name, const StrictBool& s, const bool& c) {
    if (s.v() != c) out += name.str() + "\n";
  }
  void Regs(const model::FieldName& name, const model::DebugRegs<S>& s,
            const model::DebugRegs<C>& c) {
    model::WalkRegs(*this, model::FieldName(name, "."), s, c);
  }
};

model::VcpuState<S> LiftState(const model::ConcreteVcpu& c) {
  model::VcpuState<S> s = model::ResetState<S>();
  Lift lift;
  model::WalkState(lift, model::FieldName(""), c, s);
  return s;
}

model::Host<S> LiftHost(const model::ConcreteHost& c) {
  model::Host<S> s = model::ZeroHost<S>();
  Lift lift;
  model::WalkHost(lift, model::FieldName(""), c, s);
  return s;
}

template <std::size_t... I>
model::Program<S, N> EmptyProgram(std::index_sequence<I...>) {
  const model::Line<S> empty{S::lit(0), model::InsnOfKind<S>(0)};
  return model::Program<S, N>{{{((void)I, empty)...}}};
}

model::Program<S, N> LiftProgram(const model::ConcreteProgram& c) {
  model::Program<S, N> s = EmptyProgram(std::make_index_sequence<N>());
  Lift lift;
  model::WalkProgram<N>(lift, model::FieldName(""), c, s);
  return s;
}

model::Op<S> LiftOp(const model::ConcreteOp& c) {
  model::Op<S> s = model::OpOfKind<S>(0);
  Lift lift;
  model::WalkOp(lift, model::FieldName(""), c, s);
  return s;
}

// What differs between the strict and the concrete transition: fields of
// the post-state and the observation, requirement verdicts, the
// invariant's verdict.
std::string Compare(const model::Transition<S, N>& s,
                    const model::ConcreteTransition& c) {
  Differ d;
  model::WalkState(d, model::FieldName("post."), s.post, c.post);
  model::WalkObs(d, model::FieldName("obs."), s.obs, c.obs);
  for (int r = 0; r < kRequirementCount; ++r) {
    const Requirement req = static_cast<Requirement>(r);
    if (model::RequirementHolds<S, N>(req, s).v() !=
        model::RequirementHolds<C, N>(req, c)) {
      d.out += std::string(model::kRequirements[r].id) + "\n";
    }
  }
  if (model::Invariant<S>(s.post).v() != model::Invariant<C>(c.post)) {
    d.out += "invariant\n";
  }
  return d.out;
}

// The strict transition of the same kind and inputs as c.
model::Transition<S, N> StrictOf(const model::ConcreteTransition& c,
                                 bool generic) {
  const model::Host<S> h = LiftHost(c.host);
  const model::Program<S, N> p = LiftProgram(c.program);
  const model::VcpuState<S> pre = LiftState(c.pre);
  const model::Op<S> op = LiftOp(c.op);
  return generic ? model::Step<S, N>(h, p, pre, op)
                 : model::TransitionOfKind<S, N>(c.op.kind, h, p, pre, op);
}

// Scrambles a state: every field from a small pool of values (so that
// conditions on them go both ways), most of them kept.
struct Scramble {
  std::mt19937_64& rng;
  uint64_t Pick() {
    const uint64_t pool[] = {0,
                             1,
                             2,
                             3,
                             facts::kMdscrSs | facts::kMdscrKde,
                             facts::kMdscrMde,
                             facts::kPstateSs | facts::kStartPstate,
                             facts::Line(0),
                             facts::Line(1),
                             facts::kBcrOn,
                             facts::kWcrAll,
                             facts::kDataBase,
                             facts::kEnable | facts::kUseHw,
                             facts::kEnable | facts::kSingleStep,
                             ~uint64_t{0}};
    return pool[rng() % (sizeof(pool) / sizeof(pool[0]))];
  }
  void Word(const model::FieldName&, const uint64_t&, uint64_t& v) {
    if (rng() % 4 == 0) v = Pick();
  }
  void Bool(const model::FieldName&, const bool&, bool& v) {
    if (rng() % 4 == 0) v = rng() % 2 == 0;
  }
};

TEST(Domain, RulesRunOnAStrictDomainAndAgreeWithConcreteOnGeneratedTraces) {
  int transitions = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    trace::Trace t;
    props::GenerateSequence(seed, 12, t);
    model::ConcreteVcpu state = model::Reset(t.host);
    const model::ConcreteHost host = model::FromRecord(t.host);
    const model::ConcreteProgram program = model::FromRecord(t.program);
    for (const dbgref_op& op : t.ops) {
      model::ForEachTransition(
          host, program, state, op, [&](const model::ConcreteTransition& c) {
            ++transitions;
            EXPECT_EQ(Compare(StrictOf(c, false), c), "")
                << "seed " << seed << " kind " << c.op.kind;
            if (transitions % 7 == 0) {
              EXPECT_EQ(Compare(StrictOf(c, true), c), "")
                  << "generic step, seed " << seed << " kind " << c.op.kind;
            }
          });
    }
  }
  EXPECT_GT(transitions, 1000);
}

TEST(Domain, RulesAgreeOnStatesNoTraceReaches) {
  std::mt19937_64 rng(20150331);
  const model::ConcreteProgram program = model::FromRecord(
      Program({Mrs(DBGREF_REG_BVR, 1), Store(8, facts::kDataBase), Brk(3),
               Msr(DBGREF_REG_OSLAR, 0, 1), Load(1, facts::kDataBase + 1)}));
  for (int n = 0; n < 400; ++n) {
    model::ConcreteVcpu pre = model::ResetState<C>();
    Scramble scramble{rng};
    const model::ConcreteVcpu reset = pre;
    model::WalkState(scramble, model::FieldName(""), reset, pre);
    pre.phase = rng() % 4;
    pre.cpu.pc = facts::Line(static_cast<int>(rng() % 6));
    model::ConcreteHost host =
        model::FromRecord(Host(1 + rng() % 16, 1 + rng() % 16));
    for (const uint64_t kind : model::kTransitionKinds) {
      model::ConcreteOp op = model::OpOfKind<C>(kind);
      op.control = scramble.Pick();
      op.reg = rng() % 8;
      op.reg_index = rng() % 18;
      op.value = scramble.Pick();
      op.cap = rng() % 3;
      op.arch.bcr[0] = facts::kBcrOn;
      op.arch.bvr[0] = pre.cpu.pc;
      const model::ConcreteTransition c =
          model::TransitionOfKind<C, N>(kind, host, program, pre, op);
      EXPECT_EQ(Compare(StrictOf(c, false), c), "") << n << " kind " << kind;
    }
  }
}

// The rules that take a shorter way where the domain's Bool is a C++ bool
// (a search instead of a fold of if-then-elses) choose what the fold
// chooses: on programs whose lines share a pc (the last such line wins)
// and on unused lines (pc model::kNoLinePc), and for every register kind
// and index, implemented or not.
TEST(Domain, ConcreteSearchesChooseWhatTheFoldChooses) {
  std::mt19937_64 rng(20151201);
  const uint64_t pcs[] = {facts::Line(0),      facts::Line(1),
                          facts::Line(2),      model::kNoLinePc,
                          DBGREF_HANDLER_ADDR, DBGREF_HANDLER_ADDR + 4};
  for (int n = 0; n < 300; ++n) {
    dbgref_program record{};
    record.count = rng() % (DBGREF_MAX_PROGRAM_LINES + 1);
    for (uint32_t l = 0; l < record.count; ++l) {
      record.line[l].pc = pcs[rng() % 6];
      record.line[l].insn.kind = rng() % DBGREF_INSN_KIND_COUNT;
      record.line[l].insn.size = rng();
      record.line[l].insn.addr = rng();
      record.line[l].insn.reg = rng() % 10;
      record.line[l].insn.reg_index = rng() % 18;
      record.line[l].insn.value = rng();
      record.line[l].insn.imm = rng();
    }
    const model::ConcreteProgram c = model::FromRecord(record);
    const model::Program<S, N> s = LiftProgram(c);
    for (const uint64_t pc : pcs) {
      const model::Insn<C> ci = model::Fetch<C, N>(c, pc);
      const model::Insn<S> si = model::Fetch<S, N>(s, S::lit(pc));
      Differ d;
      model::WalkInsn(d, model::FieldName(""), si, ci);
      EXPECT_EQ(d.out, "") << "program " << n << " pc " << pc;
    }
  }
  for (uint64_t reg = 0; reg < DBGREF_REG_KIND_COUNT + 2; ++reg) {
    for (uint64_t index = 0; index < 20; ++index) {
      for (const bool write : {false, true}) {
        EXPECT_EQ(
            model::Sys64IssOf<S>(S::lit(reg), S::lit(index), S::lit_bool(write))
                .v(),
            model::Sys64IssOf<C>(reg, index, write))
            << "reg " << reg << " index " << index << " write " << write;
      }
    }
  }
}

TEST(Domain, IteLoadAndStoreAgreeWithIndexingModulo16) {
  model::Bank<C> c{};
  for (std::size_t n = 0; n < 16; ++n) c[n] = 100 + n;
  model::Bank<S> s = model::FillBank<S>(S::lit(0));
  for (std::size_t n = 0; n < 16; ++n) s[n] = S::lit(100 + n);
  for (uint64_t i = 0; i < 40; ++i) {
    EXPECT_EQ(model::IteLoad<S>(s, S::lit(i)).v(), c[i % 16]) << i;
    EXPECT_EQ(C::load(c, i), c[i % 16]) << i;
  }
  model::IteStore<S>(s, S::lit(17), S::lit(7));
  C::store(c, 17, 7);
  for (std::size_t n = 0; n < 16; ++n) EXPECT_EQ(s[n].v(), c[n]) << n;
  EXPECT_EQ(c[1], 7u);
}

// Walkers over one concrete state: set every field from a generator, copy
// the fields (and nothing else) of one state into another, change the k-th
// field.
struct SetFields {
  std::mt19937_64* rng;
  void Word(const model::FieldName&, uint64_t& w) { w = (*rng)(); }
  void Bool(const model::FieldName&, bool& b) { b = ((*rng)() & 1) != 0; }
};

struct CopyFields {
  void Word(const model::FieldName&, uint64_t& to, const uint64_t& from) {
    to = from;
  }
  void Bool(const model::FieldName&, bool& to, const bool& from) { to = from; }
};

struct ChangeField {
  std::size_t k;
  std::size_t at = 0;
  void Word(const model::FieldName&, uint64_t& w) {
    if (at++ == k) w ^= uint64_t{1} << (k % 64);
  }
  void Bool(const model::FieldName&, bool& b) {
    if (at++ == k) b = !b;
  }
};

// The concrete record equality that compares bytes (model/record_ops.h,
// RecordsEqual) says what a comparison of every field says: states equal
// in every field are equal whatever their padding holds, and states that
// differ in any one field are not.
TEST(Domain, ConcreteStateEqualityIsEveryFieldAndNoPadding) {
  using State = model::ConcreteVcpu;
  std::mt19937_64 rng(20261202);
  for (int n = 0; n < 20; ++n) {
    State fields = model::ResetState<C>();
    SetFields set{&rng};
    model::WalkState(set, model::FieldName(""), fields);
    alignas(State) unsigned char x[sizeof(State)];
    alignas(State) unsigned char y[sizeof(State)];
    std::memset(x, 0xa5, sizeof(x));
    std::memset(y, 0x5a, sizeof(y));
    State& a = *new (x) State;
    State& b = *new (y) State;
    CopyFields copy;
    model::WalkState(copy, model::FieldName(""), a, fields);
    model::WalkState(copy, model::FieldName(""), b, fields);
    EXPECT_TRUE(model::StateEq<C>(a, b)) << n;
    std::size_t count = 0;
    for (std::size_t k = 0;; ++k) {
      ChangeField change{k};
      model::WalkState(change, model::FieldName(""), b);
      if (change.at <= k) break;
      EXPECT_FALSE(model::StateEq<C>(a, b)) << n << " field " << k;
      ChangeField back{k};
      model::WalkState(back, model::FieldName(""), b);
      EXPECT_TRUE(model::StateEq<C>(a, b)) << n << " field " << k;
      count = k + 1;
    }
    EXPECT_GT(count, 100u);
  }
}

}  // namespace
}  // namespace dbgref::tests
