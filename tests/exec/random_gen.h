// Random hosts' registers, programs and operations for the model's
// random tests: realistic control values, addresses of the program and of
// the data region, every kind of instruction and operation.
#ifndef DBGREF_TESTS_EXEC_RANDOM_GEN_H_
#define DBGREF_TESTS_EXEC_RANDOM_GEN_H_

#include <cstdint>
#include <cstring>
#include <random>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"

namespace dbgref::model::testing {

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

}  // namespace dbgref::model::testing

#endif  // DBGREF_TESTS_EXEC_RANDOM_GEN_H_
