/*
 * Architectural constants of Armv8-A that guest debug depends on: MDCR_EL2
 * trap bits, MDSCR_EL1 bits, the saved PSTATE.SS bit, ID_AA64DFR0_EL1 fields
 * and ESR_ELx exception classes. Valid C11 and C++17.
 *
 * Values: Arm ARM (DDI 0487) and Linux 4.0-4.2 as listed in
 * ../shared/KERNEL-CONTEXT.md; spec/sources.md cites each.
 */
#ifndef DBGREF_MODEL_ARCH_REGISTERS_H_
#define DBGREF_MODEL_ARCH_REGISTERS_H_

/* MDCR_EL2 (asm/kvm_arm.h). */
#define DBGREF_MDCR_HPMN_MASK 0x1full
#define DBGREF_MDCR_TPMCR (1ull << 5)
#define DBGREF_MDCR_TPM (1ull << 6)
#define DBGREF_MDCR_HPME (1ull << 7)
#define DBGREF_MDCR_TDE (1ull << 8)
#define DBGREF_MDCR_TDA (1ull << 9)
#define DBGREF_MDCR_TDOSA (1ull << 10)
#define DBGREF_MDCR_TDRA (1ull << 11)
/* The MDCR_EL2 bits guest debug decides; the observation compares these. */
#define DBGREF_MDCR_DEBUG_TRAP_BITS                                          \
  (DBGREF_MDCR_TPMCR | DBGREF_MDCR_TPM | DBGREF_MDCR_TDE | DBGREF_MDCR_TDA | \
   DBGREF_MDCR_TDOSA | DBGREF_MDCR_TDRA)
/* Set on every entry, whatever guest debug does. */
#define DBGREF_MDCR_ALWAYS_BITS \
  (DBGREF_MDCR_TPM | DBGREF_MDCR_TPMCR | DBGREF_MDCR_TDRA | DBGREF_MDCR_TDOSA)

/* MDSCR_EL1 (asm/debug-monitors.h). */
#define DBGREF_MDSCR_SS (1ull << 0)
#define DBGREF_MDSCR_KDE (1ull << 13)
#define DBGREF_MDSCR_MDE (1ull << 15)
#define DBGREF_MDSCR_DEBUG_BITS \
  (DBGREF_MDSCR_SS | DBGREF_MDSCR_KDE | DBGREF_MDSCR_MDE)

/* PSTATE.SS as saved in SPSR (DBG_SPSR_SS). */
#define DBGREF_SPSR_SS (1ull << 21)

/* ID_AA64DFR0_EL1: each count is field + 1. */
#define DBGREF_DFR0_BRPS_SHIFT 12
#define DBGREF_DFR0_WRPS_SHIFT 20
#define DBGREF_DFR0_CTX_CMPS_SHIFT 28
#define DBGREF_DFR0_FIELD_MASK 0xfull

/* ESR_ELx exception classes (asm/esr.h). */
#define DBGREF_ESR_EC_SHIFT 26
#define DBGREF_ESR_EC_MASK 0x3full
#define DBGREF_EC_UNKNOWN 0x00
#define DBGREF_EC_WFX 0x01
#define DBGREF_EC_HVC64 0x16
#define DBGREF_EC_SYS64 0x18
#define DBGREF_EC_IABT_LOW 0x20
#define DBGREF_EC_DABT_LOW 0x24
#define DBGREF_EC_BREAKPT_LOW 0x30
#define DBGREF_EC_BREAKPT_CUR 0x31
#define DBGREF_EC_SOFTSTP_LOW 0x32
#define DBGREF_EC_SOFTSTP_CUR 0x33
#define DBGREF_EC_WATCHPT_LOW 0x34
#define DBGREF_EC_WATCHPT_CUR 0x35
#define DBGREF_EC_BKPT32 0x38
#define DBGREF_EC_BRK64 0x3c

#endif /* DBGREF_MODEL_ARCH_REGISTERS_H_ */
