/*
 * The arm64 uapi (arch/arm64/include/uapi/asm/kvm.h) as merged: struct
 * kvm_debug_exit_arch is hsr and far, without pc (the layout is
 * model/uapi.h's kvm_debug_exit_arch_final). The merged capability numbers
 * of include/uapi/linux/kvm.h are kept here because they differ between
 * revisions.
 */
#ifndef DBGREF_ASM_KVM_H
#define DBGREF_ASM_KVM_H

#include <asm/ptrace.h>

#include "model/uapi.h"

#define kvm_debug_exit_arch	kvm_debug_exit_arch_final

/* rebuilt: KERNEL-CONTEXT.md "Constants": the merged numbers */
#define KVM_CAP_GUEST_DEBUG_HW_BPS	KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL
#define KVM_CAP_GUEST_DEBUG_HW_WPS	KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL

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
