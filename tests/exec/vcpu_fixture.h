// A vCPU of the concrete model for the scenarios of tests/exec: a host
// with 6 breakpoints and 4 watchpoints, a program builder, the operations,
// and a vCPU that checks every requirement on every transition it takes.
#ifndef DBGREF_TESTS_EXEC_VCPU_FIXTURE_H_
#define DBGREF_TESTS_EXEC_VCPU_FIXTURE_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "model/concrete.h"
#include "model/record_compare.h"
#include "model/requirements.h"

namespace dbgref::model {

using C = ConcreteDomain;

inline dbgref_host TestHost() {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 = (5ull << 12) | (3ull << 20);  // 6 bps, 4 wps
  h.host_regs.dbg_bcr[0] = 0xdead;
  return h;
}

struct Prog {
  dbgref_program p{};
  Prog& Add(uint32_t kind, uint64_t addr = 0, uint32_t size = 0,
            uint32_t reg = 0, uint32_t index = 0, uint64_t value = 0,
            uint32_t imm = 0) {
    dbgref_line& l = p.line[p.count];
    l.pc = DBGREF_CODE_BASE + 4 * p.count;
    l.insn = dbgref_insn{kind, size, addr, reg, index, value, imm};
    ++p.count;
    return *this;
  }
};

inline dbgref_op MakeOp(uint32_t kind) {
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  op.kind = kind;
  return op;
}

inline dbgref_op Debug(uint32_t control) {
  dbgref_op op = MakeOp(DBGREF_OP_SET_GUEST_DEBUG);
  op.dbg.control = control;
  return op;
}

class Vcpu {
 public:
  explicit Vcpu(const dbgref_program& p)
      : host_(TestHost()), program_(p), state_(Reset(host_)) {}
  // Runs op; checks every requirement on every transition; returns the last
  // observation.
  dbgref_obs Do(const dbgref_op& op) {
    std::vector<dbgref_obs> obs;
    ForEachTransition(FromRecord(host_), FromRecord(program_), state_, op,
                      [&](const ConcreteTransition& t) {
                        for (int r = 0; r < kRequirementCount; ++r) {
                          EXPECT_TRUE(RequirementHolds<C>(
                              static_cast<Requirement>(r), t))
                              << kRequirements[r].id << " at step "
                              << obs.size() << "\n"
                              << ObsToString(ToRecord(t.obs));
                        }
                        obs.push_back(ToRecord(t.obs));
                      });
    last_ = obs;
    return obs.back();
  }
  const std::vector<dbgref_obs>& last() const { return last_; }
  const ConcreteVcpu& state() const { return state_; }

 private:
  dbgref_host host_;
  dbgref_program program_;
  ConcreteVcpu state_;
  std::vector<dbgref_obs> last_;
};

inline dbgref_op SetOneReg(uint32_t reg, uint64_t value, uint32_t index = 0) {
  dbgref_op op = MakeOp(DBGREF_OP_SET_ONE_REG);
  op.reg = reg;
  op.reg_index = index;
  op.value = value;
  return op;
}

inline dbgref_op GetOneReg(uint32_t reg, uint32_t index = 0) {
  dbgref_op op = MakeOp(DBGREF_OP_GET_ONE_REG);
  op.reg = reg;
  op.reg_index = index;
  return op;
}

}  // namespace dbgref::model

#endif  // DBGREF_TESTS_EXEC_VCPU_FIXTURE_H_
