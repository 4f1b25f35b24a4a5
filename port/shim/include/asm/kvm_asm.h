/*
 * Exit codes of the world switch (arch/arm64/include/asm/kvm_asm.h) and
 * kvm_call_hyp, which in user space is a plain call.
 */
#ifndef DBGREF_SHIM_ASM_KVM_ASM_H
#define DBGREF_SHIM_ASM_KVM_ASM_H

#define ARM_EXCEPTION_IRQ	0
#define ARM_EXCEPTION_TRAP	1

#define kvm_call_hyp(f, ...)	f(__VA_ARGS__)
#define kern_hyp_va(v)		(v)

#endif /* DBGREF_SHIM_ASM_KVM_ASM_H */
