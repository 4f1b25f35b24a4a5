/*
 * arch/arm64/kvm/reset.c: KVM_CHECK_EXTENSION with the two capabilities
 * the seed adds, and the reset of a vCPU.
 */

#include <linux/kvm_host.h>

#include <asm/hw_breakpoint.h>
#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"

/* rebuilt: stand-in; AArch32 EL1 support does not matter to guest debug */
static int cpu_has_32bit_el1(void)
{
	return 1;
}

/*
 * rebuilt: KERNEL-CONTEXT.md "Constants" (capability numbers); the other
 * cases of the kernel's switch are left out: they all answer before
 * guest debug matters.
 */
int kvm_arch_dev_ioctl_check_extension(long ext)
{
	int r;

	switch (ext) {
	case KVM_CAP_ARM_EL1_32BIT:
		r = cpu_has_32bit_el1();
		break;
	case KVM_CAP_GUEST_DEBUG_HW_BPS:
		r = get_num_brps();
		break;
	case KVM_CAP_GUEST_DEBUG_HW_WPS:
		r  = get_num_wrps();
		break;
	default:
		r = 0;
	}
	return r;
}

/*
 * rebuilt: an AArch64 vCPU comes out of reset at EL1h with every exception
 * masked, all its core registers (PC, ELR_EL1, SPSR_EL1, x0..x30) zero.
 */
static const struct kvm_regs default_regs_reset = {
	.regs.pstate = (PSR_MODE_EL1h | PSR_A_BIT | PSR_I_BIT |
			PSR_F_BIT | PSR_D_BIT),
};

/*
 * rebuilt: KVM_ARM_VCPU_INIT resets the guest's architectural state: the
 * core registers, then every system register of the table (sys_regs.c).
 * Userspace's guest debug (vcpu->guest_debug, its registers) is not the
 * guest's and is not touched.
 */
int kvm_reset_vcpu(struct kvm_vcpu *vcpu)
{
	vcpu->arch.ctxt.gp_regs = default_regs_reset;

	kvm_reset_sys_regs(vcpu);

	return 0;
}
