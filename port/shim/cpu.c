/*
 * The simulated CPU: power-on state, the guest's run between the world
 * switch in and the exception that takes it to EL2, the bound of a
 * KVM_RUN, and BUG() (see cpu.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/kvm_asm.h>

#include "port/shim/cpu.h"
#include "port/driver.h"
#include "port/shim/testing.h"

_Thread_local struct dbgref_cpu *dbgref_this_cpu;

/* Test hooks (testing.h). */
static _Thread_local unsigned int test_step_bound;
static _Thread_local bool test_exit_forced;
static _Thread_local u64 test_exit_esr;

static _Thread_local unsigned long bug_count;

void dbgref_shim_test_set_step_bound(unsigned int steps)
{
	test_step_bound = steps;
}

void dbgref_shim_test_force_exit(uint64_t esr_el2)
{
	test_exit_forced = true;
	test_exit_esr = esr_el2;
}

void dbgref_cpu_init(struct dbgref_cpu *cpu, const struct dbgref_host *host,
		     const struct dbgref_program *program)
{
	memset(cpu, 0, sizeof(*cpu));
	cpu->id_aa64dfr0_el1 = host->id_aa64dfr0_el1;
	dbgref_arch_cpu_init(&cpu->arch, &host->host_regs);
	dbgref_arch_load_program(program, &cpu->program);
}

void dbgref_cpu_begin_run(struct dbgref_cpu *cpu, struct dbgref_obs *out)
{
	cpu->obs = out;
	cpu->nobs = 0;
	cpu->steps = 0;
	cpu->exit_pending = false;
	cpu->interrupted = false;
}

struct dbgref_obs *dbgref_cpu_next_obs(struct dbgref_cpu *cpu)
{
	static _Thread_local struct dbgref_obs overflow;
	struct dbgref_obs *o;

	/* Cannot happen: an iteration takes at least one guest step. */
	if (cpu->nobs >= DBGREF_MAX_OBS_PER_OP)
		o = &overflow;
	else
		o = &cpu->obs[cpu->nobs++];
	memset(o, 0, sizeof(*o));
	return o;
}

/* The test hook's exception to EL2, taken before the instruction. */
static void forced_exit(struct dbgref_cpu *cpu, struct dbgref_obs *o)
{
	test_exit_forced = false;
	cpu->arch.exited = true;
	cpu->arch.esr_el2 = test_exit_esr;
	cpu->arch.far_el2 = 0;
	o->step = DBGREF_STEP_GUEST;
	o->op_kind = DBGREF_OP_RUN;
	o->pc = cpu->arch.pc;
	o->event = DBGREF_EVENT_TO_EL2;
	o->esr = test_exit_esr;
}

int dbgref_cpu_run_guest(struct dbgref_cpu *cpu)
{
	unsigned int bound = test_step_bound ? test_step_bound :
					       DBGREF_MAX_GUEST_STEPS;

	/* The exception return into the guest. */
	dbgref_arch_return_from_el2(&cpu->arch);
	dbgref_arch_observe_entry(cpu->id_aa64dfr0_el1, &cpu->arch,
				  dbgref_cpu_next_obs(cpu));
	cpu->exit_pending = true;

	for (;;) {
		struct dbgref_obs *o = dbgref_cpu_next_obs(cpu);

		if (cpu->steps >= bound) {
			dbgref_arch_interrupt(&cpu->arch, o);
			cpu->interrupted = true;
			return ARM_EXCEPTION_IRQ;
		}
		if (test_exit_forced) {
			forced_exit(cpu, o);
			return ARM_EXCEPTION_TRAP;
		}
		dbgref_arch_guest_step(cpu->id_aa64dfr0_el1, &cpu->program,
				       &cpu->arch, o);
		cpu->steps++;
		if (cpu->arch.exited)
			return ARM_EXCEPTION_TRAP;
	}
}

bool dbgref_cpu_signal_pending(struct dbgref_cpu *cpu)
{
	if (cpu->interrupted)
		return true;
	if (cpu->exit_pending) {
		cpu->exit_pending = false;
		cpu->observe_reentry(cpu->observe_arg,
				     dbgref_cpu_next_obs(cpu));
	}
	return false;
}

unsigned long dbgref_port_bug_count(void)
{
	return bug_count;
}

void dbgref_shim_bug(const char *file, int line)
{
	struct dbgref_cpu *cpu = dbgref_this_cpu;

	bug_count++;
	fprintf(stderr, "kernel BUG at %s:%d\n", file, line);
	if (!cpu || !cpu->bug)
		abort();
	longjmp(*cpu->bug, 1);
}
