// The domain contract: the rules instantiate with a strict domain whose
// values, like z3 expressions, have no default constructor, no operators
// and no conversion to bool, and compute what the concrete domain computes.
// Also the generic ite-based bank access against direct indexing.
#include <gtest/gtest.h>

#include <cstdint>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/requirements.h"
#include "model/step.h"
#include "tests/model/model_test_util.h"

namespace dbgref::model::testing {
namespace {

struct StrictWord {
  explicit StrictWord(uint64_t x) : v(x) {}
  uint64_t v;
};
struct StrictBool {
  explicit StrictBool(bool x) : v(x) {}
  bool v;
};

// A domain that only the domain interface can operate on. Bool and Word
// are distinct types here; ite is overloaded.
struct StrictDomain {
  using Bool = StrictBool;
  using Word = StrictWord;
  static Word lit(uint64_t v) { return Word(v); }
  static Bool lit_bool(bool b) { return Bool(b); }
  static Word ite(const Bool& c, const Word& a, const Word& b) {
    return c.v ? a : b;
  }
  static Bool ite(const Bool& c, const Bool& a, const Bool& b) {
    return c.v ? a : b;
  }
  static Bool and_(const Bool& a, const Bool& b) { return Bool(a.v && b.v); }
  static Bool or_(const Bool& a, const Bool& b) { return Bool(a.v || b.v); }
  static Bool not_(const Bool& a) { return Bool(!a.v); }
  static Word band(const Word& a, const Word& b) { return Word(a.v & b.v); }
  static Word bor(const Word& a, const Word& b) { return Word(a.v | b.v); }
  static Word bxor(const Word& a, const Word& b) { return Word(a.v ^ b.v); }
  static Word bnot(const Word& a) { return Word(~a.v); }
  static Word add(const Word& a, const Word& b) { return Word(a.v + b.v); }
  static Word shl(const Word& a, unsigned n) { return Word(a.v << n); }
  static Word lshr(const Word& a, unsigned n) { return Word(a.v >> n); }
  static Bool eq(const Word& a, const Word& b) { return Bool(a.v == b.v); }
  static Bool ult(const Word& a, const Word& b) { return Bool(a.v < b.v); }
  static Bool ule(const Word& a, const Word& b) { return Bool(a.v <= b.v); }
  static Word load(const std::array<Word, kBankSize>& bank, const Word& i) {
    return IteLoad<StrictDomain>(bank, i);
  }
  static void store(std::array<Word, kBankSize>& bank, const Word& i,
                    const Word& v) {
    IteStore<StrictDomain>(bank, i, v);
  }
};
using S = StrictDomain;

StrictWord W(uint64_t v) { return StrictWord(v); }
StrictBool B(bool b) { return StrictBool(b); }

Bank<S> Lift(const Bank<C>& b) {
  Bank<S> out = FillBank<S>(W(0));
  for (std::size_t n = 0; n < kBankSize; ++n) out[n] = W(b[n]);
  return out;
}
DebugRegs<S> Lift(const DebugRegs<C>& r) {
  return {Lift(r.bcr), Lift(r.bvr), Lift(r.wcr), Lift(r.wvr)};
}
DebugContext<S> Lift(const DebugContext<C>& c) {
  return {Lift(c.regs), W(c.mdscr_el1), W(c.mdccint_el1), B(c.pstate_ss)};
}
VcpuState<S> Lift(const ConcreteVcpu& s) {
  return {W(s.control),
          Lift(s.external),
          Lift(s.ctx),
          Preserved<S>{W(s.preserved.mdscr_el1), B(s.preserved.pstate_ss)},
          W(s.mdcr_el2),
          B(s.dirty),
          Lift(s.ghost)};
}
Host<S> Lift(const ConcreteHost& h) {
  return {W(h.id_aa64dfr0_el1), Lift(h.host_regs)};
}
Op<S> Lift(const ConcreteOp& o) {
  const Action<C>& a = o.action;
  return {W(o.kind), W(o.cap), W(o.control), Lift(o.arch),
          Action<S>{W(a.kind), W(a.reg_kind), W(a.index), B(a.is_write),
                    W(a.value), W(a.esr), W(a.pc), W(a.far)}};
}

template <class D>
WordOf<D> Sample(const Bank<D>& b) {
  return b[3];
}

TEST(Domain, RulesRunOnAStrictDomainAndAgreeWithConcrete) {
  const dbgref_host host = MakeHost(3, 12);
  const dbgref_op ops[] = {
      WriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_KDE),
      SetGuestDebugOp(KVM_GUESTDBG_VALID_MASK),
      WriteOp(DBGREF_REG_BCR, 3, 0x33),
      ReadOp(DBGREF_REG_BCR, 3),
      ExceptionOp(DBGREF_EC_WATCHPT_LOW),
      CheckExtensionOp(DBGREF_CAP_HW_WPS),
      SetGuestDebugOp(KVM_GUESTDBG_ENABLE | 0x100),
      SetGuestDebugOp(0),
      ReadOp(DBGREF_REG_MDSCR),
  };
  ConcreteVcpu s = Reset(host);
  for (const dbgref_op& op : ops) {
    const ConcreteTransition c =
        model::Step<C>(FromRecord(host), s, FromRecord(op));
    const Transition<S> t =
        model::Step<S>(Lift(FromRecord(host)), Lift(s), Lift(FromRecord(op)));
    EXPECT_TRUE(StateEq<S>(t.post, Lift(c.post)).v);
    EXPECT_EQ(t.obs.read_value.v, c.obs.read_value);
    EXPECT_EQ(t.obs.exit_reason.v, c.obs.exit_reason);
    EXPECT_EQ(t.obs.ret.v, c.obs.ret);
    EXPECT_EQ(Sample<S>(t.obs.entry_hw.bcr).v, Sample<C>(c.obs.entry_hw.bcr));
    EXPECT_TRUE(AllRequirements<S>(t).v);
    EXPECT_TRUE(Invariant<S>(t.post).v);
    s = c.post;
  }
}

TEST(Domain, IteLoadAndStoreMatchDirectIndexing) {
  Bank<C> bank = FillBank<C>(0);
  for (std::size_t n = 0; n < kBankSize; ++n) bank[n] = 100 + n;
  for (uint64_t i = 0; i < 40; ++i) {
    EXPECT_EQ(IteLoad<C>(bank, i), C::load(bank, i)) << i;
    Bank<C> by_ite = bank;
    Bank<C> direct = bank;
    IteStore<C>(by_ite, i, 7);
    C::store(direct, i, 7);
    EXPECT_EQ(by_ite, direct) << i;
  }
}

TEST(Domain, HelpersOnConcreteValues) {
  EXPECT_TRUE(AnyBits<C>(0x10, 0x30));
  EXPECT_FALSE(AnyBits<C>(0x10, 0x20));
  EXPECT_EQ(SetBits<C>(0xf0, 0x1, true), 0xf1u);
  EXPECT_EQ(SetBits<C>(0xf1, 0x10, false), 0xe1u);
  EXPECT_EQ(Field<C>(0xabcd, 4, 0xf), 0xcu);
  EXPECT_TRUE(Implies<C>(false, false));
  EXPECT_FALSE(Implies<C>(true, false));
  EXPECT_TRUE(BoolEq<C>(false, false));
  EXPECT_FALSE(BoolEq<C>(true, false));
}

}  // namespace
}  // namespace dbgref::model::testing
