/*
 * The guest runtime: a 2 KiB vector table for EL1 and the reset's
 * translation flush, copied by the VMM to guest address 0 (VBAR_EL1) at
 * every script's reset. Entry 4 (current EL
 * with SPx, synchronous) is the guest's own exception handler; every other
 * entry reports its number to DBGREF_MMIO_UNEXPECTED, forever.
 * Layout and the handler's convention: oracle/layout.h, oracle/README.md.
 */
#include "oracle/layout.h"

	.section dbgref_runtime, "a"
	.global dbgref_runtime_image
dbgref_runtime_image:

/* An entry that reports "unexpected vector N" and stops there. */
.macro unexpected n
	.org \n * DBGREF_VECTOR_ENTRY_SIZE
	movz	x27, #\n
	movz	x26, #(DBGREF_MMIO_REPORT >> 16), lsl #16
1:	str	x27, [x26, #(DBGREF_MMIO_UNEXPECTED - DBGREF_MMIO_REPORT)]
	b	1b
.endm

	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
/* Current EL with SPx, synchronous: the handler, straight-line. */
	.org DBGREF_HANDLER_ADDR
handler:
	str	xzr, [x28]		/* report: EXCEPTION store */
	mrs	x27, esr_el1
	ubfx	x27, x27, #26, #6
	cmp	x27, #0x33		/* software step, same EL: resume at ELR */
	mrs	x26, elr_el1
	add	x25, x26, #4
	csel	x26, x26, x25, eq	/* otherwise resume at ELR + 4 */
	msr	elr_el1, x26
	mrs	x25, spsr_el1
	orr	x24, x25, #(1 << 21)
	csel	x25, x24, x25, eq	/* after a software step, SPSR.SS = 1 */
	msr	spsr_el1, x25
	eret
handler_end:
	.if handler_end - handler != DBGREF_HANDLER_INSNS * 4
	.error "the handler's length differs from DBGREF_HANDLER_INSNS"
	.endif

	unexpected 5
	unexpected 6
	unexpected 7
	unexpected 8
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

/* The reset's flush: drops every stage 1+2 translation that the CPU holds
 * for the guest, rewrites the words [x24, x25) through the alias so that
 * translated code of them is dropped too, clears x24..x26 and reports.
 * The VMM runs it once per reset, before the script's ops. */
	.org DBGREF_FLUSH_ADDR
	tlbi	vmalle1
	dsb	nsh
	isb
	cmp	x24, x25
	b.hs	2f
1:	ldr	w26, [x24]
	str	w26, [x24], #4
	cmp	x24, x25
	b.lo	1b
2:	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	dsb	nsh
	isb
3:	str	xzr, [x28, #(DBGREF_MMIO_FLUSHED - DBGREF_MMIO_EXCEPTION)]
	b	3b

	.org DBGREF_RUNTIME_SIZE
	.global dbgref_runtime_image_end
dbgref_runtime_image_end:
