/*
 * MDCR_EL2 bits (arch/arm64/include/asm/kvm_arm.h), from model/arch/registers.h.
 */
#ifndef DBGREF_SHIM_ASM_KVM_ARM_H
#define DBGREF_SHIM_ASM_KVM_ARM_H

#include "model/arch/registers.h"

#define MDCR_EL2_HPMN_MASK	((u32)DBGREF_MDCR_HPMN_MASK)
#define MDCR_EL2_TPMCR		((u32)DBGREF_MDCR_TPMCR)
#define MDCR_EL2_TPM		((u32)DBGREF_MDCR_TPM)
#define MDCR_EL2_HPME		((u32)DBGREF_MDCR_HPME)
#define MDCR_EL2_TDE		((u32)DBGREF_MDCR_TDE)
#define MDCR_EL2_TDA		((u32)DBGREF_MDCR_TDA)
#define MDCR_EL2_TDOSA		((u32)DBGREF_MDCR_TDOSA)
#define MDCR_EL2_TDRA		((u32)DBGREF_MDCR_TDRA)

#endif /* DBGREF_SHIM_ASM_KVM_ARM_H */
