/*
 * MDSCR_EL1 bits and the saved PSTATE.SS bit
 * (arch/arm64/include/asm/debug-monitors.h), from model/arch/registers.h.
 */
#ifndef DBGREF_SHIM_ASM_DEBUG_MONITORS_H
#define DBGREF_SHIM_ASM_DEBUG_MONITORS_H

#include "model/arch/registers.h"

#define DBG_MDSCR_SS		DBGREF_MDSCR_SS
#define DBG_MDSCR_KDE		DBGREF_MDSCR_KDE
#define DBG_MDSCR_MDE		DBGREF_MDSCR_MDE
#define DBG_SPSR_SS		DBGREF_SPSR_SS

#endif /* DBGREF_SHIM_ASM_DEBUG_MONITORS_H */
