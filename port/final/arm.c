/*
 * final: the vCPU ioctls of arch/arm/kvm/arm.c that guest debug goes
 * through, as merged: KVM_SET_GUEST_DEBUG, and one iteration of the
 * KVM_RUN loop. rebuilt: KERNEL-CONTEXT.md "The design that was merged
 * (Linux 4.2)" and "The KVM_RUN loop"; no line is in the seed.
 */

#include <linux/kvm_host.h>

#include <asm/kvm_asm.h>

#include "port/shim/kvm_api.h"

/*
 * The vCPU starts with every debug register, MDSCR_EL1, MDCCINT_EL1,
 * PSTATE.SS, the control word, the flags and mdcr_el2 zero (the caller
 * zeroes the vCPU), and the world switch pointed at the guest's own
 * debug registers.
 */
int kvm_arch_vcpu_init(struct kvm_vcpu *vcpu)
{
	kvm_arm_reset_debug_ptr(vcpu);
	return 0;
}

/* The kernel defines the mask here; model/uapi.h has the same set. */
#undef KVM_GUESTDBG_VALID_MASK
#define KVM_GUESTDBG_VALID_MASK (KVM_GUESTDBG_ENABLE |    \
			    KVM_GUESTDBG_USE_SW_BP | \
			    KVM_GUESTDBG_USE_HW | \
			    KVM_GUESTDBG_SINGLESTEP)

/**
 * kvm_arch_vcpu_ioctl_set_guest_debug - set up guest debugging
 *
 * With ENABLE, a bit outside KVM_GUESTDBG_VALID_MASK gives -EINVAL;
 * otherwise control is stored, and with USE_HW the whole register set
 * userspace passed becomes the external debug state. Without ENABLE guest
 * debug is turned off.
 */
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg)
{
	if (dbg->control & KVM_GUESTDBG_ENABLE) {
		if (dbg->control & ~KVM_GUESTDBG_VALID_MASK)
			return -EINVAL;

		vcpu->guest_debug = dbg->control;

		/* Hardware assisted Break and Watch points */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW)
			vcpu->arch.external_debug_state = dbg->arch;

	} else {
		/* If not enabled clear all flags */
		vcpu->guest_debug = 0;
	}

	return 0;
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

	kvm_arm_setup_debug(vcpu);

	ret = kvm_call_hyp(__kvm_vcpu_run, vcpu);

	kvm_arm_clear_debug(vcpu);

	ret = handle_exit(vcpu, run, ret);

	return ret;
}
