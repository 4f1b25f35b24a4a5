/*
 * Debug and Guest Debug support
 *
 * final: arch/arm64/kvm/debug.c of the merged design, rebuilt from
 * KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)"; no line of
 * this file is in the seed.
 *
 * While userspace debugs the guest, the guest's MDSCR_EL1 is preserved
 * whole and put back after the guest exits, so the guest sees its own
 * value; its accesses to MDSCR_EL1 are trapped and emulated after the
 * preserved value is back. With USE_HW, the world switch loads the
 * registers userspace set (external_debug_state) instead of the guest's
 * own, and every guest access to a debug register traps, so the guest
 * keeps reading and writing its own set.
 *
 * Known limitation: while the host single-steps the guest, a guest that
 * single-steps itself (as a guest debugger does) is confused. Everything
 * returns to normal once the host stops debugging.
 */

#include <linux/kvm_host.h>
#include <linux/percpu.h>

#include <asm/debug-monitors.h>
#include <asm/kvm_asm.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_emulate.h>

/* These are the bits of MDSCR_EL1 we may manipulate */
#define MDSCR_EL1_DEBUG_MASK	(DBG_MDSCR_SS | \
				DBG_MDSCR_KDE | \
				DBG_MDSCR_MDE)

/* The host's MDCR_EL2 (its HPMN field) lives in the simulated CPU. */
void kvm_arm_init_debug(void)
{
}

static void save_guest_debug_regs(struct kvm_vcpu *vcpu)
{
	vcpu->arch.guest_debug_preserved.mdscr_el1 =
		vcpu_sys_reg(vcpu, MDSCR_EL1);
}

static void restore_guest_debug_regs(struct kvm_vcpu *vcpu)
{
	vcpu_sys_reg(vcpu, MDSCR_EL1) =
		vcpu->arch.guest_debug_preserved.mdscr_el1;
}

/**
 * kvm_arm_reset_debug_ptr - reset the debug ptr to point to the vcpu state
 */
void kvm_arm_reset_debug_ptr(struct kvm_vcpu *vcpu)
{
	vcpu->arch.debug_ptr = &vcpu->arch.vcpu_debug_state;
}

/**
 * kvm_arm_setup_debug - set up debug related stuff
 *
 * Called with interrupts off, just before entering the guest. MDCR_EL2
 * starts afresh on every entry: the host's HPMN, then the traps KVM always
 * wants. Guest debug adds TDE, and may take over MDSCR_EL1 and the debug
 * registers (see the file comment). Debug register accesses trap while
 * the guest's registers are not loaded (DIRTY clear), and always with
 * USE_HW.
 */
void kvm_arm_setup_debug(struct kvm_vcpu *vcpu)
{
	bool trap_debug = !(vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY);

	vcpu->arch.mdcr_el2 = __this_cpu_read(mdcr_el2) & MDCR_EL2_HPMN_MASK;
	vcpu->arch.mdcr_el2 |= (MDCR_EL2_TPM |
				MDCR_EL2_TPMCR |
				MDCR_EL2_TDRA |
				MDCR_EL2_TDOSA);

	/* Is Guest debugging in effect? */
	if (vcpu->guest_debug) {
		/* Route all software debug exceptions to EL2 */
		vcpu->arch.mdcr_el2 |= MDCR_EL2_TDE;

		/* Save guest debug state */
		save_guest_debug_regs(vcpu);

		/*
		 * Single step: PSTATE.SS and MDSCR_EL1.SS on, so that the
		 * guest steps one instruction and exits; otherwise MDSCR_EL1.SS
		 * off, so that a step the guest set up does not fire.
		 */
		if (vcpu->guest_debug & KVM_GUESTDBG_SINGLESTEP) {
			*vcpu_cpsr(vcpu) |=  DBG_SPSR_SS;
			vcpu_sys_reg(vcpu, MDSCR_EL1) |= DBG_MDSCR_SS;
		} else {
			vcpu_sys_reg(vcpu, MDSCR_EL1) &= ~DBG_MDSCR_SS;
		}

		/*
		 * HW Breakpoints and watchpoints: the world switch loads
		 * the registers userspace set; MDE enables them, and the
		 * guest's accesses trap so that it keeps its own set.
		 */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW) {
			vcpu_sys_reg(vcpu, MDSCR_EL1) |= DBG_MDSCR_MDE;

			vcpu->arch.debug_ptr = &vcpu->arch.external_debug_state;
			vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
			trap_debug = true;
		}
	}

	/* Trap debug register access */
	if (trap_debug)
		vcpu->arch.mdcr_el2 |= MDCR_EL2_TDA;
}

/**
 * kvm_arm_clear_debug - clear any guest debug state
 *
 * Called just after the guest exits: puts the guest's MDSCR_EL1 back and
 * points the world switch at the guest's own registers again.
 */
void kvm_arm_clear_debug(struct kvm_vcpu *vcpu)
{
	if (vcpu->guest_debug) {
		restore_guest_debug_regs(vcpu);

		/*
		 * If we were using HW debug we need to restore the
		 * debug_ptr to the guest debug state.
		 */
		if (vcpu->guest_debug & KVM_GUESTDBG_USE_HW)
			kvm_arm_reset_debug_ptr(vcpu);
	}
}
