/*
 * final: the driver table of this revision (port/driver.h). The merged
 * uapi has no pc in the debug exit: userspace reads the PC with
 * KVM_GET_ONE_REG, which returns the guest context's pc.
 */
#include <linux/kvm_host.h>
#include <asm/kvm_emulate.h>

#define DBGREF_PORT_NAME		"final"
#define DBGREF_PORT_SYMBOL		dbgref_port_final
#define DBGREF_PORT_EXIT_PC(vcpu, run)	(*vcpu_pc(vcpu))

#include "port/shim/revision_port.h"
