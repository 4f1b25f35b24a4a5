/*
 * The current task and its pending signals (include/linux/sched.h). The
 * only signal a KVM_RUN here can see is the VMM's timer at the bound of a
 * KVM_RUN (port/shim/cpu.h): signal_pending is true once the CPU has left
 * the guest on the bound's interrupt. The KVM_RUN loop asks at the top of
 * every iteration, which is also where the shim records how the previous
 * iteration's exit ended: back into the guest.
 */
#ifndef DBGREF_SHIM_LINUX_SCHED_H
#define DBGREF_SHIM_LINUX_SCHED_H

#include "port/shim/cpu.h"

struct task_struct;

#define current			((struct task_struct *)NULL)

static inline int signal_pending(struct task_struct *p)
{
	(void)p;
	return dbgref_cpu_signal_pending(dbgref_this_cpu);
}

#endif /* DBGREF_SHIM_LINUX_SCHED_H */
