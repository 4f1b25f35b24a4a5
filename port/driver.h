/*
 * The port's revisions behind the interface of model/revision.h: one table
 * per patch revision, and the list of them. Each revision's port.c fills
 * its table from the revision's kernel functions (port/shim/
 * revision_port.h).
 */
#ifndef DBGREF_PORT_DRIVER_H_
#define DBGREF_PORT_DRIVER_H_

#include <stdbool.h>
#include <stddef.h>

#include "model/revision.h"

#ifdef __cplusplus
extern "C" {
#endif

extern const struct dbgref_revision dbgref_port_v2;
extern const struct dbgref_revision dbgref_port_v2_review;
extern const struct dbgref_revision dbgref_port_final;

/* Every revision, oldest first, and their number. */
extern const struct dbgref_revision *const dbgref_ports[];
extern const size_t dbgref_port_count;

/* The revision called name, or NULL. */
const struct dbgref_revision *dbgref_port_find(const char *name);

/*
 * kvm_err calls made by the revisions on the calling thread. They are
 * counted, not printed, unless printing is switched on here or with
 * DBGREF_KVM_ERR=print in the environment.
 */
unsigned long dbgref_port_kvm_err_count(void);
void dbgref_port_set_kvm_err_print(bool print);

/*
 * BUG() calls the revisions hit on the calling thread. Each is printed to
 * stderr; the operation it happens in reports it (port/shim/
 * revision_port.h), and the vCPU stays dead until it is reset.
 */
unsigned long dbgref_port_bug_count(void);

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_PORT_DRIVER_H_ */
