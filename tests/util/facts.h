// The architecture and kernel facts the tests' expectations are written
// from, as literal numbers with where each comes from (KERNEL-CONTEXT.md
// "Constants", "The architecture around guest debug"; spec/sources.md;
// spec/execution.md for the guest's layout). They are deliberately not the
// model's own constants (model/arch/registers.h, model/uapi.h,
// model/guest_layout.h): a test that expects one of these values fails
// when the model has the constant wrong, instead of agreeing with it.
#ifndef DBGREF_TESTS_UTIL_FACTS_H_
#define DBGREF_TESTS_UTIL_FACTS_H_

#include <cstdint>

namespace dbgref::facts {

// MDCR_EL2 (asm/kvm_arm.h): TPMCR bit 5, TPM 6, HPME 7, TDE 8, TDA 9,
// TDOSA 10, TDRA 11.
inline constexpr uint64_t kTpmcr = 0x20;
inline constexpr uint64_t kTpm = 0x40;
inline constexpr uint64_t kTde = 0x100;
inline constexpr uint64_t kTda = 0x200;
inline constexpr uint64_t kTdosa = 0x400;
inline constexpr uint64_t kTdra = 0x800;
// setup_debug always sets TPM, TPMCR, TDRA and TDOSA (kc:"Guest debug
// before patch 08").
inline constexpr uint64_t kMdcrAlways = 0xc60;
static_assert(kMdcrAlways == (kTpm | kTpmcr | kTdra | kTdosa));
// The trap bits the observation keeps (spec/decisions.md, "MDCR_EL2 bits
// observed").
inline constexpr uint64_t kMdcrObserved = 0xf60;

// MDSCR_EL1 (asm/debug-monitors.h): SS bit 0, KDE bit 13, MDE bit 15.
inline constexpr uint64_t kMdscrSs = 0x1;
inline constexpr uint64_t kMdscrKde = 0x2000;
inline constexpr uint64_t kMdscrMde = 0x8000;

// SPSR/PSTATE: SS bit 21 (DBG_SPSR_SS), D bit 9; EL1h is mode 0x5.
inline constexpr uint64_t kPstateSs = 0x200000;
inline constexpr uint64_t kPstateD = 0x200;
// Where a guest starts (spec/execution.md): EL1h, D clear, A, I, F set.
inline constexpr uint64_t kStartPstate = 0x1c5;
// What an exception taken to EL1 leaves in PSTATE: EL1h, D, A, I, F set,
// SS clear ([arm:exception-entry]).
inline constexpr uint64_t kExceptionPstate = 0x3c5;

// KVM_SET_GUEST_DEBUG control bits (uapi).
inline constexpr uint32_t kEnable = 0x1;
inline constexpr uint32_t kSingleStep = 0x2;
inline constexpr uint32_t kUseSwBp = 0x10000;
inline constexpr uint32_t kUseHw = 0x20000;
inline constexpr uint32_t kValidMask = 0x30003;

// kvm_run exit reasons; errors as the ioctls return them.
inline constexpr uint32_t kExitDebug = 4;
inline constexpr uint32_t kExitMmio = 6;
inline constexpr uint32_t kExitIntr = 10;
inline constexpr int64_t kEinval = -22;
inline constexpr int64_t kEnoent = -2;
inline constexpr int64_t kEintr = -4;

// ID_AA64DFR0_EL1: BRPs bits [15:12], WRPs [23:20], each the count minus
// one.
constexpr uint64_t Dfr0(unsigned brps_field, unsigned wrps_field) {
  return (uint64_t{brps_field} << 12) | (uint64_t{wrps_field} << 20);
}

// ESR_ELx: EC bits [31:26], IL bit 25; the debug fault status code 0x22
// of breakpoints, steps and watchpoints; ISV bit 24 of a step; WnR bit 6
// of a watchpoint ([arm:esr]).
constexpr uint64_t Esr(uint64_t ec, uint64_t iss) {
  return (ec << 26) | (uint64_t{1} << 25) | iss;
}
inline constexpr uint64_t kDebugFsc = 0x22;
inline constexpr uint64_t kStepIsv = uint64_t{1} << 24;
inline constexpr uint64_t kWnr = uint64_t{1} << 6;
// Exception classes (asm/esr.h).
inline constexpr uint64_t kEcUnknown = 0x00;
inline constexpr uint64_t kEcSys64 = 0x18;
inline constexpr uint64_t kEcDabtLow = 0x24;
inline constexpr uint64_t kEcBreakptLow = 0x30;
inline constexpr uint64_t kEcBreakptCur = 0x31;
inline constexpr uint64_t kEcSoftstpLow = 0x32;
inline constexpr uint64_t kEcSoftstpCur = 0x33;
inline constexpr uint64_t kEcWatchptLow = 0x34;
inline constexpr uint64_t kEcWatchptCur = 0x35;
inline constexpr uint64_t kEcBrk64 = 0x3c;

// The syndromes of the debug exits to userspace, as numbers.
inline constexpr uint64_t kBreakpointExit = 0xc2000022;  // EC 0x30
inline constexpr uint64_t kStepExit = 0xca000022;        // EC 0x32, ISV 0
inline constexpr uint64_t kStepExitIsv = 0xcb000022;     // EC 0x32, ISV 1
inline constexpr uint64_t kWatchLoadExit = 0xd2000022;   // EC 0x34
inline constexpr uint64_t kWatchStoreExit = 0xd2000062;  // EC 0x34, WnR
constexpr uint64_t BrkExit(uint64_t imm) { return 0xf2000000 | imm; }
// The same taken by the guest itself (..._CUR), and an UNDEF (EC 0).
inline constexpr uint64_t kOwnBreakpoint = 0xc6000022;  // EC 0x31
inline constexpr uint64_t kOwnStep = 0xce000022;        // EC 0x33, ISV 0
inline constexpr uint64_t kOwnStepIsv = 0xcf000022;     // EC 0x33, ISV 1
inline constexpr uint64_t kOwnWatchLoad = 0xd6000022;   // EC 0x35
inline constexpr uint64_t kOwnWatchStore = 0xd6000062;  // EC 0x35, WnR
inline constexpr uint64_t kUndef = 0x02000000;          // EC 0, IL
static_assert(kBreakpointExit == Esr(kEcBreakptLow, kDebugFsc));
static_assert(kStepExitIsv == Esr(kEcSoftstpLow, kDebugFsc | kStepIsv));
static_assert(kWatchStoreExit == Esr(kEcWatchptLow, kDebugFsc | kWnr));
static_assert(kOwnStep == Esr(kEcSoftstpCur, kDebugFsc));
static_assert(kUndef == Esr(kEcUnknown, 0));

// A trapped MRS or MSR (EC 0x18): Op0 [21:20], Op2 [19:17], Op1 [16:14],
// CRn [13:10], Rt [9:5], CRm [4:1], direction bit 0 (1 = read); the
// model's CPU names X2 as Rt. DBGBVRn_EL1 is (2, 0, 0, n, 4), DBGBCRn 5,
// DBGWVRn 6, DBGWCRn 7; MDSCR_EL1 (2, 0, 0, 2, 2); MDCCINT_EL1
// (2, 0, 0, 2, 0); OSLAR_EL1 (2, 0, 1, 0, 4); OSLSR_EL1 (2, 0, 1, 1, 4).
constexpr uint64_t Sys64(uint64_t op0, uint64_t op1, uint64_t crn, uint64_t crm,
                         uint64_t op2, bool read) {
  return Esr(kEcSys64, (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) |
                           (uint64_t{2} << 5) | (crm << 1) | (read ? 1 : 0));
}

// A data abort of the guest's report: an 8-byte store of XZR, ISV, SAS 3,
// SRT 31, SF, WnR, a level 3 translation fault.
inline constexpr uint64_t kMmioStoreAbort = 0x93df8047;
static_assert(kMmioStoreAbort ==
              Esr(kEcDabtLow, (uint64_t{1} << 24) | (uint64_t{3} << 22) |
                                  (uint64_t{31} << 16) | (uint64_t{1} << 15) |
                                  kWnr | 0x07));

// Breakpoint and watchpoint control words a debugger writes: an enabled
// breakpoint on an A64 instruction at EL1 and EL0 (E, PMC 0b11, BAS
// 0b1111); at EL1 only (PMC 0b01); an enabled watchpoint on the whole
// doubleword (E, PAC 0b11, BAS 0xff) for loads and stores (LSC 0b11),
// stores only (0b10) or loads only (0b01).
inline constexpr uint64_t kBcrOn = 0x1e7;
inline constexpr uint64_t kBcrEl1 = 0x1e3;
inline constexpr uint64_t kWcrAll = 0x1fff;
inline constexpr uint64_t kWcrStores = 0x1ff7;
inline constexpr uint64_t kWcrLoads = 0x1fef;

// OSLSR_EL1: OSLM 0b10 (bit 3), OSLK bit 1 ([arm:os-lock]).
inline constexpr uint64_t kOslsrUnlocked = 0x8;
inline constexpr uint64_t kOslsrLocked = 0xa;

// The guest's layout (spec/execution.md, "The guest").
inline constexpr uint64_t kCodeBase = 0x10000;
inline constexpr uint64_t kDataBase = 0x20000;
inline constexpr uint64_t kVectorSync = 0x200;   // VBAR_EL1 0, + 0x200
inline constexpr uint64_t kHandlerEret = 0x230;  // 13 instructions
inline constexpr uint64_t kMmioReport = 0x10000000;
inline constexpr uint64_t kMmioException = 0x10000008;
inline constexpr uint64_t kMmioEnd = 0x10000010;

// The address of line n of a program built from kCodeBase.
constexpr uint64_t Line(int n) { return kCodeBase + 4 * uint64_t(n); }

// The bound on a KVM_RUN (spec/decisions.md, "The bound on a KVM_RUN").
inline constexpr uint64_t kMaxGuestSteps = 40;

}  // namespace dbgref::facts

#endif  // DBGREF_TESTS_UTIL_FACTS_H_
