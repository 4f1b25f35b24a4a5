/*
 * read_cpuid (arch/arm64/include/asm/cputype.h): reads the identification
 * register of the simulated CPU, whose value the test or the differential
 * check chooses through struct dbgref_host.
 */
#ifndef DBGREF_SHIM_ASM_CPUTYPE_H
#define DBGREF_SHIM_ASM_CPUTYPE_H

#include "port/shim/cpu.h"

#define read_cpuid(reg)		(dbgref_this_cpu->reg##_dbgref)
#define ID_AA64DFR0_EL1_dbgref	id_aa64dfr0_el1

#endif /* DBGREF_SHIM_ASM_CPUTYPE_H */
