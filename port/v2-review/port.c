/*
 * v2-review: the driver table of this revision (port/driver.h).
 */
#include <linux/kvm_host.h>

#define DBGREF_PORT_NAME		"v2-review"
#define DBGREF_PORT_SYMBOL		dbgref_port_v2_review
#define DBGREF_PORT_EXIT_PC(vcpu, run)	((run)->debug.arch.pc)

#include "port/shim/revision_port.h"
