/*
 * The guest's general purpose registers as KVM keeps them
 * (arch/arm64/include/uapi/asm/ptrace.h, struct user_pt_regs).
 */
#ifndef DBGREF_SHIM_ASM_PTRACE_H
#define DBGREF_SHIM_ASM_PTRACE_H

#include <linux/types.h>

struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};

#endif /* DBGREF_SHIM_ASM_PTRACE_H */
