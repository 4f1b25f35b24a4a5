/*
 * v2-review: the arm64 vCPU (arch/arm64/include/asm/kvm_host.h) with the fields
 * the patch adds: guest_debug_regs (what userspace set with
 * KVM_SET_GUEST_DEBUG) and debug_saved_regs.debug_regs (the guest's
 * registers while the host borrows them).
 */
#ifndef DBGREF_V2_REVIEW_ASM_KVM_HOST_H
#define DBGREF_V2_REVIEW_ASM_KVM_HOST_H

#include <linux/types.h>
#include <linux/kvm.h>
#include <asm/kvm_sysreg.h>

/* rebuilt: KERNEL-CONTEXT.md "Constants": DIRTY is bit 0 of debug_flags */
#define KVM_ARM64_DEBUG_DIRTY_SHIFT	0
#define KVM_ARM64_DEBUG_DIRTY		(1 << KVM_ARM64_DEBUG_DIRTY_SHIFT)

/* rebuilt: the guest context, kept by the world switch */
struct kvm_cpu_context {
	struct kvm_regs	gp_regs;
	u64 sys_regs[NR_SYS_REGS];
};

typedef struct kvm_cpu_context kvm_cpu_context_t;

/* rebuilt: what the world switch reads from ESR_EL2/FAR_EL2 on a trap */
struct kvm_vcpu_fault_info {
	u32 esr_el2;
	u64 far_el2;
	u64 hpfar_el2;
};

struct kvm_vcpu_arch {
	struct kvm_cpu_context ctxt;

	/* HYP configuration */
	u64 hcr_el2;
	u32 mdcr_el2;	/* rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08" */

	/* Exception Information */
	struct kvm_vcpu_fault_info fault;

	/* Guest debug state */
	u64 debug_flags;
	struct kvm_guest_debug_arch guest_debug_regs;

	/* Pointer to host CPU context */
	kvm_cpu_context_t *host_cpu_context;

	/*
	 * rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08": the
	 * guest's PSTATE.SS and MDSCR_EL1 debug bits, saved while the host
	 * debugs the guest.
	 */
	struct {
		u32	pstate_ss_bit;
		u32	mdscr_el1_bits;

		struct kvm_guest_debug_arch debug_regs;
	} debug_saved_regs;

	/* Don't run the guest */
	bool pause;
};

/* review: the number of registers per bank the helpers copy */
#define KVM_ARM_NDBG_REGS	KVM_ARM_MAX_DBG_REGS

/* rebuilt: accessor for debug_saved_regs, used by the seed */
#define vcpu_debug_saved_reg(v, r)	((v)->arch.debug_saved_regs.r)

struct kvm_vcpu;
void kvm_arch_setup_debug(struct kvm_vcpu *vcpu);
void kvm_arch_clear_debug(struct kvm_vcpu *vcpu);

#endif /* DBGREF_V2_REVIEW_ASM_KVM_HOST_H */
