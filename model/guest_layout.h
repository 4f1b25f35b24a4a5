/*
 * The guest's layout and runtime convention (spec/execution.md, "The
 * guest"): where the runtime's exception handler sits, the code and data
 * regions of a program, the MMIO report addresses, and the state a guest
 * starts from. The model's runtime and the real-kernel oracle's guest
 * (oracle/) use these numbers alike. Valid C11, C++17 and GNU as.
 */
#ifndef DBGREF_MODEL_GUEST_LAYOUT_H_
#define DBGREF_MODEL_GUEST_LAYOUT_H_

#ifdef __ASSEMBLER__
#define DBGREF_U64(x) x
#else
#define DBGREF_U64(x) x##ull
#endif

/* VBAR_EL1, and the guest's own exception handler at the vector of
 * "current EL with SPx, synchronous" (VBAR_EL1 + 0x200): 13 instructions,
 * the first a report store to DBGREF_MMIO_EXCEPTION, the last an ERET. */
#define DBGREF_VBAR DBGREF_U64(0x0)
#define DBGREF_HANDLER_ADDR DBGREF_U64(0x200)
#define DBGREF_HANDLER_INSNS 13
#define DBGREF_HANDLER_REPORT_ADDR DBGREF_HANDLER_ADDR
#define DBGREF_HANDLER_ERET_ADDR \
  (DBGREF_HANDLER_ADDR + 4 * (DBGREF_HANDLER_INSNS - 1))

/* The program's instructions; every word of the region that holds none is
 * the END report store. */
#define DBGREF_CODE_BASE DBGREF_U64(0x10000)
#define DBGREF_CODE_SIZE DBGREF_U64(0x10000)
/* Loads and stores. */
#define DBGREF_DATA_BASE DBGREF_U64(0x20000)
#define DBGREF_DATA_SIZE DBGREF_U64(0x10000)

/* The MMIO report addresses, outside guest memory: a store there is a
 * KVM_EXIT_MMIO. REPORT is the program's, EXCEPTION the handler's, END the
 * store that fills the code region. */
#define DBGREF_MMIO_REPORT DBGREF_U64(0x10000000)
#define DBGREF_MMIO_EXCEPTION DBGREF_U64(0x10000008)
#define DBGREF_MMIO_END DBGREF_U64(0x10000010)
/* Every report stores 8 bytes of zero (XZR). */
#define DBGREF_MMIO_REPORT_SIZE 8

/* Where a guest starts, and where KVM_ARM_VCPU_INIT leaves it once the
 * runtime has set it up again: the start of the code region, at EL1h with
 * debug exceptions unmasked (PSTATE.D clear) and A, I and F masked. */
#define DBGREF_START_PC DBGREF_CODE_BASE
#define DBGREF_START_PSTATE DBGREF_U64(0x1c5)

#endif /* DBGREF_MODEL_GUEST_LAYOUT_H_ */
