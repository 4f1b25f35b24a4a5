/*
 * vCPU register and syndrome accessors (arch/arm64/include/asm/
 * kvm_emulate.h), the instruction skip after an emulated access, and the
 * undefined instruction exception KVM gives the guest (arch/arm64/kvm/
 * inject_fault.c). Include after <linux/kvm_host.h>: the accessors work on
 * every revision's vCPU because the context and fault fields keep the
 * kernel's names.
 */
#ifndef DBGREF_SHIM_ASM_KVM_EMULATE_H
#define DBGREF_SHIM_ASM_KVM_EMULATE_H

#include <linux/kvm_host.h>
#include <asm/esr.h>
#include <asm/ptrace.h>

static inline struct user_pt_regs *vcpu_gp_regs(struct kvm_vcpu *vcpu)
{
	return &vcpu->arch.ctxt.gp_regs.regs;
}

static inline unsigned long *vcpu_reg(struct kvm_vcpu *vcpu, u8 reg_num)
{
	return (unsigned long *)&vcpu->arch.ctxt.gp_regs.regs.regs[reg_num];
}

static inline unsigned long *vcpu_pc(struct kvm_vcpu *vcpu)
{
	return (unsigned long *)&vcpu->arch.ctxt.gp_regs.regs.pc;
}

static inline unsigned long *vcpu_cpsr(struct kvm_vcpu *vcpu)
{
	return (unsigned long *)&vcpu->arch.ctxt.gp_regs.regs.pstate;
}

static inline unsigned long *vcpu_elr_el1(struct kvm_vcpu *vcpu)
{
	return (unsigned long *)&vcpu->arch.ctxt.gp_regs.elr_el1;
}

static inline unsigned long *vcpu_spsr(struct kvm_vcpu *vcpu)
{
	return (unsigned long *)&vcpu->arch.ctxt.gp_regs.spsr[KVM_SPSR_EL1];
}

static inline u32 kvm_vcpu_get_hsr(const struct kvm_vcpu *vcpu)
{
	return vcpu->arch.fault.esr_el2;
}

static inline unsigned long kvm_vcpu_get_hfar(const struct kvm_vcpu *vcpu)
{
	return vcpu->arch.fault.far_el2;
}

static inline u8 kvm_vcpu_trap_get_class(const struct kvm_vcpu *vcpu)
{
	return kvm_vcpu_get_hsr(vcpu) >> ESR_ELx_EC_SHIFT;
}

static inline bool kvm_vcpu_trap_il_is32bit(const struct kvm_vcpu *vcpu)
{
	return !!(kvm_vcpu_get_hsr(vcpu) & ESR_ELx_IL);
}

static inline bool kvm_vcpu_dabt_isvalid(const struct kvm_vcpu *vcpu)
{
	return !!(kvm_vcpu_get_hsr(vcpu) & ESR_ELx_ISV);
}

static inline bool kvm_vcpu_dabt_iswrite(const struct kvm_vcpu *vcpu)
{
	return !!(kvm_vcpu_get_hsr(vcpu) & ESR_ELx_WNR);
}

static inline int kvm_vcpu_dabt_get_rd(const struct kvm_vcpu *vcpu)
{
	return (kvm_vcpu_get_hsr(vcpu) & ESR_ELx_SRT_MASK) >> ESR_ELx_SRT_SHIFT;
}

static inline int kvm_vcpu_dabt_get_as(const struct kvm_vcpu *vcpu)
{
	return 1 << ((kvm_vcpu_get_hsr(vcpu) & ESR_ELx_SAS) >>
		     ESR_ELx_SAS_SHIFT);
}

/*
 * rebuilt: KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)":
 * the skip after an emulated access advances the PC past the instruction
 * and does not touch PSTATE.SS. The guest is AArch64: its instructions
 * are 4 bytes.
 */
static inline void kvm_skip_instr(struct kvm_vcpu *vcpu, bool is_wide_instr)
{
	*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;
}

/*
 * rebuilt: KERNEL-CONTEXT.md "Debug-register traps" (emulate_sys_reg
 * injects an undefined instruction exception) and the exception entry of
 * the architecture (spec/execution.md, [arm:exception-entry]): the guest
 * takes an Undefined Instruction exception at its PC as if the CPU had
 * raised it at EL1h: ELR_EL1 the PC, SPSR_EL1 PSTATE, ESR_EL1 EC 0 with
 * IL as the trapped instruction had it, PSTATE EL1h with D, A, I and F
 * masked, and the PC at the vector of the current EL with SP_ELx,
 * synchronous. The shim also records that it happened.
 */
#define CURRENT_EL_SP_ELx_VECTOR	DBGREF_VECTOR_CURRENT_SPX_SYNC

static inline void kvm_inject_undefined(struct kvm_vcpu *vcpu)
{
	u32 esr = ESR_ELx_EC_UNKNOWN << ESR_ELx_EC_SHIFT;

	if (kvm_vcpu_trap_il_is32bit(vcpu))
		esr |= ESR_ELx_IL;

	*vcpu_elr_el1(vcpu) = *vcpu_pc(vcpu);
	*vcpu_spsr(vcpu) = *vcpu_cpsr(vcpu);
	vcpu_sys_reg(vcpu, ESR_EL1) = esr;
	*vcpu_cpsr(vcpu) = PSR_MODE_EL1h | PSR_D_BIT | PSR_A_BIT |
			   PSR_I_BIT | PSR_F_BIT;
	*vcpu_pc(vcpu) = vcpu_sys_reg(vcpu, VBAR_EL1) +
			 CURRENT_EL_SP_ELx_VECTOR;

	vcpu->shim.undef = 1;
}

#endif /* DBGREF_SHIM_ASM_KVM_EMULATE_H */
