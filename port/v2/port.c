/*
 * The driver table of this revision (port/driver.h, model/revision.h).
 */
#include <linux/kvm_host.h>

/* The debug exit of this uapi carries the pc. */
#define DBGREF_PORT_EXIT_PC(vcpu, run)	((run)->debug.arch.pc)

/*
 * KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)": the OS lock
 * is read-as-zero/write-ignored, so KVM keeps no lock for the guest.
 */
#define DBGREF_PORT_OS_LOCKED(vcpu)	0

#include "port/shim/revision_port.h"
