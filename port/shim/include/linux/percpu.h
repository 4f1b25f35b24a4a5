/*
 * Per-CPU reads (include/linux/percpu-defs.h) of the values a revision
 * keeps per physical CPU: they live in the simulated CPU.
 */
#ifndef DBGREF_SHIM_LINUX_PERCPU_H
#define DBGREF_SHIM_LINUX_PERCPU_H

#include "port/shim/cpu.h"

#define __this_cpu_read(var)	(dbgref_this_cpu->host_##var)

#endif /* DBGREF_SHIM_LINUX_PERCPU_H */
