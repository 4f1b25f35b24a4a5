/*
 * Access to the simulated CPU's system registers, in the shape of the
 * kernel's read_sysreg/write_sysreg (arch/arm64/include/asm/sysreg.h).
 * read_debug/write_debug name a bank (bcr, bvr, wcr, wvr) and an index,
 * standing for the MRS/MSR of DBG<bank><n>_EL1 that hyp.S issues.
 */
#ifndef DBGREF_SHIM_ASM_SYSREG_H
#define DBGREF_SHIM_ASM_SYSREG_H

#include "port/shim/cpu.h"

#define read_sysreg(r)		(dbgref_this_cpu->r)
#define write_sysreg(v, r)	(dbgref_this_cpu->r = (v))
#define read_debug(b, n)	(dbgref_this_cpu->dbg.dbg_##b[(n)])
#define write_debug(v, b, n)	(dbgref_this_cpu->dbg.dbg_##b[(n)] = (v))

#endif /* DBGREF_SHIM_ASM_SYSREG_H */
