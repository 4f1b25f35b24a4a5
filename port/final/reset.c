/*
 * final: KVM_CHECK_EXTENSION for arm64 (arch/arm64/kvm/reset.c) with the two
 * capabilities the seed adds.
 */

#include <linux/kvm_host.h>

#include <asm/hw_breakpoint.h>

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
