/*
 * Debug and Guest Debug support
 *
 * v2 of patch 08/10 (arch/arm64/kvm/debug.c), as posted: see
 * ../../../shared/seed/000_21c023caa7fed137.txt. Lines the seed does not
 * show are rebuilt from KERNEL-CONTEXT.md and say so.
 */

#include <linux/kvm_host.h>

#include <asm/debug-monitors.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_emulate.h>
#include <asm/hw_breakpoint.h>

#include "trace.h"

/* rebuilt: KERNEL-CONTEXT.md "Guest debug before patch 08" (SS, KDE, MDE) */
#define MDSCR_EL1_DEBUG_BITS	(DBG_MDSCR_SS | DBG_MDSCR_KDE | DBG_MDSCR_MDE)

void kvm_arch_setup_debug(struct kvm_vcpu *vcpu)
{
	bool trap_debug = false;

	vcpu->arch.mdcr_el2 |= (MDCR_EL2_TPM | MDCR_EL2_TPMCR);
	vcpu->arch.mdcr_el2 |= (MDCR_EL2_TDRA | MDCR_EL2_TDOSA);

	trace_kvm_arch_setup_debug_reg32("MDCR_EL2", vcpu->arch.mdcr_el2);

	/*
	 * If we are not treating debug registers are dirty we need
	 * to trap if the guest starts accessing them.
	 */
	if (!vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)
		trap_debug = true;

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
			int nb = get_num_brps();
			int nw = get_num_wrps();
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

			/* Save guest values */
			memcpy(&saved->dbg_bcr,
			       &vcpu_sys_reg(vcpu, DBGBCR0_EL1),
			       sizeof(__u64)*nb);
			memcpy(&saved->dbg_bvr,
			       &vcpu_sys_reg(vcpu, DBGBVR0_EL1),
			       sizeof(__u64)*nb);
			memcpy(&saved->dbg_wcr,
			       &vcpu_sys_reg(vcpu, DBGWCR0_EL1),
			       sizeof(__u64)*nw);
			memcpy(&saved->dbg_wvr,
			       &vcpu_sys_reg(vcpu, DBGWVR0_EL1),
			       sizeof(__u64)*nw);

			/* Copy in host values */
			memcpy(&vcpu_sys_reg(vcpu, DBGBCR0_EL1),
			       &host->dbg_bcr,
			       sizeof(__u64)*nb);
			memcpy(&vcpu_sys_reg(vcpu, DBGBVR0_EL1),
			       &host->dbg_bvr,
			       sizeof(__u64)*nb);
			memcpy(&vcpu_sys_reg(vcpu, DBGWCR0_EL1),
			       &host->dbg_wcr,
			       sizeof(__u64)*nw);
			memcpy(&vcpu_sys_reg(vcpu, DBGWVR0_EL1),
			       &host->dbg_wvr,
			       sizeof(__u64)*nw);

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
			int nb = get_num_brps();
			int nw = get_num_wrps();

			regs = &vcpu_debug_saved_reg(vcpu, debug_regs);

			/* Restore the saved debug register values */
			memcpy(&vcpu_sys_reg(vcpu, DBGBCR0_EL1),
			       &regs->dbg_bcr,
			       sizeof(__u64)*nb);
			memcpy(&vcpu_sys_reg(vcpu, DBGBVR0_EL1),
			       &regs->dbg_bvr,
			       sizeof(__u64)*nb);
			memcpy(&vcpu_sys_reg(vcpu, DBGWCR0_EL1),
			       &regs->dbg_wcr,
			       sizeof(__u64)*nw);
			memcpy(&vcpu_sys_reg(vcpu, DBGWVR0_EL1),
			       &regs->dbg_wvr,
			       sizeof(__u64)*nw);
		}
	}
}
