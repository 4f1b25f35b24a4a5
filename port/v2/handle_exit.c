/*
 * v2: exit handling (arch/arm64/kvm/handle_exit.c): kvm_handle_guest_debug
 * as the seed changes it, the exception class table, and handle_exit.
 */

#include <linux/kvm_host.h>

#include <asm/esr.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"

typedef int (*exit_handle_fn)(struct kvm_vcpu *, struct kvm_run *);

/*
 * rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08": an ordinary
 * exit goes back to the guest. Stand-in for the PSCI call.
 */
static int handle_hvc(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	return 1;
}

/* rebuilt: as above; WFI/WFE is skipped and the guest resumed */
static int kvm_handle_wfx(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	kvm_skip_instr(vcpu, kvm_vcpu_trap_il_is32bit(vcpu));
	return 1;
}

/* rebuilt: as above; stand-in for the stage 2 fault handler (mmu.c) */
static int kvm_handle_guest_abort(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	return 1;
}

/**
 * kvm_handle_guest_debug - handle a debug exception instruction
 *
 * rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08": fills
 * run->debug.arch, sets KVM_EXIT_DEBUG and returns 0 to go back to
 * userspace.
 */
static int kvm_handle_guest_debug(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	u32 hsr = kvm_vcpu_get_hsr(vcpu);	/* rebuilt: as above */
	int ret = 0;				/* rebuilt: as above */

	run->exit_reason = KVM_EXIT_DEBUG;	/* rebuilt: as above */
	run->debug.arch.hsr = hsr;

	switch (hsr >> ESR_ELx_EC_SHIFT) {
	case ESR_ELx_EC_WATCHPT_LOW:
		run->debug.arch.far = vcpu->arch.fault.far_el2;
		/* fall through */
	case ESR_ELx_EC_SOFTSTP_LOW:
	case ESR_ELx_EC_BREAKPT_LOW:
	case ESR_ELx_EC_BKPT32:
	case ESR_ELx_EC_BRK64:
		run->debug.arch.pc = *vcpu_pc(vcpu);
		break;
	default:	/* rebuilt: as above */
		kvm_err("%s: un-handled case hsr: %#08x\n",
			__func__, (unsigned int) hsr);
		ret = -1;
		break;
	}

	return ret;
}

/* rebuilt: the exception classes of an arm64 guest that KVM handles */
static exit_handle_fn arm_exit_handlers[] = {
	[ESR_ELx_EC_WFx]	= kvm_handle_wfx,
	[ESR_ELx_EC_HVC64]	= handle_hvc,
	[ESR_ELx_EC_SYS64]	= kvm_handle_sys_reg,
	[ESR_ELx_EC_IABT_LOW]	= kvm_handle_guest_abort,
	[ESR_ELx_EC_DABT_LOW]	= kvm_handle_guest_abort,
	[ESR_ELx_EC_SOFTSTP_LOW]= kvm_handle_guest_debug,
	[ESR_ELx_EC_WATCHPT_LOW]= kvm_handle_guest_debug,
	[ESR_ELx_EC_BREAKPT_LOW]= kvm_handle_guest_debug,
	[ESR_ELx_EC_BKPT32]	= kvm_handle_guest_debug,
	[ESR_ELx_EC_BRK64]	= kvm_handle_guest_debug,
};

/*
 * rebuilt: model/record.h: any other exception class is an ordinary exit
 * that handle_exit resumes (the kernel of the time stopped on a BUG()).
 */
static int kvm_handle_unknown_ec(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	return 1;
}

/* rebuilt: lookup of the handler by exception class */
static exit_handle_fn kvm_get_exit_handler(struct kvm_vcpu *vcpu)
{
	u8 hsr_ec = kvm_vcpu_trap_get_class(vcpu);

	if (hsr_ec >= ARRAY_SIZE(arm_exit_handlers) ||
	    !arm_exit_handlers[hsr_ec])
		return kvm_handle_unknown_ec;

	return arm_exit_handlers[hsr_ec];
}

/*
 * rebuilt: KERNEL-CONTEXT.md "The KVM_RUN loop": return > 0 to return to
 * the guest, 0 (with run->exit_reason set) to return to userspace.
 */
int handle_exit(struct kvm_vcpu *vcpu, struct kvm_run *run,
		       int exception_index)
{
	exit_handle_fn exit_handler;

	switch (exception_index) {
	case ARM_EXCEPTION_IRQ:
		return 1;
	case ARM_EXCEPTION_TRAP:
		exit_handler = kvm_get_exit_handler(vcpu);

		return exit_handler(vcpu, run);
	default:
		kvm_pr_unimpl("Unsupported exception type: %d",
			      exception_index);
		run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
		return 0;
	}
}
