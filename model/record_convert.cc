// Conversions between the C records of model/record.h and the model's
// concrete values; the observation's go field by field over its one list.
#include "model/record_convert.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "model/field_name.h"
#include "model/record_ops.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

static_assert(sizeof(DebugRegs<C>) == sizeof(kvm_guest_debug_arch),
              "DebugRegs has the layout of kvm_guest_debug_arch");
static_assert(std::is_trivially_copyable_v<DebugRegs<C>>,
              "DebugRegs copies as bytes");

// Copies an observation field by field between the model's record and the
// C record (WalkObs visits both with the same names).
struct ObsToRecord {
  template <class T>
  void Word(const FieldName&, const uint64_t& from, T& to) {
    to = static_cast<T>(from);
  }
  void Bool(const FieldName&, const bool& from, uint32_t& to) {
    to = from ? 1 : 0;
  }
  void Regs(const FieldName&, const DebugRegs<C>& from,
            kvm_guest_debug_arch& to) {
    ToRecord(from, &to);
  }
};

// The same, clearing the record's debug registers instead of copying them.
struct ObsToRecordWithZeroRegs : ObsToRecord {
  bool clear;
  void Regs(const FieldName&, const DebugRegs<C>&, kvm_guest_debug_arch& to) {
    if (clear) std::memset(&to, 0, sizeof(to));
  }
};

struct ObsFromRecord {
  template <class T>
  void Word(const FieldName&, const T& from, uint64_t& to) {
    to = static_cast<uint64_t>(from);
  }
  void Bool(const FieldName&, const uint32_t& from, bool& to) {
    to = from != 0;
  }
  void Regs(const FieldName&, const kvm_guest_debug_arch& from,
            DebugRegs<C>& to) {
    to = FromRecord(from);
  }
};

// The bytes of struct dbgref_obs that no field covers (padding), found
// once from the record's field runs: ToRecord writes every field and
// zeroes these, so that equal observations are equal bytes, without
// clearing the whole record first.
const std::vector<ByteRun>& ObsPadding() {
  static const std::vector<ByteRun> padding = [] {
    std::vector<ByteRun> fields = FieldByteRuns<dbgref_obs>(kWalkObs);
    std::sort(
        fields.begin(), fields.end(),
        [](const ByteRun& a, const ByteRun& b) { return a.begin < b.begin; });
    std::vector<ByteRun> gaps;
    std::size_t at = 0;
    for (const ByteRun& f : fields) {
      if (f.begin > at) gaps.push_back(ByteRun{at, f.begin});
      at = std::max(at, f.end);
    }
    if (at < sizeof(dbgref_obs)) {
      gaps.push_back(ByteRun{at, sizeof(dbgref_obs)});
    }
    return gaps;
  }();
  return padding;
}

}  // namespace

DebugRegs<C> FromRecord(const kvm_guest_debug_arch& arch) {
  DebugRegs<C> regs;
  std::memcpy(regs.bcr.data(), arch.dbg_bcr, sizeof(arch.dbg_bcr));
  std::memcpy(regs.bvr.data(), arch.dbg_bvr, sizeof(arch.dbg_bvr));
  std::memcpy(regs.wcr.data(), arch.dbg_wcr, sizeof(arch.dbg_wcr));
  std::memcpy(regs.wvr.data(), arch.dbg_wvr, sizeof(arch.dbg_wvr));
  return regs;
}

void ToRecord(const DebugRegs<C>& regs, kvm_guest_debug_arch* arch) {
  std::memcpy(arch->dbg_bcr, regs.bcr.data(), sizeof(arch->dbg_bcr));
  std::memcpy(arch->dbg_bvr, regs.bvr.data(), sizeof(arch->dbg_bvr));
  std::memcpy(arch->dbg_wcr, regs.wcr.data(), sizeof(arch->dbg_wcr));
  std::memcpy(arch->dbg_wvr, regs.wvr.data(), sizeof(arch->dbg_wvr));
}

kvm_guest_debug_arch ToRecord(const DebugRegs<C>& regs) {
  kvm_guest_debug_arch arch;
  ToRecord(regs, &arch);
  return arch;
}

Host<C> FromRecord(const dbgref_host& host) {
  return Host<C>{host.id_aa64dfr0_el1, FromRecord(host.host_regs)};
}

Insn<C> FromRecord(const dbgref_insn& i) {
  return Insn<C>{i.kind, i.size, i.addr, i.reg, i.reg_index, i.value, i.imm};
}

Program<C, DBGREF_MAX_PROGRAM_LINES> FromRecord(const dbgref_program& p) {
  Program<C, DBGREF_MAX_PROGRAM_LINES> out;
  for (std::size_t i = 0; i < DBGREF_MAX_PROGRAM_LINES; ++i) {
    if (i < p.count) {
      out.line[i] = Line<C>{p.line[i].pc, FromRecord(p.line[i].insn)};
    } else {
      out.line[i] = Line<C>{kNoLinePc, InsnOfKind<C>(DBGREF_INSN_NOP)};
    }
  }
  return out;
}

Op<C> IoctlOpFromRecord(const dbgref_op& op) {
  // Only KVM_SET_GUEST_DEBUG takes a struct kvm_guest_debug: for any other
  // ioctl its registers are no argument, and the input's are 0.
  Op<C> in{op.kind, op.cap, op.dbg.control, {}, op.reg, op.reg_index, op.value};
  if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) in.arch = FromRecord(op.dbg.arch);
  return in;
}

namespace {

void ZeroPadding(dbgref_obs* r) {
  for (const ByteRun& gap : ObsPadding()) {
    std::memset(reinterpret_cast<char*>(r) + gap.begin, 0, gap.end - gap.begin);
  }
}

}  // namespace

void ToRecord(const Obs<C>& o, dbgref_obs* r) {
  ObsToRecord copy;
  WalkObs(copy, FieldName(""), o, *r);
  ZeroPadding(r);
}

void ToRecordWithZeroRegs(const Obs<C>& o, dbgref_obs* r, bool clear) {
  ObsToRecordWithZeroRegs copy;
  copy.clear = clear;
  WalkObs(copy, FieldName(""), o, *r);
  if (clear) ZeroPadding(r);
}

dbgref_obs ToRecord(const Obs<C>& o) {
  dbgref_obs r;
  ToRecord(o, &r);
  return r;
}

Obs<C> FromRecord(const dbgref_obs& r) {
  Obs<C> o = ZeroObs<C>(0, 0);
  ObsFromRecord copy;
  WalkObs(copy, FieldName(""), r, o);
  return o;
}

}  // namespace dbgref::model
