/*
 * The arm64 vCPU (arch/arm64/include/asm/kvm_host.h) of the merged
 * design: the guest's own debug registers (vcpu_debug_state), the ones
 * userspace sets with KVM_SET_GUEST_DEBUG (external_debug_state), and
 * debug_ptr, which says which of the two the world switch loads.
 * rebuilt: KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)".
 */
#ifndef DBGREF_ASM_KVM_HOST_H
#define DBGREF_ASM_KVM_HOST_H

#include <linux/types.h>
#include <linux/kvm.h>
#include <asm/kvm_sysreg.h>

/* KERNEL-CONTEXT.md "Constants": DIRTY is bit 0 of debug_flags */
#define KVM_ARM64_DEBUG_DIRTY_SHIFT	0
#define KVM_ARM64_DEBUG_DIRTY		(1 << KVM_ARM64_DEBUG_DIRTY_SHIFT)

/* The guest context, kept by the world switch */
struct kvm_cpu_context {
	struct kvm_regs	gp_regs;
	u64 sys_regs[NR_SYS_REGS];
};

typedef struct kvm_cpu_context kvm_cpu_context_t;

/* What the world switch reads from ESR_EL2/FAR_EL2 on a trap */
struct kvm_vcpu_fault_info {
	u32 esr_el2;
	u64 far_el2;
	u64 hpfar_el2;
};

/* The register an emulated MMIO load fills */
struct kvm_decode {
	unsigned long rt;
	bool sign_extend;
};

struct kvm_vcpu_arch {
	struct kvm_cpu_context ctxt;

	/* HYP configuration */
	u64 hcr_el2;
	u32 mdcr_el2;

	/* Exception Information */
	struct kvm_vcpu_fault_info fault;

	/* Guest debug state */
	u64 debug_flags;

	/*
	 * The debug registers the world switch loads into the hardware and
	 * saves back from: normally the guest's own (vcpu_debug_state);
	 * external_debug_state while userspace debugs the guest with
	 * USE_HW.
	 */
	struct kvm_guest_debug_arch *debug_ptr;
	struct kvm_guest_debug_arch vcpu_debug_state;
	struct kvm_guest_debug_arch external_debug_state;

	/* Pointer to host CPU context */
	kvm_cpu_context_t *host_cpu_context;
	/* The host's debug registers while the guest's are loaded */
	struct kvm_guest_debug_arch host_debug_state;

	/* The guest's MDSCR_EL1 while the host debugs the guest */
	struct {
		u64	mdscr_el1;
	} guest_debug_preserved;

	/* Don't run the guest */
	bool pause;

	/* The MMIO access being completed by userspace */
	struct kvm_decode mmio_decode;
};

struct kvm_vcpu;
void kvm_arm_init_debug(void);
void kvm_arm_setup_debug(struct kvm_vcpu *vcpu);
void kvm_arm_clear_debug(struct kvm_vcpu *vcpu);
void kvm_arm_reset_debug_ptr(struct kvm_vcpu *vcpu);

#endif /* DBGREF_ASM_KVM_HOST_H */
