/*
 * The world switch (arch/arm64/kvm/hyp.S), rebuilt in C from
 * KERNEL-CONTEXT.md "Lazy switching of debug registers", for the state
 * guest debug touches: the debug registers under the DIRTY flag, MDCR_EL2,
 * the EL1 debug control registers, the EL1 exception registers, and the
 * guest's general purpose registers, PC and PSTATE. Every line of this
 * file is rebuilt; none is in the seed.
 */

#include <linux/kvm_host.h>

#include <asm/debug-monitors.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_asm.h>
#include <asm/sysreg.h>

#include "port/shim/cpu.h"
#include "port/shim/kvm_api.h"

/* On entry: DIRTY is set when the guest's MDSCR_EL1 has KDE or MDE. */
static void __debug_compute_state(struct kvm_vcpu *vcpu)
{
	if (vcpu_sys_reg(vcpu, MDSCR_EL1) & (DBG_MDSCR_KDE | DBG_MDSCR_MDE))
		vcpu->arch.debug_flags |= KVM_ARM64_DEBUG_DIRTY;
}

/* Hardware debug registers into a context's DBG* sys_regs (n < 16). */
static void __debug_save_state(struct kvm_cpu_context *ctxt)
{
	int i;

	for (i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
		ctxt->sys_regs[DBGBCR0_EL1 + i] = read_debug(bcr, i);
		ctxt->sys_regs[DBGBVR0_EL1 + i] = read_debug(bvr, i);
		ctxt->sys_regs[DBGWCR0_EL1 + i] = read_debug(wcr, i);
		ctxt->sys_regs[DBGWVR0_EL1 + i] = read_debug(wvr, i);
	}
}

/* A context's DBG* sys_regs into the hardware debug registers (n < 16). */
static void __debug_restore_state(struct kvm_cpu_context *ctxt)
{
	int i;

	for (i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
		write_debug(ctxt->sys_regs[DBGBCR0_EL1 + i], bcr, i);
		write_debug(ctxt->sys_regs[DBGBVR0_EL1 + i], bvr, i);
		write_debug(ctxt->sys_regs[DBGWCR0_EL1 + i], wcr, i);
		write_debug(ctxt->sys_regs[DBGWVR0_EL1 + i], wvr, i);
	}
}

/* The EL1 system registers of a context that guest debug touches. */
static void __sysreg_save_state(struct kvm_cpu_context *ctxt)
{
	ctxt->sys_regs[MDSCR_EL1] = read_sysreg(mdscr_el1);
	ctxt->sys_regs[MDCCINT_EL1] = read_sysreg(mdccint_el1);
	ctxt->sys_regs[ESR_EL1] = read_sysreg(esr_el1);
	ctxt->sys_regs[FAR_EL1] = read_sysreg(far_el1);
	ctxt->gp_regs.elr_el1 = read_sysreg(elr_el1);
	ctxt->gp_regs.spsr[KVM_SPSR_EL1] = read_sysreg(spsr_el1);
}

static void __sysreg_restore_state(struct kvm_cpu_context *ctxt)
{
	write_sysreg(ctxt->sys_regs[MDSCR_EL1], mdscr_el1);
	write_sysreg(ctxt->sys_regs[MDCCINT_EL1], mdccint_el1);
	write_sysreg(ctxt->sys_regs[ESR_EL1], esr_el1);
	write_sysreg(ctxt->sys_regs[FAR_EL1], far_el1);
	write_sysreg(ctxt->gp_regs.elr_el1, elr_el1);
	write_sysreg(ctxt->gp_regs.spsr[KVM_SPSR_EL1], spsr_el1);
}

/* The registers the guest runs with and leaves behind. */
static void __guest_restore_regs(struct kvm_cpu_context *ctxt)
{
	int i;

	for (i = 0; i < 31; i++)
		write_gpr(ctxt->gp_regs.regs.regs[i], i);
	write_sysreg(ctxt->gp_regs.regs.pc, elr_el2);
	write_sysreg(ctxt->gp_regs.regs.pstate, spsr_el2);
}

static void __guest_save_regs(struct kvm_cpu_context *ctxt)
{
	int i;

	for (i = 0; i < 31; i++)
		ctxt->gp_regs.regs.regs[i] = read_gpr(i);
	ctxt->gp_regs.regs.pc = read_sysreg(elr_el2);
	ctxt->gp_regs.regs.pstate = read_sysreg(spsr_el2);
}

/* MDCR_EL2 as setup_debug left it in the vCPU. */
static void __activate_traps(struct kvm_vcpu *vcpu)
{
	write_sysreg(vcpu->arch.mdcr_el2, mdcr_el2);
}

/* The host's MDCR_EL2 keeps only HPMN. */
static void __deactivate_traps(struct kvm_vcpu *vcpu)
{
	write_sysreg(read_sysreg(mdcr_el2) & MDCR_EL2_HPMN_MASK, mdcr_el2);
}

/* ESR_EL2 and FAR_EL2 of a trap, for the exit handlers. */
static void __save_fault(struct kvm_vcpu *vcpu, int exit_code)
{
	if (exit_code != ARM_EXCEPTION_TRAP)
		return;
	vcpu->arch.fault.esr_el2 = read_sysreg(esr_el2);
	vcpu->arch.fault.far_el2 = read_sysreg(far_el2);
}

int __kvm_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvm_cpu_context *host_ctxt;
	struct kvm_cpu_context *guest_ctxt;
	int exit_code;

	host_ctxt = kern_hyp_va(vcpu->arch.host_cpu_context);
	guest_ctxt = &vcpu->arch.ctxt;

	/* Entry: save the host, decide DIRTY, load the guest. */
	__sysreg_save_state(host_ctxt);
	__debug_compute_state(vcpu);
	if (vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)
		__debug_save_state(host_ctxt);

	__activate_traps(vcpu);
	__sysreg_restore_state(guest_ctxt);
	if (vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)
		__debug_restore_state(guest_ctxt);
	__guest_restore_regs(guest_ctxt);

	exit_code = dbgref_cpu_run_guest(dbgref_this_cpu);

	/* Exit: save the guest, give the host its registers back. */
	__guest_save_regs(guest_ctxt);
	__save_fault(vcpu, exit_code);
	__sysreg_save_state(guest_ctxt);
	if (vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY)
		__debug_save_state(guest_ctxt);

	__deactivate_traps(vcpu);
	__sysreg_restore_state(host_ctxt);
	if (vcpu->arch.debug_flags & KVM_ARM64_DEBUG_DIRTY) {
		__debug_restore_state(host_ctxt);
		vcpu->arch.debug_flags &= ~KVM_ARM64_DEBUG_DIRTY;
	}

	return exit_code;
}
