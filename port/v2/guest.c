/*
 * KVM_GET_ONE_REG and KVM_SET_ONE_REG (arch/arm64/kvm/guest.c): the core
 * registers here, the system registers in sys_regs.c. rebuilt: none of
 * this file is in the seed; the ids are the uapi's (port/shim/one_reg.h),
 * and what they name is model/ioctl.h's (the PC, PSTATE, MDSCR_EL1 and the
 * debug registers; spec/operations.md).
 */

#include <linux/kvm_host.h>
#include <linux/uaccess.h>

#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"

/* rebuilt: a core register id is a 32-bit word offset into kvm_regs */
static int core_reg_range(const struct kvm_one_reg *reg, u64 *off)
{
	u64 words = reg->id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK |
				KVM_REG_ARM_COPROC_MASK);

	*off = words * sizeof(u32);
	if (*off >= sizeof(struct kvm_regs) ||
	    *off + KVM_REG_SIZE(reg->id) > sizeof(struct kvm_regs))
		return -ENOENT;
	return 0;
}

/* rebuilt: the bytes of the guest context at the id's offset */
static int get_core_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	u64 off;

	if (core_reg_range(reg, &off))
		return -ENOENT;
	if (copy_to_user(uaddr, (char *)&vcpu->arch.ctxt.gp_regs + off,
			 KVM_REG_SIZE(reg->id)))
		return -EFAULT;
	return 0;
}

static int set_core_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	u64 off;

	if (core_reg_range(reg, &off))
		return -ENOENT;
	if (copy_from_user((char *)&vcpu->arch.ctxt.gp_regs + off, uaddr,
			   KVM_REG_SIZE(reg->id)))
		return -EFAULT;
	return 0;
}

/* rebuilt: an arm64 id names a core register or a system register */
int kvm_arm_get_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	if ((reg->id & KVM_REG_ARCH_MASK) != KVM_REG_ARM64)
		return -EINVAL;

	if ((reg->id & KVM_REG_ARM_COPROC_MASK) == KVM_REG_ARM_CORE)
		return get_core_reg(vcpu, reg);

	return kvm_arm_sys_reg_get_reg(vcpu, reg);
}

int kvm_arm_set_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	if ((reg->id & KVM_REG_ARCH_MASK) != KVM_REG_ARM64)
		return -EINVAL;

	if ((reg->id & KVM_REG_ARM_COPROC_MASK) == KVM_REG_ARM_CORE)
		return set_core_reg(vcpu, reg);

	return kvm_arm_sys_reg_set_reg(vcpu, reg);
}
