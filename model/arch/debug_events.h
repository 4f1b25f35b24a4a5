// Which debug events the CPU generates for the guest at EL1, and whether
// they are enabled (Arm ARM, D2 "AArch64 self-hosted debug"; each rule cites
// its source in spec/sources.md under the name in brackets):
//  - [arm:breakpoint-match] an instruction at pc matches breakpoint n when
//    DBGBCRn.E is 1, BT is 0b0000 (unlinked address match), BAS is 0b1111
//    (an A64 instruction), PMC selects EL1 (0b01 or 0b11) with HMC 0 and
//    SSC 0b00 or 0b01 (Non-secure EL1), and DBGBVRn bits [48:2] equal the
//    pc's. Linked, context, mismatch and other privilege settings are not
//    modelled: they never match here;
//  - [arm:watchpoint-match] an access of size bytes at addr matches
//    watchpoint n when DBGWCRn.E is 1, WT is 0 (unlinked), MASK is 0, PAC
//    selects EL1 (0b01 or 0b11) with HMC 0 and SSC 0b00 or 0b01, LSC
//    selects the access (bit 0 loads, bit 1 stores), and the access touches
//    a byte that BAS selects in the doubleword at DBGWVRn (bits [48:3]);
//    with DBGWVRn bit 2 set, BAS[3:0] select the upper word's bytes;
//  - [arm:debug-enable] breakpoint and watchpoint events need MDSCR_EL1.MDE,
//    software step needs MDSCR_EL1.SS; with MDCR_EL2.TDE set the debug
//    target is EL2 and every debug exception from EL1 is enabled; otherwise
//    the target is EL1 and they need MDSCR_EL1.KDE and PSTATE.D clear;
//  - [arm:os-lock] while the OS lock is locked no breakpoint, watchpoint or
//    software step event is generated (BRK still is).
#ifndef DBGREF_MODEL_ARCH_DEBUG_EVENTS_H_
#define DBGREF_MODEL_ARCH_DEBUG_EVENTS_H_

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "model/arch/debug_regs.h"
#include "model/arch/id_regs.h"
#include "model/arch/registers.h"
#include "model/domain.h"

namespace dbgref::model {

// Bits [48:2] and [48:3] of an address: what DBGBVR and DBGWVR compare.
inline constexpr uint64_t kBreakpointAddressMask = 0x0001fffffffffffcull;
inline constexpr uint64_t kWatchpointAddressMask = 0x0001fffffffffff8ull;

// The privilege fields of a control register select Non-secure EL1:
// PMC/PAC 0b01 or 0b11, HMC 0, SSC 0b00 or 0b01.
template <class D>
BoolOf<D> SelectsEl1(const WordOf<D>& ctrl) {
  const WordOf<D> pmc = Field<D>(ctrl, DBGREF_BCR_PMC_SHIFT, 0x3);
  const WordOf<D> ssc = Field<D>(ctrl, DBGREF_BCR_SSC_SHIFT, 0x3);
  return And3<D>(D::eq(D::band(pmc, D::lit(1)), D::lit(1)),
                 D::not_(AnyBits<D>(ctrl, DBGREF_BCR_HMC)),
                 D::ule(ssc, D::lit(1)));
}

// [arm:breakpoint-match] for one breakpoint.
template <class D>
BoolOf<D> BreakpointMatches(const WordOf<D>& bcr, const WordOf<D>& bvr,
                            const WordOf<D>& pc) {
  const BoolOf<D> address = D::eq(D::band(bvr, D::lit(kBreakpointAddressMask)),
                                  D::band(pc, D::lit(kBreakpointAddressMask)));
  // On C++ values the fields are decoded only for an enabled breakpoint
  // at the pc.
  return AndThen<D>(D::and_(AnyBits<D>(bcr, DBGREF_BCR_E), address), [&] {
    const BoolOf<D> unlinked_address =
        D::eq(Field<D>(bcr, DBGREF_BCR_BT_SHIFT, 0xf), D::lit(0));
    const BoolOf<D> a64 =
        D::eq(Field<D>(bcr, DBGREF_BCR_BAS_SHIFT, 0xf), D::lit(0xf));
    return And3<D>(unlinked_address, a64, SelectsEl1<D>(bcr));
  });
}

// Some implemented breakpoint of r matches pc.
template <class D>
BoolOf<D> AnyBreakpointMatches(const WordOf<D>& id_aa64dfr0_el1,
                               const DebugRegs<D>& r, const WordOf<D>& pc) {
  const WordOf<D> brps = BrpsField<D>(id_aa64dfr0_el1);
  BoolOf<D> any = D::lit_bool(false);
  for (std::size_t n = 0; n < kBankSize; ++n) {
    any = OrElse<D>(any, [&] {
      return AndThen<D>(D::ule(D::lit(n), brps), [&] {
        return BreakpointMatches<D>(r.bcr[n], r.bvr[n], pc);
      });
    });
  }
  return any;
}

// The bytes an access of size (1, 2, 4 or 8) at addr touches, as a mask
// over the doubleword it lies in (accesses are size-aligned).
template <class D>
WordOf<D> AccessByteMask(const WordOf<D>& addr, const WordOf<D>& size) {
  const WordOf<D> offset = D::band(addr, D::lit(7));
  if constexpr (std::is_same_v<WordOf<D>, uint64_t>) {
    // The same mask on C++ words, without the table.
    const bool sized = size == 1 || size == 2 || size == 4 || size == 8;
    return sized ? (((uint64_t{1} << size) - 1) << offset) & 0xff : 0;
  } else {
    WordOf<D> mask = D::lit(0);
    for (uint64_t bytes : {1, 2, 4, 8}) {
      for (uint64_t off = 0; off < 8; ++off) {
        const uint64_t m = (((uint64_t{1} << bytes) - 1) << off) & 0xff;
        const BoolOf<D> here =
            D::and_(D::eq(size, D::lit(bytes)), D::eq(offset, D::lit(off)));
        mask = D::ite(here, D::lit(m), mask);
      }
    }
    return mask;
  }
}

// [arm:watchpoint-match] for one watchpoint, on an access at addr that
// touches the bytes access_bytes (AccessByteMask) of its doubleword.
template <class D>
BoolOf<D> WatchpointMatchesBytes(const WordOf<D>& wcr, const WordOf<D>& wvr,
                                 const WordOf<D>& addr,
                                 const WordOf<D>& access_bytes,
                                 const BoolOf<D>& is_store) {
  const BoolOf<D> same_doubleword =
      D::eq(D::band(wvr, D::lit(kWatchpointAddressMask)),
            D::band(addr, D::lit(kWatchpointAddressMask)));
  // On C++ values the fields are decoded only for an enabled watchpoint on
  // the access's doubleword.
  return AndThen<D>(
      D::and_(AnyBits<D>(wcr, DBGREF_WCR_E), same_doubleword), [&] {
        const WordOf<D> lsc = Field<D>(wcr, DBGREF_WCR_LSC_SHIFT, 0x3);
        const BoolOf<D> kind =
            D::ite(is_store, AnyBits<D>(lsc, DBGREF_WCR_LSC_STORE),
                   AnyBits<D>(lsc, DBGREF_WCR_LSC_LOAD));
        const BoolOf<D> plain = D::and_(
            D::not_(AnyBits<D>(wcr, DBGREF_WCR_WT)),
            D::eq(Field<D>(wcr, DBGREF_WCR_MASK_SHIFT, 0x1f), D::lit(0)));
        const WordOf<D> bas = Field<D>(wcr, DBGREF_WCR_BAS_SHIFT, 0xff);
        const WordOf<D> selected = D::ite(
            AnyBits<D>(wvr, 0x4), D::band(D::shl(bas, 4), D::lit(0xf0)), bas);
        const BoolOf<D> touches =
            Ne<D>(D::band(selected, access_bytes), D::lit(0));
        return D::and_(And3<D>(plain, kind, touches), SelectsEl1<D>(wcr));
      });
}

// [arm:watchpoint-match] for one watchpoint, on an access of size bytes at
// addr.
template <class D>
BoolOf<D> WatchpointMatches(const WordOf<D>& wcr, const WordOf<D>& wvr,
                            const WordOf<D>& addr, const WordOf<D>& size,
                            const BoolOf<D>& is_store) {
  return WatchpointMatchesBytes<D>(wcr, wvr, addr,
                                   AccessByteMask<D>(addr, size), is_store);
}

// Some implemented watchpoint of r matches the access.
template <class D>
BoolOf<D> AnyWatchpointMatches(const WordOf<D>& id_aa64dfr0_el1,
                               const DebugRegs<D>& r, const WordOf<D>& addr,
                               const WordOf<D>& size,
                               const BoolOf<D>& is_store) {
  const WordOf<D> wrps = WrpsField<D>(id_aa64dfr0_el1);
  const WordOf<D> access_bytes = AccessByteMask<D>(addr, size);
  BoolOf<D> any = D::lit_bool(false);
  for (std::size_t n = 0; n < kBankSize; ++n) {
    any = OrElse<D>(any, [&] {
      return AndThen<D>(D::ule(D::lit(n), wrps), [&] {
        return WatchpointMatchesBytes<D>(r.wcr[n], r.wvr[n], addr, access_bytes,
                                         is_store);
      });
    });
  }
  return any;
}

// [arm:debug-enable], [arm:os-lock]: debug exceptions from EL1 reach their
// target: EL2 whenever MDCR_EL2.TDE is set; EL1 itself only with
// MDSCR_EL1.KDE set and PSTATE.D clear; and none while the OS lock is locked.
template <class D>
BoolOf<D> DebugExceptionsEnabled(const WordOf<D>& mdcr_el2,
                                 const WordOf<D>& mdscr_el1,
                                 const WordOf<D>& pstate,
                                 const BoolOf<D>& os_locked) {
  const BoolOf<D> to_el2 = AnyBits<D>(mdcr_el2, DBGREF_MDCR_TDE);
  const BoolOf<D> to_el1 =
      D::and_(AnyBits<D>(mdscr_el1, DBGREF_MDSCR_KDE),
              D::not_(AnyBits<D>(pstate, DBGREF_PSTATE_D)));
  return D::and_(D::not_(os_locked), D::or_(to_el2, to_el1));
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_ARCH_DEBUG_EVENTS_H_
