/*
 * Architectural constants of Armv8-A that guest debug depends on: MDCR_EL2
 * trap bits, MDSCR_EL1 bits, PSTATE bits, the breakpoint and watchpoint
 * control register fields, the OS lock, ID_AA64DFR0_EL1 fields, ESR_ELx
 * exception classes and syndromes, and the exception vector offsets.
 * Valid C11 and C++17.
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

/* PSTATE as saved in SPSR_ELx: SS (DBG_SPSR_SS), the DAIF masks, and the
 * mode field (EL1 with SP_EL1 is EL1h). */
#define DBGREF_SPSR_SS (1ull << 21)
#define DBGREF_PSTATE_D (1ull << 9)
#define DBGREF_PSTATE_A (1ull << 8)
#define DBGREF_PSTATE_I (1ull << 7)
#define DBGREF_PSTATE_F (1ull << 6)
#define DBGREF_PSTATE_MODE_EL1H 0x5ull
/* The PSTATE an exception taken to EL1 leaves: EL1h, DAIF all masked, SS 0. */
#define DBGREF_PSTATE_EXCEPTION_ENTRY                                \
  (DBGREF_PSTATE_MODE_EL1H | DBGREF_PSTATE_D | DBGREF_PSTATE_A |     \
   DBGREF_PSTATE_I | DBGREF_PSTATE_F)

/* DBGBCR<n>_EL1: enable, privilege, byte address select, higher mode,
 * security state, linked breakpoint number, breakpoint type. */
#define DBGREF_BCR_E (1ull << 0)
#define DBGREF_BCR_PMC_SHIFT 1
#define DBGREF_BCR_BAS_SHIFT 5
#define DBGREF_BCR_HMC (1ull << 13)
#define DBGREF_BCR_SSC_SHIFT 14
#define DBGREF_BCR_BT_SHIFT 20
/* DBGWCR<n>_EL1: enable, privilege, load/store, byte address select, higher
 * mode, security state, watchpoint type (linked), address mask. */
#define DBGREF_WCR_E (1ull << 0)
#define DBGREF_WCR_PAC_SHIFT 1
#define DBGREF_WCR_LSC_SHIFT 3
#define DBGREF_WCR_LSC_LOAD 0x1ull
#define DBGREF_WCR_LSC_STORE 0x2ull
#define DBGREF_WCR_BAS_SHIFT 5
#define DBGREF_WCR_HMC (1ull << 13)
#define DBGREF_WCR_SSC_SHIFT 14
#define DBGREF_WCR_WT (1ull << 20)
#define DBGREF_WCR_MASK_SHIFT 24

/* OSLSR_EL1: OSLK (bit 1) and OSLM, which says the OS lock is implemented
 * as in Armv8 (0b10 in bits {3, 0}: bit 3 set). OSLAR_EL1.OSLK is bit 0. */
#define DBGREF_OSLSR_OSLK (1ull << 1)
#define DBGREF_OSLSR_OSLM (1ull << 3)
#define DBGREF_OSLAR_OSLK (1ull << 0)

/* ID_AA64DFR0_EL1: each count is field + 1. */
#define DBGREF_DFR0_BRPS_SHIFT 12
#define DBGREF_DFR0_WRPS_SHIFT 20
#define DBGREF_DFR0_CTX_CMPS_SHIFT 28
#define DBGREF_DFR0_FIELD_MASK 0xfull

/* ESR_ELx: IL (a 32-bit instruction, or any exception below), and the ISS
 * fields guest debug reads: ISV and EX of a software step, WnR of a
 * watchpoint, the debug fault status code of breakpoints, steps and
 * watchpoints, the immediate of BRK. */
#define DBGREF_ESR_IL (1ull << 25)
#define DBGREF_ESR_STEP_ISV (1ull << 24)
#define DBGREF_ESR_WNR (1ull << 6)
#define DBGREF_ESR_DEBUG_FSC 0x22ull
#define DBGREF_ESR_BRK_IMM_MASK 0xffffull
/* A data abort's ISS, as for an MMIO store of 8 bytes of XZR: ISV, SAS
 * (log2 of the size), SRT (the register, 31), SF (64-bit), WnR, and the
 * fault status code of a translation fault at level 3. */
#define DBGREF_ESR_DABT_ISV (1ull << 24)
#define DBGREF_ESR_DABT_SAS_SHIFT 22
#define DBGREF_ESR_DABT_SRT_SHIFT 16
#define DBGREF_ESR_DABT_SF (1ull << 15)
#define DBGREF_ESR_DABT_TRANSLATION_L3 0x07ull
/* The general purpose register every trapped MRS and MSR of the model's
 * CPU names as Rt. */
#define DBGREF_TRANSFER_REG 2

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
#define DBGREF_EC_IRQ 0x3f /* not an EC: the model's marker for an exit on an interrupt */

/* Exception vectors: the offset from VBAR_EL1 of "current EL with SPx,
 * synchronous", where an exception from EL1h to EL1 goes. */
#define DBGREF_VECTOR_CURRENT_SPX_SYNC 0x200ull

#endif /* DBGREF_MODEL_ARCH_REGISTERS_H_ */
