/*
 * The driver interface of the kernel module port: one table of operations
 * per patch revision, the same for every revision, so that a test or the
 * differential check drives any revision through the records of
 * model/record.h and compares the observation with the model's field by
 * field.
 *
 * A vCPU is created on a simulated host CPU (struct dbgref_host: the value
 * of ID_AA64DFR0_EL1 and the host's own hardware debug registers). step()
 * performs one operation:
 *  - DBGREF_OP_SET_GUEST_DEBUG: KVM_SET_GUEST_DEBUG with op->dbg; obs.ret
 *    is 0 or -EINVAL;
 *  - DBGREF_OP_CHECK_EXTENSION: KVM_CHECK_EXTENSION of op->cap, mapped to
 *    the revision's own capability number; obs.ret is the value;
 *  - DBGREF_OP_RUN: one KVM_RUN iteration in the kernel's order (setup
 *    debug, world switch in, the guest action op->action, world switch out,
 *    clear debug, handle_exit); obs gets the entry_*, exit, access and ctx_*
 *    fields.
 * step() zeroes the whole observation first; for the ioctls every RUN field
 * stays 0. step() does not allocate and does not print.
 *
 * A vCPU is used by one thread at a time; different vCPUs may be stepped
 * on different threads.
 */
#ifndef DBGREF_PORT_DRIVER_H_
#define DBGREF_PORT_DRIVER_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A vCPU of one revision, with its simulated CPU. Opaque. */
struct dbgref_port_vcpu;

struct dbgref_port {
	/* "v2", "v2-review", "final": the folder under port/. */
	const char *name;
	/* A vCPU in its reset state; NULL when out of memory. */
	struct dbgref_port_vcpu *(*create)(const struct dbgref_host *host);
	void (*destroy)(struct dbgref_port_vcpu *vcpu);
	/* Back to the reset state of create(host), without allocating. */
	void (*reset)(struct dbgref_port_vcpu *vcpu,
		      const struct dbgref_host *host);
	/* One operation; see above. */
	void (*step)(struct dbgref_port_vcpu *vcpu, const struct dbgref_op *op,
		     struct dbgref_obs *out);
};

extern const struct dbgref_port dbgref_port_v2;
extern const struct dbgref_port dbgref_port_v2_review;
extern const struct dbgref_port dbgref_port_final;

/* Every revision, oldest first, and their number. */
extern const struct dbgref_port *const dbgref_ports[];
extern const size_t dbgref_port_count;

/* The revision called name, or NULL. */
const struct dbgref_port *dbgref_port_find(const char *name);

/*
 * kvm_err calls made by the revisions on the calling thread. They are
 * counted, not printed, unless printing is switched on here or with
 * DBGREF_KVM_ERR=print in the environment.
 */
unsigned long dbgref_port_kvm_err_count(void);
void dbgref_port_set_kvm_err_print(bool print);

/* Convenience wrappers around step(). */
static inline int64_t dbgref_port_set_guest_debug(
	const struct dbgref_port *port, struct dbgref_port_vcpu *vcpu,
	const struct kvm_guest_debug *dbg)
{
	struct dbgref_op op;
	struct dbgref_obs obs;

	memset(&op, 0, sizeof(op));
	op.kind = DBGREF_OP_SET_GUEST_DEBUG;
	op.dbg = *dbg;
	port->step(vcpu, &op, &obs);
	return obs.ret;
}

static inline int64_t dbgref_port_check_extension(
	const struct dbgref_port *port, struct dbgref_port_vcpu *vcpu,
	uint32_t cap)
{
	struct dbgref_op op;
	struct dbgref_obs obs;

	memset(&op, 0, sizeof(op));
	op.kind = DBGREF_OP_CHECK_EXTENSION;
	op.cap = cap;
	port->step(vcpu, &op, &obs);
	return obs.ret;
}

static inline void dbgref_port_run(const struct dbgref_port *port,
				   struct dbgref_port_vcpu *vcpu,
				   const struct dbgref_action *action,
				   struct dbgref_obs *out)
{
	struct dbgref_op op;

	memset(&op, 0, sizeof(op));
	op.kind = DBGREF_OP_RUN;
	op.action = *action;
	port->step(vcpu, &op, out);
}

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_PORT_DRIVER_H_ */
