/*
 * The guest's memory and register layout for the real-kernel oracle: where
 * the runtime's vectors and exception handler sit, the code and data
 * regions, the MMIO report addresses, the registers the runtime owns, and
 * the state every script starts from. Shared by the aarch64 VMM, the guest
 * runtime (runtime.S, through the preprocessor) and the host side, so that
 * all three agree on one set of numbers. Valid C11, C++17 and GNU as.
 * oracle/README.md documents the layout.
 */
#ifndef DBGREF_ORACLE_LAYOUT_H_
#define DBGREF_ORACLE_LAYOUT_H_

#ifdef __ASSEMBLER__
#define DBGREF_U64(x) x
#else
#define DBGREF_U64(x) x##ull
#endif

/* Guest RAM: IPA 0 to 0x30000 (192 KiB), in two memslots. Slot 0 holds the
 * runtime and the code region, 0 to 0x20000, and is read-only to the guest
 * (KVM_MEM_READONLY): a guest store there is a KVM_EXIT_MMIO, so no script
 * can change the runtime or the code of the scripts after it. Slot 1 is the
 * data region, read-write. */
#define DBGREF_RAM_BASE DBGREF_U64(0x0)
#define DBGREF_RAM_SIZE DBGREF_U64(0x30000)
#define DBGREF_READONLY_SIZE DBGREF_U64(0x20000)

/* VBAR_EL1: a 2 KiB vector table of 16 entries of 0x80 bytes. */
#define DBGREF_VBAR DBGREF_U64(0x0)
#define DBGREF_VECTOR_ENTRY_SIZE 0x80
#define DBGREF_VECTOR_COUNT 16
/* "Current EL with SPx, synchronous" is entry 4 (offset 0x200): the guest's
 * own handler. */
#define DBGREF_HANDLER_VECTOR 4
#define DBGREF_HANDLER_ADDR DBGREF_U64(0x200)
/* The handler's 13 instructions, 0x200 to 0x230; the first is the report
 * store, the last the ERET. */
#define DBGREF_HANDLER_INSNS 13
#define DBGREF_HANDLER_REPORT_ADDR DBGREF_U64(0x200)
#define DBGREF_HANDLER_ERET_ADDR DBGREF_U64(0x230)
/* The flush that every reset runs before the script (see oracle/README.md,
 * "QEMU's stale translations"): TLBI VMALLE1, then every word from x24 up to
 * x25 (alias addresses) loaded and stored back, so that QEMU drops the
 * translated code it holds for words the VMM changed; then x24..x26 = 0
 * and a store to DBGREF_MMIO_FLUSHED. */
#define DBGREF_FLUSH_ADDR DBGREF_U64(0x800)
/* Memslot 2: the read-only slot again, read-write, at this IPA, for the
 * flush's stores. Programs never use it. */
#define DBGREF_ALIAS_BASE DBGREF_U64(0x40000)
/* The runtime image (vectors, handler, flush) is copied to RAM_BASE and is
 * this long. */
#define DBGREF_RUNTIME_SIZE 0x1000

/* The program's instructions; every word not written by the script holds
 * the END report store. */
#define DBGREF_CODE_BASE DBGREF_U64(0x10000)
#define DBGREF_CODE_SIZE DBGREF_U64(0x10000)
/* Loads and stores; zero at reset. The one guest-writable part of RAM. */
#define DBGREF_DATA_BASE DBGREF_U64(0x20000)
#define DBGREF_DATA_SIZE DBGREF_U64(0x10000)

/* MMIO report addresses, outside the memslot: a store there is a
 * KVM_EXIT_MMIO to the VMM. */
#define DBGREF_MMIO_REPORT DBGREF_U64(0x10000000)
#define DBGREF_MMIO_EXCEPTION DBGREF_U64(0x10000008)
#define DBGREF_MMIO_END DBGREF_U64(0x10000010)
/* An unexpected vector stores its number (0..15) here, again and again. */
#define DBGREF_MMIO_UNEXPECTED DBGREF_U64(0x10000018)
/* The reset's translation flush is done. */
#define DBGREF_MMIO_FLUSHED DBGREF_U64(0x10000020)

/* Registers. x0..x23 are the program's; x24..x29 are the runtime's. */
#define DBGREF_FIRST_RUNTIME_REG 24
#define DBGREF_REG_EXCEPTION 28 /* holds DBGREF_MMIO_EXCEPTION */
#define DBGREF_REG_END 29       /* holds DBGREF_MMIO_END */

/* `str xzr, [x29]`: the END report store that fills the code region. */
#define DBGREF_END_STORE_INSN 0xf90003bfu
/* `str xzr, [x28]`: the handler's EXCEPTION report store. */
#define DBGREF_EXCEPTION_STORE_INSN 0xf900039fu

/* PSTATE at the start of a script: EL1h, D clear, A, I and F masked. */
#define DBGREF_RESET_PSTATE DBGREF_U64(0x1c5)
#define DBGREF_RESET_PC DBGREF_CODE_BASE

#endif /* DBGREF_ORACLE_LAYOUT_H_ */
