/*
 * Debug and Guest Debug support
 *
 * v2 of patch 08/10 (arch/arm64/kvm/debug.c) with the reviewer's
 * suggestions from the thread in ../../../shared/seed/000_21c023caa7fed137.txt
 * applied: trap_debug computed once at the top, the save and restore
 * helpers that copy all 16 registers of each bank, no tracepoint, the
 * comment typo fixed. Lines the seed does not show are rebuilt from
 * KERNEL-CONTEXT.md and say so.
 */

#include <linux/kvm_host.h>

#include <asm/debug-monitors.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_emulate.h>
#include <asm/hw_breakpoint.h>

/* rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08" (SS, KDE, MDE) */
#define MDSCR_EL1_DEBUG_BITS	(DBG_MDSCR_SS | DBG_MDSCR_KDE | DBG_MDSCR_MDE)

/* review: save the guest's debug registers, all 16 of each bank */
static void debug_regs_save_to(struct kvm_vcpu *vcpu,
			       struct kvm_guest_debug_arch *dst)
{
	memcpy(dst->dbg_bcr, &vcpu_sys_reg(vcpu, DBGBCR0_EL1),
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(dst->dbg_bvr, &vcpu_sys_reg(vcpu, DBGBVR0_EL1),
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(dst->dbg_wcr, &vcpu_sys_reg(vcpu, DBGWCR0_EL1),
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(dst->dbg_wvr, &vcpu_sys_reg(vcpu, DBGWVR0_EL1),
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
}

/* review: load the guest's debug registers, all 16 of each bank */
static void debug_regs_restore_from(struct kvm_vcpu *vcpu,
				    struct kvm_guest_debug_arch *src)
{
	memcpy(&vcpu_sys_reg(vcpu, DBGBCR0_EL1), src->dbg_bcr,
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(&vcpu_sys_reg(vcpu, DBGBVR0_EL1), src->dbg_bvr,
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(&vcpu_sys_reg(vcpu, DBGWCR0_EL1), src->dbg_wcr,
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
	memcpy(&vcpu_sys_reg(vcpu, DBGWVR0_EL1), src->dbg_wvr,
	       sizeof(u64)*KVM_ARM_NDBG_REGS);
}

void kvm_arch_setup_debug(struct kvm_vcpu *vcpu)
{
	/*
	 * If we are not treating debug registers as dirty we need
	 * to trap if the guest starts accessing them.
	 */
	bool trap_debug = !(vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY);

	vcpu->arch.mdcr_el2 |= (MDCR_EL2_TPM | MDCR_EL2_TPMCR);
	vcpu->arch.mdcr_el2 |= (MDCR_EL2_TDRA | MDCR_EL2_TDOSA);

	/* Is Guest debugging in effect? */
	if (vcpu->guest_debug) {
		/* rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08" */
		/* Route all software debug exceptions to EL2 */
		vcpu->arch.mdcr_el2 |= MDCR_EL2_TDE;	/* rebuilt: as above */

		/* Save pstate/mdscr debug bits: rebuilt, as above */
		vcpu_debug_saved_reg(vcpu, pstate_ss_bit) =
			*vcpu_cpsr(vcpu) & DBG_SPSR_SS;	/* rebuilt: as above */
		vcpu_debug_saved_reg(vcpu, mdscr_el1_bits) =
			vcpu_sys_reg(vcpu, MDSCR_EL1) &
			MDSCR_EL1_DEBUG_BITS;		/* rebuilt: as above */

		/* rebuilt: as above, up to the seed's "&= ~DBG_MDSCR_SS" */
		if (vcpu->guest_debug & KVM_GUESTDBG_SINGLESTEP) {
			*vcpu_cpsr(vcpu) |=  DBG_SPSR_SS;	/* rebuilt */
			vcpu_sys_reg(vcpu, MDSCR_EL1) |= DBG_MDSCR_SS; /* rebuilt */
		} else {
			vcpu_sys_reg(vcpu, MDSCR_EL1) &= ~DBG_MDSCR_SS;
		}

		/*
		 * HW Break/Watch points
		 */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW_BP) {
			struct kvm_guest_debug_arch *saved, *host;

			vcpu_sys_reg(vcpu, MDSCR_EL1) |=
				(DBG_MDSCR_KDE|DBG_MDSCR_MDE);

			/*
			 * First we need to make a copy of the guest
			 * debug registers before we wipe them out
			 * with the ones we want to use.
			 */
			saved = &vcpu_debug_saved_reg(vcpu, debug_regs);
			host = &vcpu->arch.guest_debug_regs;

			debug_regs_save_to(vcpu, saved);
			debug_regs_restore_from(vcpu, host);

			/* Make sure hyp.S copies them in/out */
			vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
			/* Also track guest changes */
			trap_debug = true;
		}

	} else {
		/* Debug operations can go straight to the guest */
		vcpu->arch.mdcr_el2 &= ~MDCR_EL2_TDE;
	}

	/* Trap debug register access? */
	if (trap_debug)
		vcpu->arch.mdcr_el2 |= MDCR_EL2_TDA;
	else
		vcpu->arch.mdcr_el2 &= ~MDCR_EL2_TDA;
}

void kvm_arch_clear_debug(struct kvm_vcpu *vcpu)
{
	if (vcpu->guest_debug) {	/* rebuilt: "Guest debug before patch 08" */
		/* rebuilt: as above, clear_debug restores PSTATE.SS */
		*vcpu_cpsr(vcpu) &= ~DBG_SPSR_SS;		/* rebuilt */
		*vcpu_cpsr(vcpu) |=
			vcpu_debug_saved_reg(vcpu, pstate_ss_bit); /* rebuilt */

		vcpu_sys_reg(vcpu, MDSCR_EL1) &= ~MDSCR_EL1_DEBUG_BITS;
		vcpu_sys_reg(vcpu, MDSCR_EL1) |=
			vcpu_debug_saved_reg(vcpu, mdscr_el1_bits);

		/*
		 * If we were using HW debug we need to restore the
		 * values the guest had set them up with
		 */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW_BP) {
			struct kvm_guest_debug_arch *regs;

			regs = &vcpu_debug_saved_reg(vcpu, debug_regs);
			debug_regs_restore_from(vcpu, regs);
		}
	}
}
