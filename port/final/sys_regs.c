/*
 * The debug part of the system register emulation (arch/arm64/kvm/
 * sys_regs.c) as merged: the guest's accesses to the debug registers
 * always read and write its own set (vcpu_debug_state), and a write sets
 * DIRTY, whatever the host is doing; MDSCR_EL1 and MDCCINT_EL1 live in
 * the guest context; the OS lock is read-as-zero/write-ignored. Then the
 * descriptors, the lookup and dispatch of a trapped MRS/MSR, the reset of
 * the registers, and their KVM_GET_ONE_REG/KVM_SET_ONE_REG. rebuilt:
 * KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)" and
 * "Debug-register traps"; no line is in the seed.
 */

#include <linux/kvm_host.h>
#include <linux/uaccess.h>

#include <asm/esr.h>
#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"
#include "sys_regs.h"

/*
 * Debug register accesses trap while MDCR_EL2.TDA is set: when the
 * guest's registers are not loaded (DIRTY clear) and while userspace
 * uses the hardware (USE_HW). A trapped write lands in the guest's own
 * state and sets DIRTY, so that the next entry loads all the registers
 * and stops trapping (unless USE_HW); a trapped read returns the guest's
 * own value. MDSCR_EL1 and MDCCINT_EL1 live in sys_regs[].
 */
static bool trap_debug_regs(struct kvm_vcpu *vcpu,
			    const struct sys_reg_params *p,
			    const struct sys_reg_desc *r)
{
	if (p->is_write) {
		vcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);
		vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
	} else {
		*vcpu_reg(vcpu, p->Rt) = vcpu_sys_reg(vcpu, r->reg);
	}

	return true;
}

/* One register of the guest's own debug state. */
static bool trap_dbg_state(struct kvm_vcpu *vcpu,
			   const struct sys_reg_params *p, u64 *dbg_reg)
{
	if (p->is_write) {
		*dbg_reg = *vcpu_reg(vcpu, p->Rt);
		vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
	} else {
		*vcpu_reg(vcpu, p->Rt) = *dbg_reg;
	}

	return true;
}

static bool trap_bvr(struct kvm_vcpu *vcpu, const struct sys_reg_params *p,
		     const struct sys_reg_desc *rd)
{
	return trap_dbg_state(vcpu, p,
			      &vcpu->arch.vcpu_debug_state.dbg_bvr[rd->reg]);
}

static bool trap_bcr(struct kvm_vcpu *vcpu, const struct sys_reg_params *p,
		     const struct sys_reg_desc *rd)
{
	return trap_dbg_state(vcpu, p,
			      &vcpu->arch.vcpu_debug_state.dbg_bcr[rd->reg]);
}

static bool trap_wvr(struct kvm_vcpu *vcpu, const struct sys_reg_params *p,
		     const struct sys_reg_desc *rd)
{
	return trap_dbg_state(vcpu, p,
			      &vcpu->arch.vcpu_debug_state.dbg_wvr[rd->reg]);
}

static bool trap_wcr(struct kvm_vcpu *vcpu, const struct sys_reg_params *p,
		     const struct sys_reg_desc *rd)
{
	return trap_dbg_state(vcpu, p,
			      &vcpu->arch.vcpu_debug_state.dbg_wcr[rd->reg]);
}

/* The reset value of one register of the guest's own debug state. */
static void reset_bvr(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd)
{
	vcpu->arch.vcpu_debug_state.dbg_bvr[rd->reg] = rd->val;
}

static void reset_bcr(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd)
{
	vcpu->arch.vcpu_debug_state.dbg_bcr[rd->reg] = rd->val;
}

static void reset_wvr(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd)
{
	vcpu->arch.vcpu_debug_state.dbg_wvr[rd->reg] = rd->val;
}

static void reset_wcr(struct kvm_vcpu *vcpu, const struct sys_reg_desc *rd)
{
	vcpu->arch.vcpu_debug_state.dbg_wcr[rd->reg] = rd->val;
}

/* Userspace reads and writes the guest's own debug state too. */
static int dbg_state_to_user(const struct kvm_one_reg *reg,
			     void __user *uaddr, const u64 *dbg_reg)
{
	if (KVM_REG_SIZE(reg->id) != sizeof(*dbg_reg))
		return -ENOENT;
	if (copy_to_user(uaddr, dbg_reg, sizeof(*dbg_reg)))
		return -EFAULT;
	return 0;
}

static int dbg_state_from_user(const struct kvm_one_reg *reg,
			       void __user *uaddr, u64 *dbg_reg)
{
	if (KVM_REG_SIZE(reg->id) != sizeof(*dbg_reg))
		return -ENOENT;
	if (copy_from_user(dbg_reg, uaddr, sizeof(*dbg_reg)))
		return -EFAULT;
	return 0;
}

#define DBG_STATE_USER(bank)						\
static int get_##bank(struct kvm_vcpu *vcpu,				\
		      const struct sys_reg_desc *rd,			\
		      const struct kvm_one_reg *reg,			\
		      void __user *uaddr)				\
{									\
	return dbg_state_to_user(reg, uaddr,				\
		&vcpu->arch.vcpu_debug_state.dbg_##bank[rd->reg]);	\
}									\
static int set_##bank(struct kvm_vcpu *vcpu,				\
		      const struct sys_reg_desc *rd,			\
		      const struct kvm_one_reg *reg,			\
		      void __user *uaddr)				\
{									\
	return dbg_state_from_user(reg, uaddr,				\
		&vcpu->arch.vcpu_debug_state.dbg_##bank[rd->reg]);	\
}

DBG_STATE_USER(bvr)
DBG_STATE_USER(bcr)
DBG_STATE_USER(wvr)
DBG_STATE_USER(wcr)

/*
 * KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)": the OS lock
 * is read-as-zero/write-ignored. A write to OSLAR_EL1 is ignored.
 */
static bool trap_raz_wi(struct kvm_vcpu *vcpu,
			const struct sys_reg_params *p,
			const struct sys_reg_desc *r)
{
	if (!p->is_write)
		*vcpu_reg(vcpu, p->Rt) = 0;
	return true;
}

/*
 * As above, OSLSR_EL1 always reads as unlocked: OSLK (bit 1) clear, and
 * OSLM 0b10 (bit 3 set, bit 0 clear), the only value Armv8 allows for
 * OSLM (the OS lock is implemented).
 */
#define OSLSR_EL1_UNLOCKED	(1 << 3)

static bool trap_oslsr_el1(struct kvm_vcpu *vcpu,
			   const struct sys_reg_params *p,
			   const struct sys_reg_desc *r)
{
	if (!p->is_write)
		*vcpu_reg(vcpu, p->Rt) = OSLSR_EL1_UNLOCKED;
	return true;
}

/*
 * The EL1 registers the reset and the runtime's set-up reach (ESR_EL1,
 * FAR_EL1, VBAR_EL1); KVM does not trap the guest's accesses to them
 * here, so this is only the descriptor's handler.
 */
static bool access_vm_reg(struct kvm_vcpu *vcpu,
			  const struct sys_reg_params *p,
			  const struct sys_reg_desc *r)
{
	if (p->is_write)
		vcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);
	else
		*vcpu_reg(vcpu, p->Rt) = vcpu_sys_reg(vcpu, r->reg);
	return true;
}

/*
 * The four banks (model/arch/syndrome.h): op0 2, op1 0, CRn 0, CRm n,
 * op2 4 (BVR), 5 (BCR), 6 (WVR), 7 (WCR); reg is the index n into
 * vcpu_debug_state. MDCCINT_EL1 is at CRm 2 op2 0, MDSCR_EL1 at CRm 2
 * op2 2; OSLAR_EL1 at CRn 1 CRm 0 op2 4, OSLSR_EL1 at CRn 1 CRm 1 op2 4.
 * Then ESR_EL1 (op0 3, CRn 5, CRm 2), FAR_EL1 (op0 3, CRn 6) and VBAR_EL1
 * (op0 3, CRn 12). Sorted by encoding, as find_reg requires. The debug
 * registers, MDSCR_EL1, MDCCINT_EL1 and VBAR_EL1 reset to 0; ESR_EL1 and
 * FAR_EL1 to an UNKNOWN value.
 */
#define DBG_BCR_BVR_WCR_WVR_EL1(n)					\
	/* DBGBVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b100),	\
	  trap_bvr, reset_bvr, (n), 0, get_bvr, set_bvr },		\
	/* DBGBCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b101),	\
	  trap_bcr, reset_bcr, (n), 0, get_bcr, set_bcr },		\
	/* DBGWVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b110),	\
	  trap_wvr, reset_wvr, (n), 0, get_wvr, set_wvr },		\
	/* DBGWCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b111),	\
	  trap_wcr, reset_wcr, (n), 0, get_wcr, set_wcr }

/* The entries of sys_reg_descs[] that guest debug reaches */
static const struct sys_reg_desc sys_reg_descs[] = {
	DBG_BCR_BVR_WCR_WVR_EL1(0),
	DBG_BCR_BVR_WCR_WVR_EL1(1),
	/* MDCCINT_EL1 */
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm(0b0010), Op2(0b000),
	  trap_debug_regs, reset_val, MDCCINT_EL1, 0 },
	/* MDSCR_EL1 */
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm(0b0010), Op2(0b010),
	  trap_debug_regs, reset_val, MDSCR_EL1, 0 },
	DBG_BCR_BVR_WCR_WVR_EL1(2),
	DBG_BCR_BVR_WCR_WVR_EL1(3),
	DBG_BCR_BVR_WCR_WVR_EL1(4),
	DBG_BCR_BVR_WCR_WVR_EL1(5),
	DBG_BCR_BVR_WCR_WVR_EL1(6),
	DBG_BCR_BVR_WCR_WVR_EL1(7),
	DBG_BCR_BVR_WCR_WVR_EL1(8),
	DBG_BCR_BVR_WCR_WVR_EL1(9),
	DBG_BCR_BVR_WCR_WVR_EL1(10),
	DBG_BCR_BVR_WCR_WVR_EL1(11),
	DBG_BCR_BVR_WCR_WVR_EL1(12),
	DBG_BCR_BVR_WCR_WVR_EL1(13),
	DBG_BCR_BVR_WCR_WVR_EL1(14),
	DBG_BCR_BVR_WCR_WVR_EL1(15),
	/* OSLAR_EL1 */
	{ Op0(0b10), Op1(0b000), CRn(0b0001), CRm(0b0000), Op2(0b100),
	  trap_raz_wi },
	/* OSLSR_EL1 */
	{ Op0(0b10), Op1(0b000), CRn(0b0001), CRm(0b0001), Op2(0b100),
	  trap_oslsr_el1 },
	/* ESR_EL1 */
	{ Op0(0b11), Op1(0b000), CRn(0b0101), CRm(0b0010), Op2(0b000),
	  access_vm_reg, reset_unknown, ESR_EL1 },
	/* FAR_EL1 */
	{ Op0(0b11), Op1(0b000), CRn(0b0110), CRm(0b0000), Op2(0b000),
	  access_vm_reg, reset_unknown, FAR_EL1 },
	/* VBAR_EL1 */
	{ Op0(0b11), Op1(0b000), CRn(0b1100), CRm(0b0000), Op2(0b000),
	  access_vm_reg, reset_val, VBAR_EL1, 0 },
};

/* The encoding as one sortable key */
static inline unsigned long reg_to_match_value(u8 op0, u8 op1, u8 crn,
					       u8 crm, u8 op2)
{
	return ((unsigned long)op0 << 14) | (op1 << 11) | (crn << 7) |
	       (crm << 3) | op2;
}

/* Binary search of a table sorted by encoding */
static const struct sys_reg_desc *find_reg(const struct sys_reg_params *params,
					   const struct sys_reg_desc table[],
					   unsigned int num)
{
	unsigned long key = reg_to_match_value(params->Op0, params->Op1,
					       params->CRn, params->CRm,
					       params->Op2);
	unsigned int lo = 0, hi = num;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct sys_reg_desc *r = &table[mid];
		unsigned long val = reg_to_match_value(r->Op0, r->Op1, r->CRn,
						       r->CRm, r->Op2);

		if (val == key)
			return r;
		if (val < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * KERNEL-CONTEXT.md "Debug-register traps": true from the handler
 * skips the instruction (kvm_skip_instr: the PC moves on, PSTATE.SS stays
 * as it is); false, or no descriptor, injects an UNDEF.
 */
static int emulate_sys_reg(struct kvm_vcpu *vcpu,
			   const struct sys_reg_params *params)
{
	const struct sys_reg_desc *r;

	r = find_reg(params, sys_reg_descs, ARRAY_SIZE(sys_reg_descs));

	if (likely(r)) {
		if (likely(r->access(vcpu, params, r))) {
			/* Skip instruction, since it was emulated */
			kvm_skip_instr(vcpu, kvm_vcpu_trap_il_is32bit(vcpu));
			return 1;
		}
		/* If access function fails, it should complain. */
	} else {
		kvm_err("Unsupported guest sys_reg access at: %lx\n",
			*vcpu_pc(vcpu));
	}
	kvm_inject_undefined(vcpu);
	return 1;
}

/*
 * The decoding of the ESR_ELx ISS of an MSR/MRS trap (EC 0x18):
 * Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [9:5],
 * CRm [4:1], direction [0] (1 for a read).
 */
int kvm_handle_sys_reg(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	struct sys_reg_params params;
	unsigned long esr = kvm_vcpu_get_hsr(vcpu);

	params.Op0 = (esr >> 20) & 3;
	params.Op1 = (esr >> 14) & 0x7;
	params.CRn = (esr >> 10) & 0xf;
	params.CRm = (esr >> 1) & 0xf;
	params.Op2 = (esr >> 17) & 0x7;
	params.Rt = (esr >> 5) & 0x1f;
	params.is_write = !(esr & 1);

	return emulate_sys_reg(vcpu, &params);
}

/* KVM_ARM_VCPU_INIT: every register of the table to its reset value */
void kvm_reset_sys_regs(struct kvm_vcpu *vcpu)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sys_reg_descs); i++)
		if (sys_reg_descs[i].reset)
			sys_reg_descs[i].reset(vcpu, &sys_reg_descs[i]);
}

/*
 * A system register id of KVM_GET_ONE_REG/KVM_SET_ONE_REG is a
 * 64-bit register named by its encoding, and nothing else.
 */
#define SYS_REG_ID_FIELDS	(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK | \
				 KVM_REG_ARM_COPROC_MASK |		\
				 KVM_REG_ARM64_SYSREG_OP0_MASK |	\
				 KVM_REG_ARM64_SYSREG_OP1_MASK |	\
				 KVM_REG_ARM64_SYSREG_CRN_MASK |	\
				 KVM_REG_ARM64_SYSREG_CRM_MASK |	\
				 KVM_REG_ARM64_SYSREG_OP2_MASK)

static bool index_to_params(u64 id, struct sys_reg_params *params)
{
	if ((id & KVM_REG_SIZE_MASK) != KVM_REG_SIZE_U64 ||
	    (id & ~SYS_REG_ID_FIELDS))
		return false;

	params->Op0 = (id & KVM_REG_ARM64_SYSREG_OP0_MASK) >>
		      KVM_REG_ARM64_SYSREG_OP0_SHIFT;
	params->Op1 = (id & KVM_REG_ARM64_SYSREG_OP1_MASK) >>
		      KVM_REG_ARM64_SYSREG_OP1_SHIFT;
	params->CRn = (id & KVM_REG_ARM64_SYSREG_CRN_MASK) >>
		      KVM_REG_ARM64_SYSREG_CRN_SHIFT;
	params->CRm = (id & KVM_REG_ARM64_SYSREG_CRM_MASK) >>
		      KVM_REG_ARM64_SYSREG_CRM_SHIFT;
	params->Op2 = (id & KVM_REG_ARM64_SYSREG_OP2_MASK) >>
		      KVM_REG_ARM64_SYSREG_OP2_SHIFT;
	return true;
}

/*
 * The descriptor of a register the vCPU keeps; an id the table
 * does not know, or a register with no storage (the OS lock's), is
 * unknown to userspace.
 */
static const struct sys_reg_desc *index_to_sys_reg_desc(u64 id)
{
	struct sys_reg_params params;
	const struct sys_reg_desc *r;

	if ((id & KVM_REG_ARM_COPROC_MASK) != KVM_REG_ARM64_SYSREG)
		return NULL;
	if (!index_to_params(id, &params))
		return NULL;

	r = find_reg(&params, sys_reg_descs, ARRAY_SIZE(sys_reg_descs));
	if (r && !(r->reg || r->get_user))
		r = NULL;
	return r;
}

/* The guest context's value, or the descriptor's own copy */
int kvm_arm_sys_reg_get_reg(struct kvm_vcpu *vcpu,
			    const struct kvm_one_reg *reg)
{
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	const struct sys_reg_desc *r = index_to_sys_reg_desc(reg->id);

	if (!r)
		return -ENOENT;
	if (r->get_user)
		return r->get_user(vcpu, r, reg, uaddr);
	if (copy_to_user(uaddr, &vcpu_sys_reg(vcpu, r->reg),
			 KVM_REG_SIZE(reg->id)))
		return -EFAULT;
	return 0;
}

int kvm_arm_sys_reg_set_reg(struct kvm_vcpu *vcpu,
			    const struct kvm_one_reg *reg)
{
	void __user *uaddr = (void __user *)(unsigned long)reg->addr;
	const struct sys_reg_desc *r = index_to_sys_reg_desc(reg->id);

	if (!r)
		return -ENOENT;
	if (r->set_user)
		return r->set_user(vcpu, r, reg, uaddr);
	if (copy_from_user(&vcpu_sys_reg(vcpu, r->reg), uaddr,
			   KVM_REG_SIZE(reg->id)))
		return -EFAULT;
	return 0;
}
