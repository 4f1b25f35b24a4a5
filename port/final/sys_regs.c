/*
 * final: the debug part of the system register emulation
 * (arch/arm64/kvm/sys_regs.c) as merged: the guest's accesses to the
 * debug registers always read and write its own set (vcpu_debug_state),
 * and a write sets DIRTY, whatever the host is doing; MDSCR_EL1 and
 * MDCCINT_EL1 live in the guest context. Then the descriptors, and the
 * lookup and dispatch of a trapped MRS/MSR. rebuilt: KERNEL-CONTEXT.md
 * "The design that was merged (Linux 4.2)" and "Debug-register traps"; no
 * line is in the seed.
 */

#include <linux/kvm_host.h>

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
 * own value.
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

static void reset_dbg_state(struct kvm_vcpu *vcpu,
			    const struct sys_reg_desc *rd)
{
}

/*
 * The four banks: op0 2, op1 0, CRn 0, CRm n, op2 4 (BVR), 5 (BCR),
 * 6 (WVR), 7 (WCR); reg is the index n into vcpu_debug_state.
 * MDCCINT_EL1 is at CRm 2 op2 0, MDSCR_EL1 at CRm 2 op2 2. Sorted by
 * encoding, as find_reg requires.
 */
#define DBG_BCR_BVR_WCR_WVR_EL1(n)					\
	/* DBGBVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b100),	\
	  trap_bvr, reset_dbg_state, (n), 0 },				\
	/* DBGBCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b101),	\
	  trap_bcr, reset_dbg_state, (n), 0 },				\
	/* DBGWVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b110),	\
	  trap_wvr, reset_dbg_state, (n), 0 },				\
	/* DBGWCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b111),	\
	  trap_wcr, reset_dbg_state, (n), 0 }

/* The debug entries of sys_reg_descs[] */
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
 * true from the handler skips the instruction; false, or no descriptor,
 * injects an UNDEF.
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
