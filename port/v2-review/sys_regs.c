/*
 * v2-review: the debug part of the system register emulation
 * (arch/arm64/kvm/sys_regs.c): trap_debug_regs as the seed changes it, the
 * descriptors of the debug registers it handles, and the lookup and
 * dispatch of a trapped MRS/MSR. Only trap_debug_regs's body and the
 * comment above it come from the seed; the rest is rebuilt from
 * KERNEL-CONTEXT.md "Debug-register traps" and says so.
 */

#include <linux/kvm_host.h>

#include <asm/esr.h>
#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"
#include "sys_regs.h"

/*
 * rebuilt: KERNEL-CONTEXT.md "Lazy switching of debug registers" (the
 * opening of this comment is not in the seed):
 *
 * Guest accesses to the debug registers trap while MDCR_EL2.TDA is set:
 * - A trapped write stores into the guest context and sets the dirty bit,
 *   so that the next entry stops trapping and loads every register.
 * - A trapped read returns the value from the guest context.
 * On guest entry, the dirty bit is also set when MDSCR_EL1 has KDE or MDE.
 * - If the dirty bit is set, save guest registers, restore host
 *   registers and clear the dirty bit. This ensure that the host can
 *   now use the debug registers.
 *
 * We also use this mechanism to setup the debug registers for guest
 * debugging. If this is the case we want to ensure the guest sees
 * the right versions of the registers - even if they are not going to
 * be effective while guest debug is using HW debug.
 */

static bool trap_debug_regs(struct kvm_vcpu *vcpu,
			    const struct sys_reg_params *p,
			    const struct sys_reg_desc *r)
{
	if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW_BP) {
		struct kvm_guest_debug_arch *saved;
		__u64 *val;

		saved = &vcpu_debug_saved_reg(vcpu, debug_regs);

		if (r->reg >= DBGBCR0_EL1 && r->reg <= DBGBCR15_EL1)
			val = &saved->dbg_bcr[r->reg - DBGBCR0_EL1];
		else if (r->reg >= DBGBVR0_EL1 && r->reg <= DBGBVR15_EL1)
			val = &saved->dbg_bvr[r->reg - DBGBVR0_EL1];
		else if (r->reg >= DBGWCR0_EL1 && r->reg <= DBGWCR15_EL1)
			val = &saved->dbg_wcr[r->reg - DBGWCR0_EL1];
		else if (r->reg >= DBGWVR0_EL1 && r->reg <= DBGWVR15_EL1)
			val = &saved->dbg_wvr[r->reg - DBGWVR0_EL1];
		else {
			kvm_err("Bad register index %d\n", r->reg);
			return false;
		}

		if (p->is_write)
			*val = *vcpu_reg(vcpu, p->Rt);
		else
			*vcpu_reg(vcpu, p->Rt) = *val;

	} else {
		if (p->is_write) {
			vcpu_sys_reg(vcpu, r->reg) = *vcpu_reg(vcpu, p->Rt);
			vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
		} else {
			*vcpu_reg(vcpu, p->Rt) = vcpu_sys_reg(vcpu, r->reg);
		}
	}

	return true;
}

/*
 * rebuilt: KERNEL-CONTEXT.md "Debug-register traps": trap_debug_regs
 * handles DBGBVRn, DBGBCRn, DBGWVRn, DBGWCRn (n = 0..15), MDSCR_EL1 and
 * MDCCINT_EL1. Encodings: op0 2, op1 0, CRn 0; the banks at CRm n with
 * op2 4 (BVR), 5 (BCR), 6 (WVR), 7 (WCR); MDCCINT_EL1 at CRm 2 op2 0,
 * MDSCR_EL1 at CRm 2 op2 2. Sorted by encoding, as find_reg requires.
 */
#define DBG_BCR_BVR_WCR_WVR_EL1(n)					\
	/* DBGBVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b100),	\
	  trap_debug_regs, reset_val, (DBGBVR0_EL1 + (n)), 0 },		\
	/* DBGBCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b101),	\
	  trap_debug_regs, reset_val, (DBGBCR0_EL1 + (n)), 0 },		\
	/* DBGWVRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b110),	\
	  trap_debug_regs, reset_val, (DBGWVR0_EL1 + (n)), 0 },		\
	/* DBGWCRn_EL1 */						\
	{ Op0(0b10), Op1(0b000), CRn(0b0000), CRm((n)), Op2(0b111),	\
	  trap_debug_regs, reset_val, (DBGWCR0_EL1 + (n)), 0 }

/* rebuilt: the debug entries of sys_reg_descs[] */
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

/* rebuilt: the encoding as one sortable key */
static inline unsigned long reg_to_match_value(u8 op0, u8 op1, u8 crn,
					       u8 crm, u8 op2)
{
	return ((unsigned long)op0 << 14) | (op1 << 11) | (crn << 7) |
	       (crm << 3) | op2;
}

/* rebuilt: binary search of a table sorted by encoding */
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
 * rebuilt: KERNEL-CONTEXT.md "Debug-register traps": true from the handler
 * skips the instruction; false, or no descriptor, injects an UNDEF.
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
 * rebuilt: the decoding of the ESR_ELx ISS of an MSR/MRS trap (EC 0x18):
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
