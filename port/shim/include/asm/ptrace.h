/*
 * The guest's general purpose registers as KVM keeps them
 * (arch/arm64/include/uapi/asm/ptrace.h, struct user_pt_regs), and the
 * PSTATE bits (values from model/arch/registers.h).
 */
#ifndef DBGREF_SHIM_ASM_PTRACE_H
#define DBGREF_SHIM_ASM_PTRACE_H

#include <linux/types.h>

#include "model/arch/registers.h"

#define PSR_MODE_EL1h	DBGREF_PSTATE_MODE_EL1H
#define PSR_F_BIT	DBGREF_PSTATE_F
#define PSR_I_BIT	DBGREF_PSTATE_I
#define PSR_A_BIT	DBGREF_PSTATE_A
#define PSR_D_BIT	DBGREF_PSTATE_D

struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};

#endif /* DBGREF_SHIM_ASM_PTRACE_H */
