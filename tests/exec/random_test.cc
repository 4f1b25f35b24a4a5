// The model alone on random programs and operations: the invariant and
// every requirement hold on every transition.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record_compare.h"
#include "model/requirements.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}
  uint64_t Below(uint64_t n) { return rng_() % n; }
  bool Coin() { return Below(2) == 0; }
  uint64_t Addr() { return DBGREF_CODE_BASE + 4 * Below(8); }
  uint64_t Data(uint64_t size) {
    return DBGREF_DATA_BASE + size * Below(32 / size);
  }
  uint64_t Bcr() {
    const uint64_t choices[] = {0x1e7, 0x1e3, 0x1e5, 0x0, 0x1e6, 0x1e7 | (1 << 20)};
    return choices[Below(6)];
  }
  uint64_t Wcr() {
    const uint64_t bas[] = {0xff, 0x0f, 0xf0, 0x01, 0x80};
    return 1 | (3 << 1) | ((1 + Below(3)) << 3) | (bas[Below(5)] << 5);
  }
  // A host of any shape whose breakpoint 0 userspace sets at one of the
  // program's addresses.
  dbgref_host Host() {
    dbgref_host h;
    std::memset(&h, 0, sizeof(h));
    h.id_aa64dfr0_el1 = (Below(16) << 12) | (Below(16) << 20);
    h.host_regs.dbg_bcr[0] = 0x1e7;
    h.host_regs.dbg_bvr[0] = Addr();
    return h;
  }
  dbgref_insn Insn() {
    dbgref_insn i;
    std::memset(&i, 0, sizeof(i));
    switch (Below(8)) {
      case 0:
        i.kind = DBGREF_INSN_NOP;
        break;
      case 1:
      case 2: {
        i.kind = Coin() ? DBGREF_INSN_LOAD : DBGREF_INSN_STORE;
        i.size = 1u << Below(4);
        i.addr = Data(i.size);
        break;
      }
      case 3:
        i.kind = DBGREF_INSN_BRK;
        i.imm = Below(0x10000);
        break;
      case 4:
      case 5:
      case 6: {
        i.kind = Coin() ? DBGREF_INSN_MRS : DBGREF_INSN_MSR;
        i.reg = Below(DBGREF_REG_KIND_COUNT);
        if (i.reg == DBGREF_REG_OSLAR) i.kind = DBGREF_INSN_MSR;
        if (i.reg == DBGREF_REG_OSLSR) i.kind = DBGREF_INSN_MRS;
        i.reg_index = i.reg <= DBGREF_REG_WVR ? Below(8) : 0;
        const uint64_t mdscr[] = {0, DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE,
                                  DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE,
                                  DBGREF_MDSCR_MDE};
        i.value = i.reg == DBGREF_REG_BCR   ? Bcr()
                  : i.reg == DBGREF_REG_WCR ? Wcr()
                  : i.reg == DBGREF_REG_BVR ? Addr()
                  : i.reg == DBGREF_REG_WVR ? Data(8)
                  : i.reg == DBGREF_REG_MDSCR ? mdscr[Below(4)]
                  : i.reg == DBGREF_REG_OSLAR ? Below(2)
                                              : Below(4);
        break;
      }
      default:
        i.kind = DBGREF_INSN_REPORT;
        break;
    }
    return i;
  }
  dbgref_program Program() {
    dbgref_program p;
    std::memset(&p, 0, sizeof(p));
    p.count = 1 + Below(8);
    for (uint32_t n = 0; n < p.count; ++n) {
      p.line[n].pc = DBGREF_CODE_BASE + 4 * n;
      p.line[n].insn = Insn();
    }
    return p;
  }
  dbgref_op Op() {
    dbgref_op op;
    std::memset(&op, 0, sizeof(op));
    switch (Below(10)) {
      case 0:
      case 1: {
        op.kind = DBGREF_OP_SET_GUEST_DEBUG;
        const uint32_t controls[] = {
            0, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW | KVM_GUESTDBG_SINGLESTEP,
            KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP, 4,
            KVM_GUESTDBG_ENABLE | 8};
        op.dbg.control = controls[Below(8)];
        for (int n = 0; n < 2; ++n) {
          op.dbg.arch.dbg_bcr[n] = Bcr();
          op.dbg.arch.dbg_bvr[n] = Addr();
          op.dbg.arch.dbg_wcr[n] = Wcr();
          op.dbg.arch.dbg_wvr[n] = Data(8);
        }
        break;
      }
      case 2:
        op.kind = DBGREF_OP_CHECK_EXTENSION;
        op.cap = Below(3);
        break;
      case 3:
        op.kind = Coin() ? DBGREF_OP_GET_ONE_REG : DBGREF_OP_SET_ONE_REG;
        op.reg = Below(DBGREF_ONE_REG_COUNT + 1);
        op.reg_index = Below(4);
        op.value = op.reg == DBGREF_ONE_REG_PC ? Addr()
                   : op.reg == DBGREF_ONE_REG_PSTATE
                       ? (DBGREF_START_PSTATE | (Coin() ? DBGREF_SPSR_SS : 0))
                   : op.reg == DBGREF_ONE_REG_BCR ? Bcr()
                                                   : Addr();
        break;
      case 4:
        op.kind = DBGREF_OP_VCPU_INIT;
        break;
      default:
        op.kind = DBGREF_OP_RUN;
        break;
    }
    return op;
  }

 private:
  std::mt19937_64 rng_;
};

TEST(RandomExecution, InvariantAndRequirementsHoldOnEveryTransition) {
  int failures = 0;
  for (uint64_t seed = 1; seed <= 3000 && failures < 5; ++seed) {
    Gen g(seed);
    const dbgref_host h = g.Host();
    const dbgref_program p = g.Program();
    ConcreteVcpu s = Reset(h);
    EXPECT_TRUE(Invariant<C>(s));
    for (int k = 0; k < 20 && failures < 5; ++k) {
      const dbgref_op op = g.Op();
      ForEachTransition(FromRecord(h), FromRecord(p), s, op,
                        [&](const ConcreteTransition& t) {
                          for (int r = 0; r < kRequirementCount; ++r) {
                            if (!RequirementHolds<C>(static_cast<Requirement>(r), t)) {
                              ++failures;
                              ADD_FAILURE() << "seed " << seed << " op " << k
                                            << " kind " << t.op.kind << ": "
                                            << kRequirements[r].id << "\n"
                                            << ObsToString(ToRecord(t.obs));
                            }
                          }
                          const InvariantClauses<C> c = InvariantOf<C>(t.post);
                          const bool* clause = &c.control_well_formed;
                          for (std::size_t i = 0;
                               i < sizeof(c) / sizeof(bool); ++i) {
                            if (clause[i]) continue;
                            ++failures;
                            ADD_FAILURE() << "seed " << seed << " op " << k
                                          << " kind " << t.op.kind
                                          << ": invariant "
                                          << kInvariantClauseNames[i];
                          }
                        });
    }
  }
}

// StepInPlace into records kept from one operation to the next (as the
// lockstep loop keeps them) observes what the transition records do, and
// leaves the same state.
TEST(RandomExecution, StepInPlaceIntoKeptRecordsMatchesTheTransitions) {
  std::vector<dbgref_obs> out(kMaxObsPerOp);
  std::array<bool, kMaxObsPerOp> hw_set;
  hw_set.fill(true);
  int failures = 0;
  for (uint64_t seed = 1; seed <= 1000 && failures < 5; ++seed) {
    Gen g(seed);
    const dbgref_host h = g.Host();
    const dbgref_program p = g.Program();
    const ConcreteHost host = FromRecord(h);
    const ConcreteProgram program = FromRecord(p);
    ConcreteVcpu in_place = Reset(h);
    ConcreteVcpu by_transition = in_place;
    for (int k = 0; k < 20 && failures < 5; ++k) {
      dbgref_op op = g.Op();
      // Now and then an operation of no kind the model knows.
      if (g.Below(20) == 0) op.kind = 9 + g.Below(40);
      const std::size_t n =
          StepInPlace(host, program, in_place, op, out.data(), hw_set.data());
      std::vector<dbgref_obs> want;
      ForEachTransition(host, program, by_transition, op,
                        [&](const ConcreteTransition& t) {
                          want.push_back(ToRecord(t.obs));
                        });
      bool same = n == want.size() && StateEq<C>(in_place, by_transition);
      for (std::size_t i = 0; same && i < n; ++i) {
        same = std::memcmp(&out[i], &want[i], sizeof(dbgref_obs)) == 0;
        if (!same) {
          ADD_FAILURE() << "step " << i << ":\n" << ObsDiff(out[i], want[i]);
        }
      }
      if (!same) {
        ++failures;
        ADD_FAILURE() << "seed " << seed << " op " << k << " kind " << op.kind;
      }
    }
  }
}

}  // namespace
}  // namespace dbgref::model
