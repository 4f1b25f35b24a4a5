/*
 * The simulated CPU: power-on state and one guest action (see cpu.h).
 */
#include <string.h>

#include <asm/esr.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_asm.h>

#include "port/shim/cpu.h"

_Thread_local struct dbgref_cpu *dbgref_this_cpu;

void dbgref_cpu_init(struct dbgref_cpu *cpu, const struct dbgref_host *host)
{
	memset(cpu, 0, sizeof(*cpu));
	cpu->id_aa64dfr0_el1 = host->id_aa64dfr0_el1;
	cpu->dbg = host->host_regs;
}

/* op0, op1, CRn, CRm, op2 of the registers (Arm ARM, debug registers). */
static void sysreg_encoding(u32 reg_kind, u32 index, u32 *crm, u32 *op2)
{
	switch (reg_kind) {
	case DBGREF_REG_BVR:
		*crm = index;
		*op2 = 4;
		break;
	case DBGREF_REG_BCR:
		*crm = index;
		*op2 = 5;
		break;
	case DBGREF_REG_WVR:
		*crm = index;
		*op2 = 6;
		break;
	case DBGREF_REG_WCR:
		*crm = index;
		*op2 = 7;
		break;
	case DBGREF_REG_MDCCINT:
		*crm = 2;
		*op2 = 0;
		break;
	default: /* DBGREF_REG_MDSCR */
		*crm = 2;
		*op2 = 2;
		break;
	}
}

u32 dbgref_cpu_sys64_esr(u32 reg_kind, u32 index, bool is_write, u32 rt)
{
	const u32 op0 = 2, op1 = 0, crn = 0;
	u32 crm, op2;

	sysreg_encoding(reg_kind, index & 0xf, &crm, &op2);
	return ((u32)ESR_ELx_EC_SYS64 << ESR_ELx_EC_SHIFT) | ESR_ELx_IL |
	       (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) |
	       (rt << 5) | (crm << 1) | (is_write ? 0 : 1);
}

static u64 *hw_register(struct dbgref_cpu *cpu, u32 reg_kind, u32 index)
{
	index &= 0xf;
	switch (reg_kind) {
	case DBGREF_REG_BCR:
		return &cpu->dbg.dbg_bcr[index];
	case DBGREF_REG_BVR:
		return &cpu->dbg.dbg_bvr[index];
	case DBGREF_REG_WCR:
		return &cpu->dbg.dbg_wcr[index];
	case DBGREF_REG_WVR:
		return &cpu->dbg.dbg_wvr[index];
	case DBGREF_REG_MDCCINT:
		return &cpu->mdccint_el1;
	default:
		return &cpu->mdscr_el1;
	}
}

static bool is_debug_class(u32 ec)
{
	switch (ec) {
	case ESR_ELx_EC_BREAKPT_LOW:
	case ESR_ELx_EC_SOFTSTP_LOW:
	case ESR_ELx_EC_WATCHPT_LOW:
	case ESR_ELx_EC_BKPT32:
	case ESR_ELx_EC_BRK64:
		return true;
	default:
		return false;
	}
}

/*
 * MDCR_EL2.TDA as the CPU applies it: with TDE set, TDA is treated as set
 * for everything but a direct read of MDCR_EL2 (Arm ARM, MDCR_EL2.TDA).
 */
static bool tda_in_effect(const struct dbgref_cpu *cpu)
{
	return cpu->mdcr_el2 & (MDCR_EL2_TDA | MDCR_EL2_TDE);
}

/*
 * The hardware debug registers as observed: only the BRPs + 1 breakpoints
 * and WRPs + 1 watchpoints the CPU implements (Arm ARM, ID_AA64DFR0_EL1);
 * the others do not exist and read as 0 in the record.
 */
static void observe_implemented(const struct dbgref_cpu *cpu,
				struct kvm_guest_debug_arch *out)
{
	u64 nb = ((cpu->id_aa64dfr0_el1 >> DBGREF_DFR0_BRPS_SHIFT) &
		  DBGREF_DFR0_FIELD_MASK) + 1;
	u64 nw = ((cpu->id_aa64dfr0_el1 >> DBGREF_DFR0_WRPS_SHIFT) &
		  DBGREF_DFR0_FIELD_MASK) + 1;
	int n;

	for (n = 0; n < KVM_ARM_MAX_DBG_REGS; n++) {
		out->dbg_bcr[n] = n < (int)nb ? cpu->dbg.dbg_bcr[n] : 0;
		out->dbg_bvr[n] = n < (int)nb ? cpu->dbg.dbg_bvr[n] : 0;
		out->dbg_wcr[n] = n < (int)nw ? cpu->dbg.dbg_wcr[n] : 0;
		out->dbg_wvr[n] = n < (int)nw ? cpu->dbg.dbg_wvr[n] : 0;
	}
}

/*
 * MDSCR_EL1 as it governs the guest: with TDE set the debug target is EL2
 * and KDE has no effect on exceptions from EL1 or EL0 (Arm ARM, D2 "The
 * debug exception enable controls"), so the record leaves it out then.
 */
static u64 observed_mdscr(const struct dbgref_cpu *cpu)
{
	if (cpu->mdcr_el2 & MDCR_EL2_TDE)
		return cpu->mdscr_el1 & ~DBGREF_MDSCR_KDE;
	return cpu->mdscr_el1;
}

int dbgref_cpu_run_guest(struct dbgref_cpu *cpu)
{
	const struct dbgref_action *a = cpu->action;
	struct dbgref_obs *o = cpu->obs;

	o->entry_mdcr_el2 = cpu->mdcr_el2 & DBGREF_MDCR_DEBUG_TRAP_BITS;
	observe_implemented(cpu, &o->entry_hw);
	o->entry_mdscr_el1 = observed_mdscr(cpu);
	o->entry_pstate_ss = !!(cpu->spsr_el2 & DBGREF_SPSR_SS);

	if (a->kind == DBGREF_ACTION_ACCESS) {
		u64 *reg;

		if (tda_in_effect(cpu)) {
			o->trapped = 1;
			cpu->esr_el2 = dbgref_cpu_sys64_esr(a->reg_kind,
							    a->index,
							    a->is_write,
							    DBGREF_GUEST_RT);
			return ARM_EXCEPTION_TRAP;
		}
		reg = hw_register(cpu, a->reg_kind, a->index);
		if (a->is_write)
			*reg = cpu->x[DBGREF_GUEST_RT];
		else
			cpu->x[DBGREF_GUEST_RT] = *reg;
		cpu->elr_el2 += 4;
		return ARM_EXCEPTION_IRQ;
	}

	if (is_debug_class(a->esr >> ESR_ELx_EC_SHIFT) &&
	    !(cpu->mdcr_el2 & MDCR_EL2_TDE))
		return ARM_EXCEPTION_IRQ;

	cpu->esr_el2 = a->esr;
	cpu->far_el2 = a->far;
	cpu->elr_el2 = a->pc;
	return ARM_EXCEPTION_TRAP;
}
