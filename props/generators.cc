// The generators and their weights. Each weighted list names its simplest
// choice first: shrinking goes towards it.
#include "props/generators.h"

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

#include "model/arch/registers.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kStep = KVM_GUESTDBG_SINGLESTEP;
constexpr uint32_t kSwBp = KVM_GUESTDBG_USE_SW_BP;
constexpr uint32_t kUseHw = KVM_GUESTDBG_USE_HW;

// The doublewords of guest data the program's loads and stores touch.
constexpr uint64_t kData[] = {DBGREF_DATA_BASE, DBGREF_DATA_BASE + 0x8,
                              DBGREF_DATA_BASE + 0x100,
                              DBGREF_DATA_BASE + 0x1008};
// A code address no program reaches: a breakpoint there never hits.
constexpr uint64_t kUnreachedPc = DBGREF_CODE_BASE + 0x8000;

// A weighted choice: the index of the weight picked.
template <class S>
size_t Pick(S& s, std::initializer_list<uint32_t> weights) {
  uint64_t total = 0;
  for (uint32_t w : weights) total += w;
  uint64_t r = s.Below(total);
  size_t index = 0;
  for (uint32_t w : weights) {
    if (r < w) return index;
    r -= w;
    ++index;
  }
  return weights.size() - 1;
}

template <class T, size_t N>
T Of(const T (&values)[N], size_t i) {
  return values[i < N ? i : N - 1];
}

// A bank entry: mostly the first two, sometimes any of the 16 (the ones
// above BRPs or WRPs are not implemented).
template <class S>
uint32_t GenIndex(S& s) {
  return Pick(s, {6, 1}) == 0 ? static_cast<uint32_t>(s.Below(2))
                              : static_cast<uint32_t>(s.Below(16));
}

template <class S>
uint64_t GenBreakpointControl(S& s) {
  switch (Pick(s, {4, 2, 1})) {
    case 0:
      return BreakpointControl(true, 0x3);  // 0x1e7: EL1 and EL0
    case 1:
      return BreakpointControl(true, 0x1);  // 0x1e3: EL1 only
    default:
      return BreakpointControl(false, 0x3);  // disabled
  }
}

template <class S>
uint64_t GenWatchpointControl(S& s) {
  const bool enabled = Pick(s, {5, 1}) == 0;
  const uint32_t pac = Pick(s, {3, 1}) == 0 ? 0x3 : 0x1;
  const uint32_t lsc = Of<uint32_t>({0x3, 0x2, 0x1}, Pick(s, {3, 2, 1}));
  const uint32_t bas = Of<uint32_t>({0xff, 0x0f, 0xf0, 0x01, 0x80, 0x0c},
                                    Pick(s, {3, 2, 2, 1, 1, 1}));
  return WatchpointControl(enabled, pac, lsc, bas);
}

template <class S>
uint64_t GenDataDoubleword(S& s) {
  return Of(kData, Pick(s, {4, 2, 1, 1}));
}

template <class S>
uint64_t GenGuestMdscr(S& s) {
  return Of<uint64_t>(
      {DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE, DBGREF_MDSCR_MDE, 0,
       DBGREF_MDSCR_KDE | DBGREF_MDSCR_SS,
       DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE | DBGREF_MDSCR_SS, 0x40},
      Pick(s, {4, 1, 1, 2, 1, 1}));
}

// A load or store of 1, 2, 4 or 8 bytes, size-aligned, in doubleword dw.
template <class S>
dbgref_insn GenAccess(S& s, uint64_t dw) {
  const uint32_t size = 1u << s.Below(4);
  const uint64_t addr = dw + size * s.Below(8 / size);
  return s.Below(2) == 0 ? trace::Load(size, addr) : trace::Store(size, addr);
}

// The pc of a line the program will have a few lines on.
uint64_t LaterPc(const dbgref_program& p, uint64_t ahead) {
  return DBGREF_CODE_BASE + 4 * (p.count + ahead);
}

template <class S>
uint64_t GenBankValue(S& s, uint32_t kind, const dbgref_program& p) {
  switch (kind) {
    case DBGREF_REG_BCR:
      return GenBreakpointControl(s);
    case DBGREF_REG_BVR:
      return LaterPc(p, 1 + s.Below(4));
    case DBGREF_REG_WCR:
      return GenWatchpointControl(s);
    default:
      return GenDataDoubleword(s);
  }
}

// The guest enables its own debug events: mostly KDE and MDE (taken to
// EL1), sometimes MDE alone (only with TDE), sometimes not at all.
template <class S>
void AddEnable(S& s, dbgref_program& p) {
  switch (Pick(s, {4, 1, 1})) {
    case 0:
      trace::AddLine(p, trace::Msr(DBGREF_REG_MDSCR, 0,
                                   DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE));
      break;
    case 1:
      trace::AddLine(p, trace::Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE));
      break;
    default:
      break;
  }
}

// A few lines that belong together.
template <class S>
void AddSnippet(S& s, dbgref_program& p) {
  switch (Pick(s, {3, 8, 1, 1, 3, 3, 2, 3, 1})) {
    case 0:
      trace::AddLine(p, trace::Nop());
      break;
    case 1:
      trace::AddLine(p, GenAccess(s, GenDataDoubleword(s)));
      break;
    case 2:
      trace::AddLine(p, trace::Report());
      break;
    case 3:
      trace::AddLine(
          p, trace::Brk(Of<uint32_t>({0, 1, 0x3e8, 0xf000}, s.Below(4))));
      break;
    case 4: {  // the guest's own breakpoint on a later line, or on none
      const uint32_t n = GenIndex(s);
      const uint64_t pc =
          Pick(s, {4, 1}) == 0 ? LaterPc(p, 2 + s.Below(5)) : kUnreachedPc;
      trace::AddLine(p, trace::Msr(DBGREF_REG_BVR, n, pc));
      trace::AddLine(p, trace::Msr(DBGREF_REG_BCR, n, GenBreakpointControl(s)));
      AddEnable(s, p);
      break;
    }
    case 5: {  // the guest's own watchpoint on its data, and an access
      const uint32_t n = GenIndex(s);
      const uint64_t dw = GenDataDoubleword(s);
      trace::AddLine(p, trace::Msr(DBGREF_REG_WVR, n, dw));
      trace::AddLine(p, trace::Msr(DBGREF_REG_WCR, n, GenWatchpointControl(s)));
      AddEnable(s, p);
      if (Pick(s, {3, 1}) == 0) trace::AddLine(p, GenAccess(s, dw));
      break;
    }
    case 6:  // the guest steps itself
      trace::AddLine(p, trace::Msr(DBGREF_REG_MDSCR, 0,
                                   Pick(s, {3, 1}) == 0
                                       ? DBGREF_MDSCR_KDE | DBGREF_MDSCR_SS
                                       : DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE |
                                             DBGREF_MDSCR_SS));
      break;
    case 7: {  // a read or write of one of its debug registers
      const uint32_t kind = Of<uint32_t>(
          {DBGREF_REG_MDSCR, DBGREF_REG_BCR, DBGREF_REG_BVR, DBGREF_REG_WCR,
           DBGREF_REG_WVR, DBGREF_REG_MDCCINT, DBGREF_REG_OSLSR},
          Pick(s, {3, 2, 2, 2, 2, 1, 1}));
      const bool bank = kind <= DBGREF_REG_WVR;
      const uint32_t n = bank ? GenIndex(s) : 0;
      if (kind == DBGREF_REG_OSLSR || s.Below(2) == 0) {
        trace::AddLine(p, trace::Mrs(kind, n));
      } else {
        const uint64_t value =
            bank ? GenBankValue(s, kind, p)
            : kind == DBGREF_REG_MDSCR
                ? GenGuestMdscr(s)
                : Of<uint64_t>({0, 1, 0x20000000}, s.Below(3));
        trace::AddLine(p, trace::Msr(kind, n, value));
        // Sometimes read back at once, as a guest checking its write does.
        if (Pick(s, {2, 1}) == 1) trace::AddLine(p, trace::Mrs(kind, n));
      }
      break;
    }
    default:  // the OS lock
      switch (Pick(s, {3, 1, 2})) {
        case 0:
          trace::AddLine(p, trace::Msr(DBGREF_REG_OSLAR, 0, DBGREF_OSLAR_OSLK));
          break;
        case 1:
          trace::AddLine(p, trace::Msr(DBGREF_REG_OSLAR, 0, 0));
          break;
        default:
          trace::AddLine(p, trace::Mrs(DBGREF_REG_OSLSR, 0));
          break;
      }
      break;
  }
}

template <class S>
dbgref_host GenerateHost(S& s) {
  const auto field = [&](uint32_t common) -> uint32_t {
    switch (Pick(s, {4, 1, 1, 3})) {
      case 0:
        return common;
      case 1:
        return 0;
      case 2:
        return 15;
      default:
        return static_cast<uint32_t>(s.Below(16));
    }
  };
  const uint32_t brps = field(5);
  const uint32_t wrps = field(3);
  const uint64_t ctx_cmps = s.Below(2);
  // None, a couple (a host debugger's breakpoint), or every one.
  const int host_values =
      Of<int>({0, 2, KVM_ARM_MAX_DBG_REGS}, Pick(s, {1, 3, 2}));
  dbgref_host h{};
  h.id_aa64dfr0_el1 =
      Dfr0(brps, wrps) | (ctx_cmps << DBGREF_DFR0_CTX_CMPS_SHIFT);
  for (uint32_t bank : model::kRegisterBanks) {
    for (int n = 0; n < host_values; ++n) {
      model::RegisterBank(h.host_regs, bank)[n] = HostRegisterValue(bank, n);
    }
  }
  return h;
}

template <class S>
void GenerateProgram(S& s, dbgref_program& p) {
  p = dbgref_program{};
  const uint64_t lines = s.Below(DBGREF_MAX_PROGRAM_LINES + 1);
  while (p.count < lines) AddSnippet(s, p);
}

// The pc of one of the program's lines (its first address when it has
// none).
template <class S>
uint64_t GenLinePc(S& s, const dbgref_program& p) {
  if (p.count == 0) return DBGREF_CODE_BASE;
  const uint32_t early = p.count < 4 ? p.count : 4;
  return p.line[s.Below(Pick(s, {1, 1}) == 0 ? p.count : early)].pc;
}

// One of the program's loads or stores, or null when it has none.
template <class S>
const dbgref_insn* GenAccessLine(S& s, const dbgref_program& p) {
  uint32_t accesses = 0;
  for (uint32_t i = 0; i < p.count; ++i) {
    const uint32_t kind = p.line[i].insn.kind;
    accesses += kind == DBGREF_INSN_LOAD || kind == DBGREF_INSN_STORE;
  }
  if (accesses == 0) return nullptr;
  uint64_t k = s.Below(accesses);
  for (uint32_t i = 0; i < p.count; ++i) {
    const dbgref_insn& insn = p.line[i].insn;
    if (insn.kind != DBGREF_INSN_LOAD && insn.kind != DBGREF_INSN_STORE) {
      continue;
    }
    if (k-- == 0) return &insn;
  }
  return nullptr;
}

// A doubleword one of the program's loads or stores touches, else one of
// the pool.
template <class S>
uint64_t GenAccessedDoubleword(S& s, const dbgref_program& p) {
  const dbgref_insn* access = GenAccessLine(s, p);
  return access != nullptr ? access->addr & ~uint64_t{7} : GenDataDoubleword(s);
}

// A watchpoint of userspace's: mostly on one of the program's accesses,
// its bytes selected exactly, all eight, or as a pool mask says, for loads,
// stores or both; sometimes on a doubleword of the pool.
template <class S>
void GenUserWatchpoint(S& s, const dbgref_program& p, uint64_t& wvr,
                       uint64_t& wcr) {
  const dbgref_insn* access =
      Pick(s, {5, 1}) == 0 ? GenAccessLine(s, p) : nullptr;
  if (access == nullptr) {
    wvr = GenDataDoubleword(s);
    wcr = GenWatchpointControl(s);
    return;
  }
  wvr = access->addr & ~uint64_t{7};
  const uint32_t exact = ((1u << access->size) - 1)
                         << static_cast<uint32_t>(access->addr & 7);
  const uint32_t store = access->kind == DBGREF_INSN_STORE ? 0x2 : 0x1;
  const uint32_t bas = Of<uint32_t>({exact & 0xff, 0xff, 0x0f, 0xf0, 0x01},
                                    Pick(s, {4, 2, 1, 1, 1}));
  const uint32_t lsc =
      Of<uint32_t>({0x3, store, 0x3u ^ store}, Pick(s, {2, 2, 1}));
  wcr = WatchpointControl(Pick(s, {6, 1}) == 0,
                          Pick(s, {3, 1}) == 0 ? 0x3 : 0x1, lsc, bas);
}

// A control word. A later KVM_SET_GUEST_DEBUG is mostly a debugger
// continuing: its breakpoints and watchpoints kept, or dropped (ENABLE
// alone), or a step.
template <class S>
uint32_t GenControl(S& s, bool later) {
  if (later && Pick(s, {1, 2}) == 1) {
    return Of<uint32_t>({kEnable | kUseHw, kEnable, kEnable | kStep, 0},
                        Pick(s, {3, 4, 2, 1}));
  }
  return Of<uint32_t>(
      {kEnable | kUseHw, kEnable | kStep, kEnable | kUseHw | kStep, kEnable,
       kEnable | kSwBp, kEnable | kSwBp | kUseHw | kStep, 0, kUseHw,
       kEnable | kStep | (1u << 2), kStep | (1u << 18),
       kEnable | kUseHw | (1u << 31)},
      Pick(s, {8, 3, 2, 1, 1, 1, 2, 1, 1, 1, 1}));
}

template <class S>
dbgref_op GenSetGuestDebug(S& s, const dbgref_program& p, bool later) {
  kvm_guest_debug_arch arch{};
  const uint64_t breakpoints = Pick(s, {1, 3, 2});
  for (uint64_t k = 0; k < breakpoints; ++k) {
    const uint32_t n = GenIndex(s);
    uint64_t pc = 0;
    switch (Pick(s, {4, 1, 1})) {
      case 0:
        pc = GenLinePc(s, p);
        break;
      case 1:  // an instruction of the guest's exception handler
        pc = DBGREF_HANDLER_ADDR + 4 * s.Below(DBGREF_HANDLER_INSNS);
        break;
      default:
        pc = kUnreachedPc;
        break;
    }
    arch.dbg_bvr[n] = pc;
    arch.dbg_bcr[n] = GenBreakpointControl(s);
  }
  const uint64_t watchpoints = Pick(s, {1, 4, 2});
  for (uint64_t k = 0; k < watchpoints; ++k) {
    const uint32_t n = GenIndex(s);
    GenUserWatchpoint(s, p, arch.dbg_wvr[n], arch.dbg_wcr[n]);
  }
  return trace::SetGuestDebugOp(GenControl(s, later), arch);
}

// A ONE_REG id's bank entry: mostly the first two, sometimes any, rarely
// one KVM does not know.
template <class S>
uint32_t GenOneRegIndex(S& s) {
  switch (Pick(s, {5, 2, 1})) {
    case 0:
      return static_cast<uint32_t>(s.Below(2));
    case 1:
      return static_cast<uint32_t>(s.Below(16));
    default:
      return static_cast<uint32_t>(16 + s.Below(16));
  }
}

// The ONE_REG id of a register a guest line writes, or -1.
int OneRegOf(const dbgref_insn& insn) {
  if (insn.kind != DBGREF_INSN_MSR) return -1;
  switch (insn.reg) {
    case DBGREF_REG_BCR:
      return DBGREF_ONE_REG_BCR;
    case DBGREF_REG_BVR:
      return DBGREF_ONE_REG_BVR;
    case DBGREF_REG_WCR:
      return DBGREF_ONE_REG_WCR;
    case DBGREF_REG_WVR:
      return DBGREF_ONE_REG_WVR;
    case DBGREF_REG_MDSCR:
      return DBGREF_ONE_REG_MDSCR;
    default:
      return -1;
  }
}

// Mostly a register the program writes (userspace looks at what the guest
// did), else any.
template <class S>
dbgref_op GenGetOneReg(S& s, const dbgref_program& p) {
  uint32_t written = 0;
  for (uint32_t i = 0; i < p.count; ++i)
    written += OneRegOf(p.line[i].insn) >= 0;
  if (written > 0 && Pick(s, {1, 2}) == 1) {
    uint64_t k = s.Below(written);
    for (uint32_t i = 0; i < p.count; ++i) {
      const int id = OneRegOf(p.line[i].insn);
      if (id >= 0 && k-- == 0) {
        return trace::GetOneRegOp(
            static_cast<uint32_t>(id),
            id == DBGREF_ONE_REG_MDSCR ? 0 : p.line[i].insn.reg_index);
      }
    }
  }
  const uint32_t reg = static_cast<uint32_t>(
      Pick(s, {2, 1, 1, 1, 1, 1, 1, 1}));  // MDSCR first, then in enum order
  const uint32_t id = reg == 0   ? uint32_t{DBGREF_ONE_REG_MDSCR}
                      : reg <= 2 ? reg - 1  // PC, PSTATE
                                 : reg;     // BCR..WVR, and 7: unknown
  const bool bank = id >= DBGREF_ONE_REG_BCR && id <= DBGREF_ONE_REG_WVR;
  return trace::GetOneRegOp(id, bank ? GenOneRegIndex(s) : 0);
}

template <class S>
dbgref_op GenSetOneReg(S& s, const dbgref_program& p) {
  switch (Pick(s, {3, 1, 2, 1, 1, 1, 1})) {
    case 0:  // PSTATE, mostly with SS set: the guest is being stepped
      return trace::SetOneRegOp(
          DBGREF_ONE_REG_PSTATE, 0,
          DBGREF_START_PSTATE | (Pick(s, {3, 1}) == 0 ? DBGREF_SPSR_SS : 0));
    case 1:
      return trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, GenLinePc(s, p));
    case 2:
      return trace::SetOneRegOp(DBGREF_ONE_REG_MDSCR, 0, GenGuestMdscr(s));
    case 3:
      return trace::SetOneRegOp(DBGREF_ONE_REG_BCR, GenOneRegIndex(s),
                                GenBreakpointControl(s));
    case 4:
      return trace::SetOneRegOp(DBGREF_ONE_REG_BVR, GenOneRegIndex(s),
                                GenLinePc(s, p));
    case 5:
      return trace::SetOneRegOp(DBGREF_ONE_REG_WCR, GenOneRegIndex(s),
                                GenWatchpointControl(s));
    default:
      return trace::SetOneRegOp(DBGREF_ONE_REG_WVR, GenOneRegIndex(s),
                                GenAccessedDoubleword(s, p));
  }
}

// An operation after `previous` (its kind): mostly a run after a set-up;
// after a run, often a look at a register or a new setting.
template <class S>
dbgref_op GenerateOp(S& s, const dbgref_program& p, uint32_t previous) {
  const size_t kind =
      previous == DBGREF_OP_SET_GUEST_DEBUG || previous == DBGREF_OP_SET_ONE_REG
          ? Pick(s, {12, 2, 2, 1, 1, 1})
      : previous == DBGREF_OP_RUN ? Pick(s, {6, 5, 2, 3, 1, 1})
                                  : Pick(s, {10, 5, 2, 2, 1, 1});
  switch (kind) {
    case 0:
      return trace::RunOp();
    case 1:
      return GenSetGuestDebug(s, p, true);
    case 2:
      return GenSetOneReg(s, p);
    case 3:
      return GenGetOneReg(s, p);
    case 4:
      return trace::VcpuInitOp();
    default:
      return trace::CheckExtensionOp(static_cast<uint32_t>(s.Below(3)));
  }
}

// RapidCheck's picks, uniform over the whole range (inRange scales with
// the size otherwise), shrinking towards 0.
class RcSource {
 public:
  uint64_t Below(uint64_t n) {
    return *rc::gen::resize(rc::kNominalSize, rc::gen::inRange<uint64_t>(0, n));
  }
};

// The recorded choices again, each shrinking towards 0; past the record,
// 0. Inside gen::exec, a shrunk recipe reuses the picks by position, so a
// choice may come back for a smaller range: it is clamped.
class ReplaySource {
 public:
  explicit ReplaySource(std::shared_ptr<const std::vector<uint64_t>> choices)
      : choices_(std::move(choices)) {}
  uint64_t Below(uint64_t n) {
    const uint64_t recorded = next_ < choices_->size() ? (*choices_)[next_] : 0;
    ++next_;
    const uint64_t v = *rc::gen::shrink(
        rc::gen::just(recorded),
        [](uint64_t x) { return rc::shrink::towards<uint64_t>(x, 0); });
    return v < n ? v : n - 1;
  }

 private:
  std::shared_ptr<const std::vector<uint64_t>> choices_;
  size_t next_ = 0;
};

// The first operation, set up or any (GenerateTrace).
template <class S>
dbgref_op GenerateFirstOp(S& s, const dbgref_program& p) {
  return Pick(s, {1, 2}) == 1 ? GenSetGuestDebug(s, p, false)
                              : GenerateOp(s, p, DBGREF_OP_KIND_COUNT);
}

// The number of operations: mostly a few, sometimes up to max_ops.
template <class S>
uint64_t GenOpCount(S& s, int max_ops) {
  const uint64_t most = max_ops < 1 ? 1 : static_cast<uint64_t>(max_ops);
  const uint64_t least = Pick(s, {1, 1}) == 0 ? 1 : (most + 1) / 2;
  return least + s.Below(most - least + 1);
}

}  // namespace

uint64_t HostRegisterValue(int bank, int index) {
  return 0x4057000000ull | (uint64_t(bank) << 8) | uint64_t(index);
}

uint64_t Dfr0(uint32_t brps_field, uint32_t wrps_field) {
  return (uint64_t{brps_field} << DBGREF_DFR0_BRPS_SHIFT) |
         (uint64_t{wrps_field} << DBGREF_DFR0_WRPS_SHIFT) | 0x6;
}

uint64_t BreakpointControl(bool enabled, uint32_t pmc) {
  return (enabled ? DBGREF_BCR_E : 0) |
         (uint64_t{pmc} << DBGREF_BCR_PMC_SHIFT) |
         (uint64_t{0xf} << DBGREF_BCR_BAS_SHIFT);
}

uint64_t WatchpointControl(bool enabled, uint32_t pac, uint32_t lsc,
                           uint32_t bas) {
  return (enabled ? DBGREF_WCR_E : 0) |
         (uint64_t{pac} << DBGREF_WCR_PAC_SHIFT) |
         (uint64_t{lsc} << DBGREF_WCR_LSC_SHIFT) |
         (uint64_t{bas} << DBGREF_WCR_BAS_SHIFT);
}

uint64_t FastSource::Below(uint64_t n) {
  state_ += 0x9e3779b97f4a7c15ull;
  uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  const uint64_t v = n <= 1 ? 0 : z % n;
  if (record_ != nullptr) record_->push_back(v);
  return v;
}

template <class Source>
void GenerateTrace(Source& source, int max_ops, trace::Trace& out) {
  out.host = GenerateHost(source);
  GenerateProgram(source, out.program);
  const uint64_t ops = GenOpCount(source, max_ops);
  out.ops.clear();
  for (uint64_t i = 0; i < ops; ++i) {
    // A debugger mostly sets up guest debug before it runs the guest.
    out.ops.push_back(
        i == 0 ? GenerateFirstOp(source, out.program)
               : GenerateOp(source, out.program, out.ops.back().kind));
  }
}

template void GenerateTrace<FastSource>(FastSource&, int, trace::Trace&);

void GenerateSequence(uint64_t seed, int max_ops, trace::Trace& out,
                      std::vector<uint64_t>* choices) {
  FastSource source(seed, choices);
  GenerateTrace(source, max_ops, out);
}

rc::Gen<trace::Trace> GenTrace(int max_ops) {
  return rc::gen::exec([max_ops] {
    RcSource source;
    trace::Trace t;
    GenerateTrace(source, max_ops, t);
    return t;
  });
}

rc::Shrinkable<trace::Trace> ShrinkableSequence(
    const std::vector<uint64_t>& choices, int max_ops) {
  auto shared = std::make_shared<const std::vector<uint64_t>>(choices);
  const rc::Gen<trace::Trace> gen = rc::gen::exec([shared, max_ops] {
    ReplaySource source(shared);
    trace::Trace t;
    GenerateTrace(source, max_ops, t);
    return t;
  });
  return gen(rc::Random(0), rc::kNominalSize);
}

}  // namespace dbgref::props
