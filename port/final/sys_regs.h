/*
 * The system register descriptors (arch/arm64/kvm/sys_regs.h) as merged.
 * rebuilt: KERNEL-CONTEXT.md "Debug-register traps": a handler returns
 * true when it emulated the access; the reset function gives the register
 * its reset value; get_user and set_user reach a register that does not
 * live in sys_regs[] (the debug registers, in vcpu_debug_state) for
 * KVM_GET_ONE_REG and KVM_SET_ONE_REG.
 */
#ifndef DBGREF_SYS_REGS_H
#define DBGREF_SYS_REGS_H

#include <linux/kvm_host.h>

struct sys_reg_params {
	u8	Op0;
	u8	Op1;
	u8	CRn;
	u8	CRm;
	u8	Op2;
	u8	Rt;
	bool	is_write;
};

struct sys_reg_desc {
	/* MRS/MSR instruction which accesses it. */
	u8	Op0;
	u8	Op1;
	u8	CRn;
	u8	CRm;
	u8	Op2;

	/* Trapped access from guest, if non-NULL. */
	bool (*access)(struct kvm_vcpu *,
		       const struct sys_reg_params *,
		       const struct sys_reg_desc *);

	/* Initialization for vcpu. */
	void (*reset)(struct kvm_vcpu *, const struct sys_reg_desc *);

	/* Index into sys_reg[], or 0 if we don't need to save it. */
	int reg;

	/* Value (usually reset value) */
	u64 val;

	/* ONE_REG of a register not in sys_regs[]; NULL: the plain copy */
	int (*get_user)(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd,
			const struct kvm_one_reg *reg, void __user *uaddr);
	int (*set_user)(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd,
			const struct kvm_one_reg *reg, void __user *uaddr);
};

#define Op0(_x)	.Op0 = _x
#define Op1(_x)	.Op1 = _x
#define CRn(_x)	.CRn = _x
#define CRm(_x)	.CRm = _x
#define Op2(_x)	.Op2 = _x

static inline void reset_val(struct kvm_vcpu *vcpu,
			     const struct sys_reg_desc *r)
{
	vcpu_sys_reg(vcpu, r->reg) = r->val;
}

/*
 * rebuilt: a register whose reset value the architecture leaves UNKNOWN
 * gets a marker no guest can rely on.
 */
static inline void reset_unknown(struct kvm_vcpu *vcpu,
				 const struct sys_reg_desc *r)
{
	vcpu_sys_reg(vcpu, r->reg) = 0x1de7ec7edbadc0deULL;
}

#endif /* DBGREF_SYS_REGS_H */
