// The generator of valid traces (see valid_trace_gen.h).
#include "tests/trace/valid_trace_gen.h"

#include <rapidcheck.h>

#include <cstdint>
#include <set>
#include <vector>

#include "model/guest_layout.h"
#include "model/record.h"
#include "model/uapi.h"
#include "trace/trace.h"
#include "trace/valid.h"

namespace dbgref::trace::testing {
namespace {

rc::Gen<uint64_t> Word() {
  return rc::gen::oneOf(rc::gen::arbitrary<uint64_t>(),
                        rc::gen::elementOf(std::vector<uint64_t>{
                            0, 1, 0x1e7, 0x1ff7, DBGREF_CODE_BASE,
                            DBGREF_DATA_BASE, UINT64_MAX}));
}

rc::Gen<uint32_t> Index() { return rc::gen::inRange<uint32_t>(0, 16); }

// A register of the guest's, with its index (0 for one that is no bank).
rc::Gen<std::pair<uint32_t, uint32_t>> GuestRegister(bool is_msr) {
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange<uint32_t>(0, DBGREF_REG_KIND_COUNT),
                    Index()),
      [is_msr](std::pair<uint32_t, uint32_t> r) {
        if (r.first > DBGREF_REG_WVR) r.second = 0;
        if (is_msr && r.first == DBGREF_REG_OSLSR) r.first = DBGREF_REG_OSLAR;
        if (!is_msr && r.first == DBGREF_REG_OSLAR) r.first = DBGREF_REG_OSLSR;
        return r;
      });
}

rc::Gen<dbgref_insn> Access(bool is_store) {
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange(0, 4),
                    rc::gen::inRange<uint64_t>(0, DBGREF_DATA_SIZE)),
      [is_store](std::pair<int, uint64_t> a) {
        const uint32_t size = 1u << a.first;
        const uint64_t offset = (a.second & ~uint64_t{size - 1});
        const uint64_t addr = DBGREF_DATA_BASE + offset;
        return is_store ? Store(size, addr) : Load(size, addr);
      });
}

uint64_t CodeAddress(uint64_t k) { return DBGREF_CODE_BASE + 4 * k; }

rc::Gen<uint64_t> PcValue() {
  return rc::gen::map(rc::gen::inRange<uint64_t>(0, DBGREF_CODE_SIZE / 4),
                      CodeAddress);
}

rc::Gen<uint64_t> PstateValue() {
  return rc::gen::map(
      Word(), [](uint64_t v) { return (v & kPstateAllowedBits) | 0x5; });
}

}  // namespace

rc::Gen<dbgref_insn> ValidInsn() {
  return rc::gen::oneOf(
      rc::gen::just(Nop()), rc::gen::just(Report()), Access(false),
      Access(true), rc::gen::map(rc::gen::inRange<uint32_t>(0, 0x10000), Brk),
      rc::gen::map(GuestRegister(false),
                   [](std::pair<uint32_t, uint32_t> r) {
                     return Mrs(r.first, r.second);
                   }),
      rc::gen::map(rc::gen::pair(GuestRegister(true), Word()),
                   [](std::pair<std::pair<uint32_t, uint32_t>, uint64_t> m) {
                     return Msr(m.first.first, m.first.second, m.second);
                   }));
}

rc::Gen<dbgref_op> ValidOp() {
  return rc::gen::oneOf(
      rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<uint32_t>(),
                                  rc::gen::arbitrary<uint32_t>(), Word(),
                                  rc::gen::inRange(0, 64)),
                   [](std::tuple<uint32_t, uint32_t, uint64_t, int> t) {
                     kvm_guest_debug_arch arch{};
                     (&arch.dbg_bcr[0])[std::get<3>(t)] = std::get<2>(t);
                     dbgref_op op = SetGuestDebugOp(std::get<0>(t), arch);
                     if (std::get<1>(t) % 4 == 0) op.dbg.pad = std::get<1>(t);
                     return op;
                   }),
      rc::gen::map(rc::gen::inRange<uint32_t>(0, 3), CheckExtensionOp),
      rc::gen::just(RunOp()), rc::gen::just(VcpuInitOp()),
      rc::gen::map(
          rc::gen::pair(rc::gen::inRange<uint32_t>(0, DBGREF_ONE_REG_COUNT),
                        Index()),
          [](std::pair<uint32_t, uint32_t> r) {
            return GetOneRegOp(r.first,
                               r.first >= DBGREF_ONE_REG_BCR ? r.second : 0);
          }),
      rc::gen::map(
          rc::gen::tuple(rc::gen::inRange<uint32_t>(0, DBGREF_ONE_REG_COUNT),
                         Index(), Word(), PcValue(), PstateValue()),
          [](std::tuple<uint32_t, uint32_t, uint64_t, uint64_t, uint64_t> t) {
            const uint32_t reg = std::get<0>(t);
            const uint64_t value = reg == DBGREF_ONE_REG_PC ? std::get<3>(t)
                                   : reg == DBGREF_ONE_REG_PSTATE
                                       ? std::get<4>(t)
                                       : std::get<2>(t);
            return SetOneRegOp(
                reg, reg >= DBGREF_ONE_REG_BCR ? std::get<1>(t) : 0, value);
          }));
}

rc::Gen<dbgref_program> ValidProgram() {
  return rc::gen::map(
      rc::gen::tuple(rc::gen::container<std::vector<dbgref_insn>>(ValidInsn()),
                     rc::gen::arbitrary<bool>(),
                     rc::gen::container<std::vector<uint64_t>>(
                         DBGREF_MAX_PROGRAM_LINES,
                         rc::gen::inRange<uint64_t>(0, DBGREF_CODE_SIZE / 4))),
      [](std::tuple<std::vector<dbgref_insn>, bool, std::vector<uint64_t>> t) {
        dbgref_program program{};
        const std::vector<dbgref_insn>& insns = std::get<0>(t);
        std::set<uint64_t> used;
        for (size_t i = 0; i < insns.size() && i < DBGREF_MAX_PROGRAM_LINES;
             ++i) {
          uint64_t pc =
              std::get<1>(t) ? CodeAddress(i) : CodeAddress(std::get<2>(t)[i]);
          while (used.count(pc) != 0) {
            pc = pc + 4 < DBGREF_CODE_BASE + DBGREF_CODE_SIZE
                     ? pc + 4
                     : DBGREF_CODE_BASE;
          }
          used.insert(pc);
          AddLineAt(program, pc, insns[i]);
        }
        return program;
      });
}

rc::Gen<Trace> ValidTrace() {
  return rc::gen::map(
      rc::gen::tuple(Word(), rc::gen::inRange(0, 64), Word(), ValidProgram(),
                     rc::gen::container<std::vector<dbgref_op>>(ValidOp())),
      [](std::tuple<uint64_t, int, uint64_t, dbgref_program,
                    std::vector<dbgref_op>>
             t) {
        Trace trace;
        trace.host.id_aa64dfr0_el1 = std::get<0>(t);
        (&trace.host.host_regs.dbg_bcr[0])[std::get<1>(t)] = std::get<2>(t);
        trace.program = std::get<3>(t);
        trace.ops = std::get<4>(t);
        return trace;
      });
}

}  // namespace dbgref::trace::testing
