/*
 * The simulated CPU the revisions run on: the model's own CPU
 * (struct dbgref_arch_cpu of model/concrete_cpu.h, layout-identical to
 * the model's Cpu), the host's identification register, the guest's
 * program, and what the shim observes of one KVM_RUN (model/record.h).
 *
 * A revision's world switch (hyp.c) reaches the registers with
 * read_sysreg/write_sysreg/read_debug/write_debug/read_gpr/write_gpr
 * (<asm/sysreg.h>), and hands the CPU to the guest with
 * dbgref_cpu_run_guest, which:
 *  - records the ENTER step (dbgref_arch_observe_entry): the CPU as the
 *    guest starts to run;
 *  - runs the guest one step at a time (dbgref_arch_guest_step), recording
 *    each GUEST step, until the CPU takes an exception to EL2
 *    (ARM_EXCEPTION_TRAP), or until the KVM_RUN has run
 *    DBGREF_MAX_GUEST_STEPS guest steps, where the CPU leaves the guest on
 *    a host interrupt instead (dbgref_arch_interrupt, ARM_EXCEPTION_IRQ)
 *    and a signal is pending from then on (signal_pending, <linux/sched.h>).
 * The EXIT step of an iteration is recorded where the vCPU's way is known:
 * by signal_pending at the top of the next iteration of the KVM_RUN loop
 * (back into the guest), or by the driver when KVM_RUN returns.
 */
#ifndef DBGREF_PORT_SHIM_CPU_H
#define DBGREF_PORT_SHIM_CPU_H

#include <setjmp.h>

#include <linux/types.h>

#include "model/concrete_cpu.h"
#include "model/arch/registers.h"
#include "model/record.h"

struct dbgref_cpu {
	/* Identification, as read_cpuid returns it. */
	u64 id_aa64dfr0_el1;
	/* The host's own MDCR_EL2 (HPMN lives there). */
	u32 host_mdcr_el2;

	/*
	 * The registers the world switch reaches: the hardware debug
	 * registers, MDSCR_EL1, MDCCINT_EL1, MDCR_EL2, ELR_EL2 (pc), SPSR_EL2
	 * (pstate), ELR/SPSR/ESR/FAR_EL1, ESR_EL2, FAR_EL2, and the transfer
	 * register x2 (xt); plus the CPU's own state while the guest runs.
	 */
	struct dbgref_arch_cpu arch;
	/* x0..x30 but x2, which is arch.xt. */
	u64 x[31];

	/* The observations of the current KVM_RUN. */
	struct dbgref_obs *obs;		/* room for all of them */
	unsigned int nobs;
	unsigned int steps;		/* guest steps since KVM_RUN began */
	bool exit_pending;		/* an exit's EXIT is to record */
	bool interrupted;		/* the guest left at the bound */
	/* Records the EXIT of an exit that goes back into the guest. */
	void (*observe_reentry)(void *arg, struct dbgref_obs *o);
	void *observe_arg;

	/* Where BUG() resumes the current operation; NULL outside one. */
	jmp_buf *bug;

	/*
	 * The guest's program, as the CPU fetches from it; last, so that a
	 * state blob (shim/revision_port.h) ends before it: it is fixed from
	 * the vCPU's creation or reset on.
	 */
	struct dbgref_arch_program program;
};

/* The CPU the calling thread is on (the driver sets it before each call). */
extern _Thread_local struct dbgref_cpu *dbgref_this_cpu;

/*
 * Power-on state: every register zero, the host's debug registers loaded,
 * the guest's program in place.
 */
void dbgref_cpu_init(struct dbgref_cpu *cpu, const struct dbgref_host *host,
		     const struct dbgref_program *program);

/* A KVM_RUN begins: its observations go to out. */
void dbgref_cpu_begin_run(struct dbgref_cpu *cpu, struct dbgref_obs *out);

/* The next observation of the KVM_RUN, zeroed. */
struct dbgref_obs *dbgref_cpu_next_obs(struct dbgref_cpu *cpu);

/* Runs the guest until it exits to EL2; see above. */
int dbgref_cpu_run_guest(struct dbgref_cpu *cpu);

/* signal_pending(current): see above. */
bool dbgref_cpu_signal_pending(struct dbgref_cpu *cpu);

/* General purpose register n as the CPU holds it. */
static inline u64 *dbgref_cpu_gpr(struct dbgref_cpu *cpu, unsigned int n)
{
	return n == DBGREF_TRANSFER_REG ? &cpu->arch.xt : &cpu->x[n];
}

/* BUG(): counted, printed, and the current operation abandoned. */
_Noreturn void dbgref_shim_bug(const char *file, int line);
/* dbgref_port_bug_count (port/driver.h) counts them. */

#endif /* DBGREF_PORT_SHIM_CPU_H */
