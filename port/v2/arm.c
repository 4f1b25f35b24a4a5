/*
 * v2: the vCPU ioctls of arch/arm/kvm/arm.c that guest debug goes
 * through: KVM_SET_GUEST_DEBUG as the seed changes it, and one iteration
 * of the KVM_RUN loop.
 */

#include <linux/kvm_host.h>

#include <asm/kvm_asm.h>
#include <asm/hw_breakpoint.h>

#include "port/shim/kvm_api.h"

/*
 * rebuilt: the vCPU starts with every debug register, MDSCR_EL1,
 * MDCCINT_EL1, PSTATE.SS, the control word, the flags and mdcr_el2 zero
 * (the caller zeroes the vCPU); nothing else to set up in this revision.
 */
int kvm_arch_vcpu_init(struct kvm_vcpu *vcpu)
{
	return 0;
}

#define KVM_GUESTDBG_VALID (KVM_GUESTDBG_ENABLE |    \
			    KVM_GUESTDBG_USE_SW_BP | \
			    KVM_GUESTDBG_USE_HW_BP | \
			    KVM_GUESTDBG_SINGLESTEP)

/**
 * kvm_arch_vcpu_ioctl_set_guest_debug - set up guest debugging
 *
 * rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08": with ENABLE,
 * a bit outside KVM_GUESTDBG_VALID gives -EINVAL; otherwise control is
 * stored. Without ENABLE guest debug is turned off. 0 otherwise.
 */
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg)
{
	if (dbg->control & KVM_GUESTDBG_ENABLE) {	/* rebuilt: as above */
		if (dbg->control & ~KVM_GUESTDBG_VALID)	/* rebuilt: as above */
			return -EINVAL;

		vcpu->guest_debug = dbg->control;

		/* Hardware assisted Break and Watch points */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW_BP) {
			int nb = get_num_brps();
			int nw = get_num_wrps();

			/* Copy across up to IMPDEF debug registers to our
			 * shadow copy in the vcpu structure. The debug code
			 * will then set them up before we re-enter the guest.
			 */
			memcpy(vcpu->arch.guest_debug_regs.dbg_bcr,
				dbg->arch.dbg_bcr, sizeof(__u64)*nb);
			memcpy(vcpu->arch.guest_debug_regs.dbg_bvr,
				dbg->arch.dbg_bvr, sizeof(__u64)*nb);
			memcpy(vcpu->arch.guest_debug_regs.dbg_wcr,
				dbg->arch.dbg_wcr, sizeof(__u64)*nw);
			memcpy(vcpu->arch.guest_debug_regs.dbg_wvr,
				dbg->arch.dbg_wvr, sizeof(__u64)*nw);
		}

	} else {
		/* If not enabled clear all flags */
		vcpu->guest_debug = 0;
	}

	return 0;	/* rebuilt: as above */
}

/*
 * rebuilt: KERNEL-CONTEXT.md "The KVM_RUN loop": one iteration of the loop
 * in kvm_arch_vcpu_ioctl_run: setup_debug with interrupts off, the world
 * switch (in, guest, out), clear_debug, handle_exit. Returns what
 * handle_exit returns: > 0 when the loop would enter the guest again,
 * otherwise the ioctl returns to userspace.
 */
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	int ret;

	kvm_arch_setup_debug(vcpu);

	ret = kvm_call_hyp(__kvm_vcpu_run, vcpu);

	kvm_arch_clear_debug(vcpu);

	ret = handle_exit(vcpu, run, ret);

	return ret;
}
