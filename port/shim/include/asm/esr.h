/*
 * ESR_ELx exception classes and fields (arch/arm64/include/asm/esr.h).
 * Values from model/arch/registers.h, so that the port and the model cannot disagree
 * on a constant.
 */
#ifndef DBGREF_SHIM_ASM_ESR_H
#define DBGREF_SHIM_ASM_ESR_H

#include <linux/types.h>

#include "model/arch/registers.h"

#define ESR_ELx_EC_SHIFT	DBGREF_ESR_EC_SHIFT
#define ESR_ELx_EC_MASK		(0x3fU << ESR_ELx_EC_SHIFT)
#define ESR_ELx_EC(esr)		(((esr) & ESR_ELx_EC_MASK) >> ESR_ELx_EC_SHIFT)
#define ESR_ELx_IL		(1U << 25)
#define ESR_ELx_ISS_MASK	(ESR_ELx_IL - 1)

/* The ISS of a data abort (ESR_ELx_EC_DABT_LOW). */
#define ESR_ELx_ISV		((u32)DBGREF_ESR_DABT_ISV)
#define ESR_ELx_SAS_SHIFT	DBGREF_ESR_DABT_SAS_SHIFT
#define ESR_ELx_SAS		(3U << ESR_ELx_SAS_SHIFT)
#define ESR_ELx_SRT_SHIFT	DBGREF_ESR_DABT_SRT_SHIFT
#define ESR_ELx_SRT_MASK	(0x1fU << ESR_ELx_SRT_SHIFT)
#define ESR_ELx_SF		((u32)DBGREF_ESR_DABT_SF)
#define ESR_ELx_WNR		((u32)DBGREF_ESR_WNR)

/* The ISS of a trapped MRS/MSR (ESR_ELx_EC_SYS64): Rt and the direction. */
#define ESR_ELx_SYS64_ISS_RT_SHIFT	5
#define ESR_ELx_SYS64_ISS_RT_MASK	(0x1fU << ESR_ELx_SYS64_ISS_RT_SHIFT)
#define ESR_ELx_SYS64_ISS_DIR_READ	1U

#define ESR_ELx_EC_UNKNOWN	DBGREF_EC_UNKNOWN
#define ESR_ELx_EC_WFx		DBGREF_EC_WFX
#define ESR_ELx_EC_HVC64	DBGREF_EC_HVC64
#define ESR_ELx_EC_SYS64	DBGREF_EC_SYS64
#define ESR_ELx_EC_IABT_LOW	DBGREF_EC_IABT_LOW
#define ESR_ELx_EC_DABT_LOW	DBGREF_EC_DABT_LOW
#define ESR_ELx_EC_BREAKPT_LOW	DBGREF_EC_BREAKPT_LOW
#define ESR_ELx_EC_BREAKPT_CUR	DBGREF_EC_BREAKPT_CUR
#define ESR_ELx_EC_SOFTSTP_LOW	DBGREF_EC_SOFTSTP_LOW
#define ESR_ELx_EC_SOFTSTP_CUR	DBGREF_EC_SOFTSTP_CUR
#define ESR_ELx_EC_WATCHPT_LOW	DBGREF_EC_WATCHPT_LOW
#define ESR_ELx_EC_WATCHPT_CUR	DBGREF_EC_WATCHPT_CUR
#define ESR_ELx_EC_BKPT32	DBGREF_EC_BKPT32
#define ESR_ELx_EC_BRK64	DBGREF_EC_BRK64
#define ESR_ELx_EC_MAX		0x3f

#endif /* DBGREF_SHIM_ASM_ESR_H */
