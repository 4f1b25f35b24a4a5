/*
 * The arm64 uapi (arch/arm64/include/uapi/asm/kvm.h) as patch 08/10 v2
 * leaves it: struct kvm_debug_exit_arch is pc, hsr and the far the patch
 * adds (the layout is model/uapi.h's kvm_debug_exit_arch_v2). The
 * capability numbers the patch adds to include/uapi/linux/kvm.h are kept
 * here because they differ between revisions.
 */
#ifndef DBGREF_ASM_KVM_H
#define DBGREF_ASM_KVM_H

#include <asm/ptrace.h>

#include "model/uapi.h"

#define kvm_debug_exit_arch	kvm_debug_exit_arch_v2

/* include/uapi/linux/kvm.h, from the seed */
#define KVM_CAP_GUEST_DEBUG_HW_BPS	KVM_CAP_GUEST_DEBUG_HW_BPS_V2
#define KVM_CAP_GUEST_DEBUG_HW_WPS	KVM_CAP_GUEST_DEBUG_HW_WPS_V2

/* rebuilt: the guest's core registers, as KVM_GET_ONE_REG numbers them */
#define KVM_SPSR_EL1	0
#define KVM_NR_SPSR	5

struct kvm_regs {
	struct user_pt_regs regs;
	__u64 sp_el1;
	__u64 elr_el1;
	__u64 spsr[KVM_NR_SPSR];
};

#endif /* DBGREF_ASM_KVM_H */
