// The debug registers: the four banks of breakpoint and watchpoint
// registers (DBGBCRn/BVRn/WCRn/WVRn_EL1, n = 0..15), and access by
// (register kind, index), both possibly symbolic, to them and to MDSCR_EL1
// and MDCCINT_EL1 of any record that holds them (the CPU, the guest context
// KVM keeps, the guest's intended view).
#ifndef DBGREF_MODEL_ARCH_DEBUG_REGS_H_
#define DBGREF_MODEL_ARCH_DEBUG_REGS_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "model/domain.h"
#include "model/field_name.h"
#include "model/record.h"
#include "model/record_ops.h"

namespace dbgref::model {

// The four banks, in the order of struct kvm_guest_debug_arch.
template <class D>
struct DebugRegs {
  Bank<D> bcr;
  Bank<D> bvr;
  Bank<D> wcr;
  Bank<D> wvr;
};

// The field walkers of these records: f.Word(name, field...) for every
// word, f.Bool(name, field...) for every truth value, with the field of
// each record r... in parallel (records of one shape, possibly of different
// domains) and a dotted name. Every list of these records' fields (copies,
// comparisons, fresh symbolic values, printing) is derived from them.
template <class F, class... R>
void WalkBank(F& f, const FieldName& name, R&... bank) {
  static_assert(kEntryIndexCount >= kBankSize);
  for (std::size_t n = 0; n < kBankSize; ++n) {
    f.Word(FieldName(name, kEntryIndex[n]), bank[n]...);
  }
}

template <class F, class... R>
void WalkRegs(F& f, const FieldName& prefix, R&... r) {
  WalkBank(f, FieldName(prefix, "bcr"), r.bcr...);
  WalkBank(f, FieldName(prefix, "bvr"), r.bvr...);
  WalkBank(f, FieldName(prefix, "wcr"), r.wcr...);
  WalkBank(f, FieldName(prefix, "wvr"), r.wvr...);
}

template <class D>
DebugRegs<D> ZeroRegs() {
  if constexpr (std::is_same_v<WordOf<D>, uint64_t>) {
    // The same value on C++ words: every entry 0, made in place.
    return DebugRegs<D>{};
  } else {
    const Bank<D> zero = FillBank<D>(D::lit(0));
    return DebugRegs<D>{zero, zero, zero, zero};
  }
}

// Walks, as record_ops.h takes them.
inline constexpr auto kWalkRegs = [](auto& f, const FieldName& name,
                                     auto&... r) { WalkRegs(f, name, r...); };

template <class D>
DebugRegs<D> Select(const BoolOf<D>& c, const DebugRegs<D>& a,
                    const DebugRegs<D>& b) {
  return SelectRecord<D>(kWalkRegs, c, a, b);
}

// Select, to read from through a const reference (SelectedRecord).
template <class D>
decltype(auto) SelectedRegs(const BoolOf<D>& c, const DebugRegs<D>& a,
                            const DebugRegs<D>& b) {
  return SelectedRecord<D>(kWalkRegs, c, a, b);
}

// On C++ values RecordsEqual compares the banks' bytes at once.
template <class D>
BoolOf<D> RegsEq(const DebugRegs<D>& a, const DebugRegs<D>& b) {
  return RecordsEqual<D>(kWalkRegs, a, b);
}

// Register kinds (enum dbgref_reg_kind). Reads and writes here reach the
// banks, MDSCR_EL1 and MDCCINT_EL1 of a record r with fields dbg,
// mdscr_el1 and mdccint_el1; any other kind reads as 0 and a write to it
// changes nothing (the OS lock registers have rules of their own).
template <class D>
BoolOf<D> IsKind(const WordOf<D>& kind, dbgref_reg_kind k) {
  return D::eq(kind, D::lit(k));
}

// The value of register (kind, index); index selects within a bank (mod 16)
// and is ignored for MDSCR_EL1 and MDCCINT_EL1.
template <class D, class R>
WordOf<D> ReadReg(const R& c, const WordOf<D>& kind, const WordOf<D>& index) {
  WordOf<D> v = D::lit(0);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_MDCCINT), c.mdccint_el1, v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_MDSCR), c.mdscr_el1, v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_WVR), D::load(c.dbg.wvr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_WCR), D::load(c.dbg.wcr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_BVR), D::load(c.dbg.bvr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_BCR), D::load(c.dbg.bcr, index), v);
  return v;
}

// Register (kind, index) of c becomes value when enable holds.
template <class D, class R>
void WriteRegIf(R& c, const BoolOf<D>& enable, const WordOf<D>& kind,
                const WordOf<D>& index, const WordOf<D>& value) {
  auto on = [&](dbgref_reg_kind k) {
    return D::and_(enable, IsKind<D>(kind, k));
  };
  StoreIf<D>(c.dbg.bcr, on(DBGREF_REG_BCR), index, value);
  StoreIf<D>(c.dbg.bvr, on(DBGREF_REG_BVR), index, value);
  StoreIf<D>(c.dbg.wcr, on(DBGREF_REG_WCR), index, value);
  StoreIf<D>(c.dbg.wvr, on(DBGREF_REG_WVR), index, value);
  c.mdscr_el1 = D::ite(on(DBGREF_REG_MDSCR), value, c.mdscr_el1);
  c.mdccint_el1 = D::ite(on(DBGREF_REG_MDCCINT), value, c.mdccint_el1);
}

// dst becomes src when c holds.
template <class D>
void AssignIf(DebugRegs<D>& dst, const BoolOf<D>& c, const DebugRegs<D>& src) {
  AssignIf<D>(dst.bcr, c, src.bcr);
  AssignIf<D>(dst.bvr, c, src.bvr);
  AssignIf<D>(dst.wcr, c, src.wcr);
  AssignIf<D>(dst.wvr, c, src.wvr);
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_DEBUG_REGS_H_
