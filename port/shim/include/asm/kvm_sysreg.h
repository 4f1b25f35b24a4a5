/*
 * The indices of the guest's system registers in the vCPU context and the
 * vcpu_sys_reg accessor (arch/arm64/include/asm/kvm_host.h,
 * enum vcpu_sysreg). Only the registers the revisions touch are named, in
 * the kernel's order; the four debug banks are contiguous, 16 each, so that
 * &vcpu_sys_reg(vcpu, DBGBCR0_EL1) can be copied as an array.
 */
#ifndef DBGREF_SHIM_ASM_KVM_SYSREG_H
#define DBGREF_SHIM_ASM_KVM_SYSREG_H

enum vcpu_sysreg {
	__INVALID_SYSREG__,
	MPIDR_EL1,
	CSSELR_EL1,
	SCTLR_EL1,
	ACTLR_EL1,
	CPACR_EL1,
	TTBR0_EL1,
	TTBR1_EL1,
	TCR_EL1,
	ESR_EL1,
	AFSR0_EL1,
	AFSR1_EL1,
	FAR_EL1,
	MAIR_EL1,
	VBAR_EL1,
	CONTEXTIDR_EL1,
	TPIDR_EL0,
	TPIDRRO_EL0,
	TPIDR_EL1,
	AMAIR_EL1,
	CNTKCTL_EL1,
	PAR_EL1,
	MDSCR_EL1,
	MDCCINT_EL1,

	DBGBCR0_EL1,
	DBGBCR15_EL1 = DBGBCR0_EL1 + 15,
	DBGBVR0_EL1,
	DBGBVR15_EL1 = DBGBVR0_EL1 + 15,
	DBGWCR0_EL1,
	DBGWCR15_EL1 = DBGWCR0_EL1 + 15,
	DBGWVR0_EL1,
	DBGWVR15_EL1 = DBGWVR0_EL1 + 15,
	MDCCSR_EL0,
	DBGVCR32_EL2,

	NR_SYS_REGS
};

#define vcpu_sys_reg(v, r)	((v)->arch.ctxt.sys_regs[(r)])

#endif /* DBGREF_SHIM_ASM_KVM_SYSREG_H */
