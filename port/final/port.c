/*
 * The driver table of this revision (port/driver.h, model/revision.h).
 */
#include <linux/kvm_host.h>
#include <asm/kvm_emulate.h>

/*
 * The merged uapi has no pc in the debug exit: userspace reads the PC with
 * KVM_GET_ONE_REG, which returns the guest context's.
 */
#define DBGREF_PORT_EXIT_PC(vcpu, run)	(*vcpu_pc(vcpu))

/*
 * KERNEL-CONTEXT.md "The design that was merged (Linux 4.2)": the OS lock
 * is read-as-zero/write-ignored, so KVM keeps no lock for the guest.
 */
#define DBGREF_PORT_OS_LOCKED(vcpu)	0

/* The world switch's pointer to the registers it loads (the state blob). */
#define DBGREF_PORT_SELF_POINTERS(v, X)	X((v)->vcpu.arch.debug_ptr)

#include "port/shim/revision_port.h"
