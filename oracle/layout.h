/*
 * The real-kernel oracle's own guest layout, on top of the guest layout the
 * model and the oracle share (model/guest_layout.h: the vector and handler
 * addresses, the code and data regions, the program's MMIO report
 * addresses, the start PC and PSTATE). Here: the memslots, the reset's
 * translation flush and its alias slot, the vectors that should never be
 * taken, the registers the runtime owns, and the runtime's two store
 * encodings. Shared by the aarch64 VMM, the guest runtime (runtime.S,
 * through the preprocessor) and the host side. Valid C11, C++17 and GNU as.
 * oracle/README.md documents the layout.
 */
#ifndef DBGREF_ORACLE_LAYOUT_H_
#define DBGREF_ORACLE_LAYOUT_H_

#include "model/guest_layout.h"

/* Guest RAM: IPA 0 to 0x30000 (192 KiB), in two memslots. Slot 0 holds the
 * runtime and the code region, 0 to 0x20000, and is read-only to the guest
 * (KVM_MEM_READONLY): a guest store there is a KVM_EXIT_MMIO, so no script
 * can change the runtime or the code of the scripts after it. Slot 1 is the
 * data region, read-write. */
#define DBGREF_RAM_BASE DBGREF_U64(0x0)
#define DBGREF_RAM_SIZE DBGREF_U64(0x30000)
#define DBGREF_READONLY_SIZE DBGREF_U64(0x20000)

/* VBAR_EL1 (DBGREF_VBAR) holds a 2 KiB vector table of 16 entries of 0x80
 * bytes. "Current EL with SPx, synchronous" is entry 4, the guest's own
 * handler at DBGREF_HANDLER_ADDR. */
#define DBGREF_VECTOR_ENTRY_SIZE 0x80
#define DBGREF_VECTOR_COUNT 16
#define DBGREF_HANDLER_VECTOR 4
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

/* The oracle's own MMIO report addresses, beside the program's
 * (DBGREF_MMIO_REPORT, _EXCEPTION, _END). An unexpected vector stores its
 * number (0..15) here, again and again. */
#define DBGREF_MMIO_UNEXPECTED DBGREF_U64(0x10000018)
/* The reset's translation flush is done. */
#define DBGREF_MMIO_FLUSHED DBGREF_U64(0x10000020)

/* Registers. x0..x23 are the program's; x24..x29 are the runtime's: x24..x27
 * the handler's scratch (and the flush's), x28 and x29 the report
 * addresses. */
#define DBGREF_PROGRAM_REGS 24
#define DBGREF_FIRST_RUNTIME_REG 24
#define DBGREF_REG_EXCEPTION 28 /* holds DBGREF_MMIO_EXCEPTION */
#define DBGREF_REG_END 29       /* holds DBGREF_MMIO_END */

/* `str xzr, [x29]`: the END report store that fills the code region. */
#define DBGREF_END_STORE_INSN 0xf90003bfu
/* `str xzr, [x28]`: the handler's EXCEPTION report store. */
#define DBGREF_EXCEPTION_STORE_INSN 0xf900039fu

#endif /* DBGREF_ORACLE_LAYOUT_H_ */
