/*
 * vCPU register and syndrome accessors (arch/arm64/include/asm/
 * kvm_emulate.h), and kvm_inject_undefined, which here records that the
 * guest got an UNDEF instead of building the exception. Include after
 * <linux/kvm_host.h>: the accessors work on every revision's vCPU because
 * the context and fault fields keep the kernel's names.
 */
#ifndef DBGREF_SHIM_ASM_KVM_EMULATE_H
#define DBGREF_SHIM_ASM_KVM_EMULATE_H

#include <linux/kvm_host.h>
#include <asm/esr.h>

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

static inline u32 kvm_vcpu_get_hsr(const struct kvm_vcpu *vcpu)
{
	return vcpu->arch.fault.esr_el2;
}

static inline u8 kvm_vcpu_trap_get_class(const struct kvm_vcpu *vcpu)
{
	return kvm_vcpu_get_hsr(vcpu) >> ESR_ELx_EC_SHIFT;
}

static inline bool kvm_vcpu_trap_il_is32bit(const struct kvm_vcpu *vcpu)
{
	return !!(kvm_vcpu_get_hsr(vcpu) & ESR_ELx_IL);
}

static inline void kvm_skip_instr(struct kvm_vcpu *vcpu, bool is_wide_instr)
{
	*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;
}

static inline void kvm_inject_undefined(struct kvm_vcpu *vcpu)
{
	vcpu->shim.undef = 1;
}

#endif /* DBGREF_SHIM_ASM_KVM_EMULATE_H */
