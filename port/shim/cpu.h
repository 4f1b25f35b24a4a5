/*
 * The simulated CPU the revisions run on: the registers that guest debug
 * touches, as the hardware holds them, and the guest that runs on it.
 *
 * A revision's world switch (hyp.c) reads and writes these registers with
 * read_sysreg/write_sysreg/read_debug/write_debug (<asm/sysreg.h>), and
 * enters the guest with dbgref_cpu_run_guest, which performs exactly one
 * guest action (model/record.h) and returns the exit code:
 *  - ACCESS: traps to EL2 (ESR EC SYS64, ISS naming the register and Rt)
 *    iff MDCR_EL2.TDA is set; otherwise reads or writes the hardware
 *    register directly, and the guest later leaves on an interrupt;
 *  - EXCEPTION of a debug class: reaches EL2 iff MDCR_EL2.TDE is set,
 *    otherwise the guest takes it itself and later leaves on an interrupt;
 *  - EXCEPTION of any other class: reaches EL2 with that syndrome.
 * Before the action the CPU records the entry_* fields of the observation.
 */
#ifndef DBGREF_PORT_SHIM_CPU_H
#define DBGREF_PORT_SHIM_CPU_H

#include <linux/types.h>

#include "model/record.h"

/* The guest register that every emulated MRS/MSR uses as Rt. */
#define DBGREF_GUEST_RT		2

struct dbgref_cpu {
	/* Identification, as read_cpuid returns it. */
	u64 id_aa64dfr0_el1;
	/* The host's own MDCR_EL2 (HPMN lives there). */
	u32 host_mdcr_el2;

	/* The hardware debug registers. */
	struct kvm_guest_debug_arch dbg;
	/* EL1 debug control registers. */
	u64 mdscr_el1;
	u64 mdccint_el1;
	/* EL2 state of the world switch. */
	u64 mdcr_el2;
	u64 spsr_el2;		/* the guest's PSTATE while it runs */
	u64 elr_el2;		/* the guest's PC */
	u32 esr_el2;
	u64 far_el2;
	/* The general purpose registers while the guest runs. */
	u64 x[31];

	/* The action the guest performs on its next entry, and its record. */
	const struct dbgref_action *action;
	struct dbgref_obs *obs;
};

/* The CPU the calling thread is on (the driver sets it before each call). */
extern _Thread_local struct dbgref_cpu *dbgref_this_cpu;

/* Power-on state: every register zero, the host's debug registers loaded. */
void dbgref_cpu_init(struct dbgref_cpu *cpu, const struct dbgref_host *host);

/* Run the guest for one action; returns ARM_EXCEPTION_IRQ or _TRAP. */
int dbgref_cpu_run_guest(struct dbgref_cpu *cpu);

/* The ESR_EL2 syndrome of a trapped MRS/MSR of a debug register. */
u32 dbgref_cpu_sys64_esr(u32 reg_kind, u32 index, bool is_write, u32 rt);

#endif /* DBGREF_PORT_SHIM_CPU_H */
