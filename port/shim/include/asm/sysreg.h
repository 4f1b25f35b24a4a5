/*
 * Access to the simulated CPU's registers, in the shape of the kernel's
 * read_sysreg/write_sysreg (arch/arm64/include/asm/sysreg.h), on the model's
 * CPU embedded in it (port/shim/cpu.h). read_debug/write_debug name a bank
 * (bcr, bvr, wcr, wvr) and an index, standing for the MRS/MSR of
 * DBG<bank><n>_EL1 that hyp.S issues; read_gpr/write_gpr the general
 * purpose registers, which hyp.S saves and restores as a block (x2 is the
 * CPU's transfer register).
 */
#ifndef DBGREF_SHIM_ASM_SYSREG_H
#define DBGREF_SHIM_ASM_SYSREG_H

#include "port/shim/cpu.h"

/* Where each register lives in struct dbgref_arch_cpu. */
#define DBGREF_SYSREG_mdscr_el1		arch.mdscr_el1
#define DBGREF_SYSREG_mdccint_el1	arch.mdccint_el1
#define DBGREF_SYSREG_mdcr_el2		arch.mdcr_el2
#define DBGREF_SYSREG_elr_el2		arch.pc
#define DBGREF_SYSREG_spsr_el2		arch.pstate
#define DBGREF_SYSREG_esr_el2		arch.esr_el2
#define DBGREF_SYSREG_far_el2		arch.far_el2
#define DBGREF_SYSREG_elr_el1		arch.elr_el1
#define DBGREF_SYSREG_spsr_el1		arch.spsr_el1
#define DBGREF_SYSREG_esr_el1		arch.esr_el1
#define DBGREF_SYSREG_far_el1		arch.far_el1

#define read_sysreg(r)		(dbgref_this_cpu->DBGREF_SYSREG_##r)
#define write_sysreg(v, r)	(dbgref_this_cpu->DBGREF_SYSREG_##r = (v))
#define read_debug(b, n)	(dbgref_this_cpu->arch.dbg.dbg_##b[(n)])
#define write_debug(v, b, n)	\
	(dbgref_this_cpu->arch.dbg.dbg_##b[(n)] = (v))
#define read_gpr(n)		(*dbgref_cpu_gpr(dbgref_this_cpu, (n)))
#define write_gpr(v, n)		\
	(*dbgref_cpu_gpr(dbgref_this_cpu, (n)) = (v))

#endif /* DBGREF_SHIM_ASM_SYSREG_H */
