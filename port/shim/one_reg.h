/*
 * The KVM_GET_ONE_REG/KVM_SET_ONE_REG ids of arm64 (include/uapi/linux/
 * kvm.h and arch/arm64/include/uapi/asm/kvm.h): an id is the architecture,
 * the size, the register group and the register within it. Core registers
 * are numbered by their offset in struct kvm_regs in 32-bit words; system
 * registers by their encoding (op0, op1, CRn, CRm, op2). Standalone, valid
 * C11 and C++17, so that the tests can pin the numbers.
 */
#ifndef DBGREF_PORT_SHIM_ONE_REG_H
#define DBGREF_PORT_SHIM_ONE_REG_H

#include <stddef.h>
#include <stdint.h>

#define KVM_REG_ARCH_MASK		0xff00000000000000ULL
#define KVM_REG_ARM64			0x6000000000000000ULL
#define KVM_REG_SIZE_SHIFT		52
#define KVM_REG_SIZE_MASK		0x00f0000000000000ULL
#define KVM_REG_SIZE_U64		0x0030000000000000ULL
#define KVM_REG_SIZE(id)						\
	(1U << (((id) & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT))

#define KVM_REG_ARM_COPROC_MASK		0x000000000FFF0000ULL
#define KVM_REG_ARM_COPROC_SHIFT	16
#define KVM_REG_ARM_CORE		(0x0010ULL << KVM_REG_ARM_COPROC_SHIFT)
#define KVM_REG_ARM64_SYSREG	(0x0013ULL << KVM_REG_ARM_COPROC_SHIFT)

/* A core register: its offset in struct kvm_regs, in 32-bit words. */
#define KVM_REG_ARM_CORE_REG(name)					\
	(offsetof(struct kvm_regs, name) / sizeof(uint32_t))
#define KVM_REG_ARM_CORE_ID(name)					\
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |		\
	 KVM_REG_ARM_CORE_REG(name))

#define KVM_REG_ARM64_SYSREG_OP0_MASK	0x000000000000c000ULL
#define KVM_REG_ARM64_SYSREG_OP0_SHIFT	14
#define KVM_REG_ARM64_SYSREG_OP1_MASK	0x0000000000003800ULL
#define KVM_REG_ARM64_SYSREG_OP1_SHIFT	11
#define KVM_REG_ARM64_SYSREG_CRN_MASK	0x0000000000000780ULL
#define KVM_REG_ARM64_SYSREG_CRN_SHIFT	7
#define KVM_REG_ARM64_SYSREG_CRM_MASK	0x0000000000000078ULL
#define KVM_REG_ARM64_SYSREG_CRM_SHIFT	3
#define KVM_REG_ARM64_SYSREG_OP2_MASK	0x0000000000000007ULL
#define KVM_REG_ARM64_SYSREG_OP2_SHIFT	0

#define ARM64_SYS_REG(op0, op1, crn, crm, op2)				\
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG |	\
	 ((uint64_t)(op0) << KVM_REG_ARM64_SYSREG_OP0_SHIFT) |		\
	 ((uint64_t)(op1) << KVM_REG_ARM64_SYSREG_OP1_SHIFT) |		\
	 ((uint64_t)(crn) << KVM_REG_ARM64_SYSREG_CRN_SHIFT) |		\
	 ((uint64_t)(crm) << KVM_REG_ARM64_SYSREG_CRM_SHIFT) |		\
	 ((uint64_t)(op2) << KVM_REG_ARM64_SYSREG_OP2_SHIFT))

/* KVM_GET_ONE_REG, KVM_SET_ONE_REG: addr points at the value. */
struct kvm_one_reg {
	uint64_t id;
	uint64_t addr;
};

/* KVM_ARM_VCPU_INIT. */
#define KVM_ARM_TARGET_GENERIC_V8	5
struct kvm_vcpu_init {
	uint32_t target;
	uint32_t features[7];
};

/*
 * The offsets of struct kvm_regs the driver uses, in 32-bit words: pc and
 * pstate follow the 31 general purpose registers and sp; elr_el1 follows
 * sp_el1; spsr[] follows elr_el1 (KVM_SPSR_EL1 is entry 0).
 */
#define DBGREF_CORE_OFF_PC		0x40
#define DBGREF_CORE_OFF_PSTATE		0x42
#define DBGREF_CORE_OFF_ELR_EL1		0x46
#define DBGREF_CORE_OFF_SPSR_EL1	0x48

#endif /* DBGREF_PORT_SHIM_ONE_REG_H */
