/*
 * The simulated CPU: power-on state and one guest action (see cpu.h).
 */
#include <string.h>

#include <asm/esr.h>
#include <asm/kvm_arm.h>
#include <asm/kvm_asm.h>

#include "model/arch/concrete_cpu.h"
#include "port/shim/cpu.h"

_Thread_local struct dbgref_cpu *dbgref_this_cpu;

void dbgref_cpu_init(struct dbgref_cpu *cpu, const struct dbgref_host *host)
{
	memset(cpu, 0, sizeof(*cpu));
	cpu->id_aa64dfr0_el1 = host->id_aa64dfr0_el1;
	cpu->dbg = host->host_regs;
}

/*
 * The registers the model's CPU works on, copied out of and back into the
 * simulated CPU around one guest action.
 */
static void to_arch(const struct dbgref_cpu *cpu, struct dbgref_arch_regs *r)
{
	r->dbg = cpu->dbg;
	r->mdscr_el1 = cpu->mdscr_el1;
	r->mdccint_el1 = cpu->mdccint_el1;
	r->mdcr_el2 = cpu->mdcr_el2;
	r->pstate_ss = !!(cpu->spsr_el2 & DBGREF_SPSR_SS);
}

static void from_arch(struct dbgref_cpu *cpu, const struct dbgref_arch_regs *r)
{
	cpu->dbg = r->dbg;
	cpu->mdscr_el1 = r->mdscr_el1;
	cpu->mdccint_el1 = r->mdccint_el1;
	if (r->pstate_ss)
		cpu->spsr_el2 |= DBGREF_SPSR_SS;
	else
		cpu->spsr_el2 &= ~DBGREF_SPSR_SS;
}

u32 dbgref_cpu_sys64_esr(u32 reg_kind, u32 index, bool is_write, u32 rt)
{
	return dbgref_arch_sys64_esr(reg_kind, index, is_write, rt);
}

int dbgref_cpu_run_guest(struct dbgref_cpu *cpu)
{
	const struct dbgref_action *a = cpu->action;
	struct dbgref_arch_regs regs;
	struct dbgref_arch_event e;

	to_arch(cpu, &regs);
	dbgref_arch_observe_entry(&regs, cpu->id_aa64dfr0_el1, cpu->obs);

	/* The guest's MSR source and the register its MRS fills. */
	if (a->kind == DBGREF_ACTION_ACCESS && a->is_write) {
		struct dbgref_action write = *a;

		write.value = cpu->x[DBGREF_GUEST_RT];
		dbgref_arch_execute(&regs, &write, &e);
	} else {
		dbgref_arch_execute(&regs, a, &e);
	}
	from_arch(cpu, &regs);

	if (e.trapped) {
		cpu->obs->trapped = 1;
		cpu->esr_el2 = dbgref_cpu_sys64_esr(a->reg_kind, a->index,
						    a->is_write,
						    DBGREF_GUEST_RT);
		return ARM_EXCEPTION_TRAP;
	}
	if (a->kind == DBGREF_ACTION_ACCESS) {
		if (e.direct_read)
			cpu->x[DBGREF_GUEST_RT] = e.direct_value;
		cpu->elr_el2 += 4;
		return ARM_EXCEPTION_IRQ;
	}
	/* A debug exception the guest takes itself: it leaves on an IRQ. */
	if (!e.debug_exit && dbgref_arch_is_debug_class(ESR_ELx_EC(a->esr)))
		return ARM_EXCEPTION_IRQ;

	cpu->esr_el2 = a->esr;
	cpu->far_el2 = a->far;
	cpu->elr_el2 = a->pc;
	return ARM_EXCEPTION_TRAP;
}
