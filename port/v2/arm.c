/*
 * The vCPU ioctls of arch/arm/kvm/arm.c that guest debug goes through:
 * KVM_SET_GUEST_DEBUG as patch 08/10 changes it, KVM_ARM_VCPU_INIT, and
 * the KVM_RUN loop.
 */

#include <linux/kvm_host.h>
#include <linux/sched.h>

#include <asm/kvm_asm.h>
#include <asm/hw_breakpoint.h>

#include "port/shim/kvm_api.h"

/*
 * rebuilt: KVM_CREATE_VCPU: the vCPU starts with every register, the
 * control word, the flags and mdcr_el2 zero (the caller zeroes the vCPU);
 * nothing else to set up in this revision.
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
 * rebuilt: KVM_ARM_VCPU_INIT: the target and features are not guest
 * debug's; the ioctl resets the vCPU (reset.c). Userspace's guest debug
 * setting is not part of the reset.
 */
int kvm_arch_vcpu_ioctl_vcpu_init(struct kvm_vcpu *vcpu,
				  struct kvm_vcpu_init *init)
{
	return kvm_reset_vcpu(vcpu);
}

/*
 * rebuilt: KERNEL-CONTEXT.md "The KVM_RUN loop". A KVM_RUN that follows
 * an MMIO exit first completes the access userspace handled (mmio.c).
 * Then each iteration, with interrupts off: a pending signal ends the
 * KVM_RUN with -EINTR and KVM_EXIT_INTR; otherwise setup_debug, the world
 * switch (in, guest, out), clear_debug, handle_exit. handle_exit returns
 * > 0 to enter the guest again; otherwise the ioctl returns its value to
 * userspace, with run->exit_reason set.
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

		kvm_arch_setup_debug(vcpu);

		ret = kvm_call_hyp(__kvm_vcpu_run, vcpu);

		kvm_arch_clear_debug(vcpu);

		ret = handle_exit(vcpu, run, ret);
	}

	return ret;
}
