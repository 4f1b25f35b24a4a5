/*
 * The vCPU ioctls of arch/arm/kvm/arm.c that guest debug goes through, as
 * merged: KVM_SET_GUEST_DEBUG, KVM_ARM_VCPU_INIT, and the KVM_RUN loop.
 * rebuilt: KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)" and
 * "The KVM_RUN loop"; no line is in the seed.
 */

#include <linux/kvm_host.h>
#include <linux/sched.h>

#include <asm/kvm_asm.h>

#include "port/shim/kvm_api.h"

/*
 * KVM_CREATE_VCPU: the vCPU starts with every register, the control word,
 * the flags and mdcr_el2 zero (the caller zeroes the vCPU), and the world
 * switch pointed at the guest's own debug registers.
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
 * The valid mask comes first, for every control word: a bit outside it
 * gives -EINVAL and changes nothing, whether ENABLE is set or not. Then
 * ENABLE stores the control word, and with USE_HW the whole register set
 * userspace passed becomes the external debug state; without ENABLE guest
 * debug is turned off.
 */
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg)
{
	if (dbg->control & ~KVM_GUESTDBG_VALID_MASK)
		return -EINVAL;

	if (dbg->control & KVM_GUESTDBG_ENABLE) {
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
 * KVM_ARM_VCPU_INIT: the target and features are not guest debug's; the
 * ioctl resets the vCPU (reset.c). Userspace's guest debug setting is not
 * part of the reset.
 */
int kvm_arch_vcpu_ioctl_vcpu_init(struct kvm_vcpu *vcpu,
				  struct kvm_vcpu_init *init)
{
	return kvm_reset_vcpu(vcpu);
}

/*
 * The KVM_RUN loop. A KVM_RUN that follows an MMIO exit first completes
 * the access userspace handled (mmio.c). Then each iteration, with
 * interrupts off: a pending signal ends the KVM_RUN with -EINTR and
 * KVM_EXIT_INTR; otherwise setup_debug, the world switch (in, guest,
 * out), clear_debug, handle_exit. handle_exit returns > 0 to enter the
 * guest again; otherwise the ioctl returns its value to userspace, with
 * run->exit_reason set.
 */
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	int ret;

	if (run->exit_reason == KVM_EXIT_MMIO) {
		ret = kvm_handle_mmio_return(vcpu, run);
		if (ret)
			return ret;
	}

	ret = 1;
	run->exit_reason = KVM_EXIT_UNKNOWN;
	while (ret > 0) {
		if (signal_pending(current)) {
			ret = -EINTR;
			run->exit_reason = KVM_EXIT_INTR;
			break;
		}

		kvm_arm_setup_debug(vcpu);

		ret = kvm_call_hyp(__kvm_vcpu_run, vcpu);

		kvm_arm_clear_debug(vcpu);

		ret = handle_exit(vcpu, run, ret);
	}

	return ret;
}
