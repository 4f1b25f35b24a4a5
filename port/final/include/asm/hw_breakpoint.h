/*
 * final: the breakpoint and watchpoint counts (arch/arm64/include/asm/
 * hw_breakpoint.h), moved here by the patch from hw_breakpoint.c so that
 * KVM can use them.
 */
#ifndef DBGREF_FINAL_ASM_HW_BREAKPOINT_H
#define DBGREF_FINAL_ASM_HW_BREAKPOINT_H

#include <asm/cputype.h>

/* Determine number of BRP registers available. */
static inline int get_num_brps(void)
{
	return ((read_cpuid(ID_AA64DFR0_EL1) >> 12) & 0xf) + 1;
}

/* Determine number of WRP registers available. */
static inline int get_num_wrps(void)
{
	return ((read_cpuid(ID_AA64DFR0_EL1) >> 20) & 0xf) + 1;
}

#endif /* DBGREF_FINAL_ASM_HW_BREAKPOINT_H */
