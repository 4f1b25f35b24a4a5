// The guest-visible debug register file: the four banks of breakpoint and
// watchpoint registers (DBGBCRn/BVRn/WCRn/WVRn_EL1, n = 0..15), MDSCR_EL1,
// MDCCINT_EL1 and PSTATE.SS, with access by (register kind, index) where
// both may be symbolic. The same shape holds the guest context, the guest's
// intended view (ghost state) and the CPU's registers while the guest runs.
#ifndef DBGREF_MODEL_ARCH_DEBUG_REGS_H_
#define DBGREF_MODEL_ARCH_DEBUG_REGS_H_

#include <cstddef>

#include "model/domain.h"
#include "model/field_name.h"
#include "model/record_ops.h"
#include "model/record.h"

namespace dbgref::model {

// The four banks, in the order of struct kvm_guest_debug_arch.
template <class D>
struct DebugRegs {
  Bank<D> bcr;
  Bank<D> bvr;
  Bank<D> wcr;
  Bank<D> wvr;
};

// The debug state of one vCPU that the guest can see.
template <class D>
struct DebugContext {
  DebugRegs<D> regs;
  WordOf<D> mdscr_el1;
  WordOf<D> mdccint_el1;
  BoolOf<D> pstate_ss;
};

// The field walkers of these records: f.Word(name, field...) for every
// word, f.Bool(name, field...) for every truth value, with the field of
// each record r... in parallel (records of one shape, possibly of different
// domains) and a dotted name. Every list of these records' fields (copies,
// comparisons, fresh symbolic values, printing) is derived from them.
template <class F, class... R>
void WalkBank(F& f, const FieldName& name, R&... bank) {
  static_assert(sizeof(kEntryIndex) / sizeof(kEntryIndex[0]) == kBankSize);
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

template <class F, class... R>
void WalkContext(F& f, const FieldName& prefix, R&... c) {
  WalkRegs(f, prefix, c.regs...);
  f.Word(FieldName(prefix, "mdscr_el1"), c.mdscr_el1...);
  f.Word(FieldName(prefix, "mdccint_el1"), c.mdccint_el1...);
  f.Bool(FieldName(prefix, "pstate_ss"), c.pstate_ss...);
}

template <class D>
DebugRegs<D> ZeroRegs() {
  const Bank<D> zero = FillBank<D>(D::lit(0));
  return DebugRegs<D>{zero, zero, zero, zero};
}

template <class D>
DebugContext<D> ZeroContext() {
  return DebugContext<D>{ZeroRegs<D>(), D::lit(0), D::lit(0),
                         D::lit_bool(false)};
}

// Walks, as record_ops.h takes them.
inline constexpr auto kWalkRegs = [](auto& f, const FieldName& name,
                                     auto&... r) { WalkRegs(f, name, r...); };
inline constexpr auto kWalkContext = [](auto& f, const FieldName& name,
                                        auto&... c) {
  WalkContext(f, name, c...);
};

template <class D>
DebugRegs<D> Select(const BoolOf<D>& c, const DebugRegs<D>& a,
                    const DebugRegs<D>& b) {
  return SelectRecord<D>(kWalkRegs, c, a, b);
}

template <class D>
DebugContext<D> Select(const BoolOf<D>& c, const DebugContext<D>& a,
                       const DebugContext<D>& b) {
  return SelectRecord<D>(kWalkContext, c, a, b);
}

template <class D>
BoolOf<D> RegsEq(const DebugRegs<D>& a, const DebugRegs<D>& b) {
  return RecordsEqual<D>(kWalkRegs, a, b);
}

template <class D>
BoolOf<D> ContextEq(const DebugContext<D>& a, const DebugContext<D>& b) {
  return RecordsEqual<D>(kWalkContext, a, b);
}

// Register kinds (enum dbgref_reg_kind). A kind outside 0..5 names no
// register: it reads as 0 and a write to it changes nothing.
template <class D>
BoolOf<D> IsKind(const WordOf<D>& kind, dbgref_reg_kind k) {
  return D::eq(kind, D::lit(k));
}

// The value of register (kind, index); index selects within a bank (mod 16)
// and is ignored for MDSCR_EL1 and MDCCINT_EL1.
template <class D>
WordOf<D> ReadReg(const DebugContext<D>& c, const WordOf<D>& kind,
                  const WordOf<D>& index) {
  WordOf<D> v = D::lit(0);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_MDCCINT), c.mdccint_el1, v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_MDSCR), c.mdscr_el1, v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_WVR), D::load(c.regs.wvr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_WCR), D::load(c.regs.wcr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_BVR), D::load(c.regs.bvr, index), v);
  v = D::ite(IsKind<D>(kind, DBGREF_REG_BCR), D::load(c.regs.bcr, index), v);
  return v;
}

// Register (kind, index) of c becomes value when enable holds.
template <class D>
void WriteRegIf(DebugContext<D>& c, const BoolOf<D>& enable,
                const WordOf<D>& kind, const WordOf<D>& index,
                const WordOf<D>& value) {
  auto on = [&](dbgref_reg_kind k) {
    return D::and_(enable, IsKind<D>(kind, k));
  };
  StoreIf<D>(c.regs.bcr, on(DBGREF_REG_BCR), index, value);
  StoreIf<D>(c.regs.bvr, on(DBGREF_REG_BVR), index, value);
  StoreIf<D>(c.regs.wcr, on(DBGREF_REG_WCR), index, value);
  StoreIf<D>(c.regs.wvr, on(DBGREF_REG_WVR), index, value);
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
