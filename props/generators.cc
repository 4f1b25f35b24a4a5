// The generators and their weights.
#include "props/generators.h"

#include <ostream>
#include <tuple>
#include <vector>

#include "model/arch/registers.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/format.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

using rc::Gen;
namespace gen = rc::gen;

// A weighted choice that shrinks towards the earlier choices (RapidCheck's
// weightedElement does not shrink): list the simplest first.
template <typename T>
Gen<T> Choose(std::vector<std::pair<size_t, T>> choices) {
  return Gen<T>([choices](const rc::Random& random, int) {
    size_t total = 0;
    for (const auto& c : choices) total += c.first;
    uint64_t pick = rc::Random(random).next() % total;
    size_t index = 0;
    while (pick >= choices[index].first) {
      pick -= choices[index].first;
      ++index;
    }
    return rc::shrinkable::map(
        rc::shrinkable::shrinkRecur(
            index, [](size_t i) { return rc::shrink::towards<size_t>(i, 0); }),
        [choices](size_t i) { return choices[i].second; });
  });
}

// Equal weights.
template <typename T>
Gen<T> ChooseOf(std::vector<T> values) {
  std::vector<std::pair<size_t, T>> choices;
  for (T& v : values) choices.emplace_back(1, std::move(v));
  return Choose<T>(std::move(choices));
}

// A weighted choice of generators, shrinking towards the earlier ones.
template <typename T>
Gen<T> ChooseGen(std::vector<std::pair<size_t, Gen<T>>> gens) {
  return gen::join(Choose<Gen<T>>(std::move(gens)));
}

constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kStep = KVM_GUESTDBG_SINGLESTEP;
constexpr uint32_t kSwBp = KVM_GUESTDBG_USE_SW_BP;
constexpr uint32_t kUseHw = KVM_GUESTDBG_USE_HW;

// Mostly the first two entries of a bank, sometimes any of the 16.
Gen<uint32_t> GenIndex() {
  return ChooseGen<uint32_t>(
      {{6, ChooseOf<uint32_t>({0, 1})},
       {2, gen::inRange<uint32_t>(0, KVM_ARM_MAX_DBG_REGS)}});
}

Gen<uint32_t> GenField(uint32_t common) {
  return ChooseGen<uint32_t>({{4, gen::just(common)},
                              {1, ChooseOf<uint32_t>({0, 15})},
                              {3, gen::inRange<uint32_t>(0, 16)}});
}

// One register of userspace's set: (bank, index, value).
struct UserEntry {
  uint32_t bank;
  uint32_t index;
  uint64_t value;
};

Gen<UserEntry> GenUserEntry() {
  return ChooseGen<UserEntry>({
      // A breakpoint: BCR 0x1e7 (enabled, EL1/EL0, all four bytes) with its
      // address in BVR.
      {3, gen::apply(
              [](uint32_t i, uint64_t addr, bool control) {
                return control ? UserEntry{DBGREF_REG_BCR, i, 0x1e7}
                               : UserEntry{DBGREF_REG_BVR, i, addr};
              },
              GenIndex(),
              ChooseOf<uint64_t>({0x400000, 0x400804, 0xffff000008081000}),
              gen::arbitrary<bool>())},
      // A 4-byte write watchpoint: WCR 0x1e17, WVR the address aligned down
      // to 8.
      {3, gen::apply(
              [](uint32_t i, uint64_t addr, bool control) {
                return control ? UserEntry{DBGREF_REG_WCR, i, 0x1e17}
                               : UserEntry{DBGREF_REG_WVR, i, addr & ~7ull};
              },
              GenIndex(), ChooseOf<uint64_t>({0x4010fc, 0x401000, 0x402008}),
              gen::arbitrary<bool>())},
      // Other encodings (a disabled breakpoint, an 8-byte read/write
      // watchpoint).
      {1, gen::apply(
              [](uint32_t bank, uint32_t i, uint64_t value) {
                return UserEntry{bank, i, value};
              },
              gen::inRange<uint32_t>(0, 4), GenIndex(),
              ChooseOf<uint64_t>({0x1e6, 0xff1f, 0x403000}))},
  });
}

Gen<uint64_t> GenGuestBankValue() {
  return ChooseOf<uint64_t>({0x1001, 0x20e5, 0x800000, 0xffff000000123000});
}

Gen<uint64_t> GenGuestMdscr() {
  return ChooseOf<uint64_t>(
      {0, DBGREF_MDSCR_MDE, DBGREF_MDSCR_SS, DBGREF_MDSCR_KDE,
       DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE, DBGREF_MDSCR_SS | DBGREF_MDSCR_MDE,
       0x40, 0x1000 | DBGREF_MDSCR_MDE});
}

Gen<dbgref_op> GenAccess() {
  const Gen<uint32_t> reg_kind = Choose<uint32_t>({
      {2, DBGREF_REG_BCR},
      {2, DBGREF_REG_BVR},
      {2, DBGREF_REG_WCR},
      {2, DBGREF_REG_WVR},
      {3, DBGREF_REG_MDSCR},
      {2, DBGREF_REG_MDCCINT},
  });
  return gen::mapcat(reg_kind, [](uint32_t kind) -> Gen<dbgref_op> {
    const bool bank = kind <= DBGREF_REG_WVR;
    const Gen<uint32_t> index = bank ? GenIndex() : gen::just<uint32_t>(0);
    const Gen<uint64_t> value = bank ? GenGuestBankValue()
                                : kind == DBGREF_REG_MDSCR
                                    ? GenGuestMdscr()
                                    : ChooseOf<uint64_t>({0, 0x1, 0x20000000});
    return gen::apply(
        [kind](bool write, uint32_t i, uint64_t v) {
          return write ? trace::GuestWriteOp(kind, i, v)
                       : trace::GuestReadOp(kind, i);
        },
        gen::arbitrary<bool>(), index, value);
  });
}

Gen<dbgref_op> GenException() {
  const Gen<uint32_t> ec = Choose<uint32_t>({
      {3, DBGREF_EC_SOFTSTP_LOW},
      {3, DBGREF_EC_BREAKPT_LOW},
      {3, DBGREF_EC_WATCHPT_LOW},
      {2, DBGREF_EC_BKPT32},
      {3, DBGREF_EC_BRK64},
      {2, DBGREF_EC_WFX},
      {1, DBGREF_EC_HVC64},
      {1, DBGREF_EC_DABT_LOW},
      {1, DBGREF_EC_IABT_LOW},
      {1, DBGREF_EC_BREAKPT_CUR},
      {1, DBGREF_EC_SOFTSTP_CUR},
      {1, DBGREF_EC_WATCHPT_CUR},
      {1, DBGREF_EC_UNKNOWN},
  });
  return gen::apply(
      [](uint32_t ec, uint32_t iss, uint64_t pc, uint64_t far) {
        const uint32_t esr =
            (ec << DBGREF_ESR_EC_SHIFT) | (1u << 25) /* IL */ | iss;
        return trace::GuestExceptionOp(esr, pc, far);
      },
      ec, ChooseOf<uint32_t>({0, 0x22, 0x3c}),
      ChooseOf<uint64_t>({0x400000, 0x400804, 0x400010}),
      ChooseOf<uint64_t>({0, 0x4010fc, 0x402008}));
}

Gen<dbgref_op> GenSetGuestDebug() {
  return gen::apply(
      [](uint32_t control, const kvm_guest_debug_arch& arch, uint32_t pad) {
        dbgref_op op = trace::SetGuestDebugOp(control, arch);
        op.dbg.pad = pad;
        return op;
      },
      GenControl(), GenUserspaceRegs(),
      Choose<uint32_t>({{9, 0}, {1, 0xdead}}));
}

}  // namespace

uint64_t HostRegisterValue(int bank, int index) {
  return 0x4057000000ull | (uint64_t(bank) << 8) | uint64_t(index);
}

uint64_t Dfr0(uint32_t brps_field, uint32_t wrps_field) {
  return (uint64_t{brps_field} << DBGREF_DFR0_BRPS_SHIFT) |
         (uint64_t{wrps_field} << DBGREF_DFR0_WRPS_SHIFT) | 0x6;
}

Gen<dbgref_host> GenHost() {
  return gen::apply(
      [](uint32_t brps, uint32_t wrps, uint32_t ctx_cmps, int host_values) {
        dbgref_host h{};
        h.id_aa64dfr0_el1 = Dfr0(brps, wrps) |
                            (uint64_t{ctx_cmps} << DBGREF_DFR0_CTX_CMPS_SHIFT);
        for (uint32_t bank : model::kRegisterBanks) {
          for (int n = 0; n < host_values; ++n) {
            model::RegisterBank(h.host_regs, bank)[n] =
                HostRegisterValue(bank, n);
          }
        }
        return h;
      },
      GenField(5), GenField(3), ChooseOf<uint32_t>({0, 1}),
      // None, a couple (a host debugger's breakpoint), or every one.
      Choose<int>({{1, 0}, {3, 2}, {2, KVM_ARM_MAX_DBG_REGS}}));
}

Gen<uint32_t> GenControl() {
  return ChooseGen<uint32_t>({
      {8, ChooseOf<uint32_t>({kEnable, kEnable | kUseHw, kEnable | kStep,
                              kEnable | kSwBp, kEnable | kStep | kUseHw,
                              kEnable | kSwBp | kUseHw, kEnable | kStep | kSwBp,
                              kEnable | kStep | kSwBp | kUseHw})},
      {2, ChooseOf<uint32_t>({0, kUseHw, kStep | kUseHw})},
      {1,
       gen::apply(
           [](uint32_t valid, uint32_t bad) { return kEnable | valid | bad; },
           ChooseOf<uint32_t>({0, kStep, kUseHw}),
           ChooseOf<uint32_t>({1u << 2, 1u << 18, 1u << 31, 1u << 8}))},
  });
}

Gen<kvm_guest_debug_arch> GenUserspaceRegs() {
  return gen::map(
      gen::resize(4, gen::container<std::vector<UserEntry>>(GenUserEntry())),
      [](const std::vector<UserEntry>& entries) {
        kvm_guest_debug_arch arch{};
        for (const UserEntry& e : entries) {
          model::RegisterBank(arch, e.bank)[e.index & 0xf] = e.value;
        }
        return arch;
      });
}

Gen<dbgref_op> GenOp() {
  return ChooseGen<dbgref_op>({
      {7, GenAccess()},
      {5, GenException()},
      {6, GenSetGuestDebug()},
      {1, gen::map(ChooseOf<uint32_t>({DBGREF_CAP_HW_BPS, DBGREF_CAP_HW_WPS,
                                       DBGREF_CAP_OTHER}),
                   [](uint32_t cap) { return trace::CheckExtensionOp(cap); })},
  });
}

Gen<trace::Trace> GenTrace(int max_ops) {
  return gen::apply(
      [](const dbgref_host& host, std::vector<dbgref_op> ops) {
        trace::Trace t;
        t.host = host;
        t.ops = std::move(ops);
        return t;
      },
      GenHost(),
      gen::resize(max_ops, gen::container<std::vector<dbgref_op>>(GenOp())));
}

}  // namespace dbgref::props

namespace dbgref::trace {
void showValue(const Trace& trace, std::ostream& os) {
  os << "\n" << FormatTrace(trace);
}
}  // namespace dbgref::trace

void showValue(const dbgref_host& host, std::ostream& os) {
  dbgref::trace::Trace t;
  t.host = host;
  const std::string text = dbgref::trace::FormatTrace(t);
  const size_t start = text.find("host ");
  os << (start == std::string::npos ? text : text.substr(start));
}
