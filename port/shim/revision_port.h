/*
 * The driver side of a revision: the struct dbgref_port of port/driver.h
 * over the revision's kernel functions. Each revision's port.c defines
 *   DBGREF_PORT_NAME             its name ("v2");
 *   DBGREF_PORT_SYMBOL           its table (dbgref_port_v2);
 *   DBGREF_PORT_EXIT_PC(v, run)  the pc userspace sees on KVM_EXIT_DEBUG;
 * and then includes this file once. The kernel names used here
 * (kvm_arch_vcpu_ioctl_run, ...) are renamed per revision by rename.h.
 */
#ifndef DBGREF_PORT_SHIM_REVISION_PORT_H
#define DBGREF_PORT_SHIM_REVISION_PORT_H

#include <stdlib.h>
#include <string.h>

#include <linux/kvm_host.h>
#include <asm/debug-monitors.h>
#include <asm/kvm_emulate.h>

#include "port/driver.h"
#include "port/shim/cpu.h"
#include "port/shim/kvm_api.h"

#if !defined(DBGREF_PORT_NAME) || !defined(DBGREF_PORT_SYMBOL) || \
	!defined(DBGREF_PORT_EXIT_PC)
#error "define DBGREF_PORT_NAME, DBGREF_PORT_SYMBOL and DBGREF_PORT_EXIT_PC"
#endif

/* A capability number no revision defines: CHECK_EXTENSION returns 0. */
#define DBGREF_PORT_CAP_UNDEFINED	0x7fff

struct dbgref_port_vcpu {
	struct kvm_vcpu vcpu;
	struct kvm_run run;
	struct kvm_cpu_context host_ctxt;
	struct dbgref_cpu cpu;
};

static void port_reset(struct dbgref_port_vcpu *pv,
		       const struct dbgref_host *host)
{
	memset(pv, 0, sizeof(*pv));
	dbgref_cpu_init(&pv->cpu, host);
	pv->vcpu.run = &pv->run;
	pv->vcpu.arch.host_cpu_context = &pv->host_ctxt;
	dbgref_this_cpu = &pv->cpu;
	kvm_arch_vcpu_init(&pv->vcpu);
}

static struct dbgref_port_vcpu *port_create(const struct dbgref_host *host)
{
	struct dbgref_port_vcpu *pv = malloc(sizeof(*pv));

	if (pv)
		port_reset(pv, host);
	return pv;
}

static void port_destroy(struct dbgref_port_vcpu *pv)
{
	free(pv);
}

static long port_cap(u32 cap)
{
	switch (cap) {
	case DBGREF_CAP_HW_BPS:
		return KVM_CAP_GUEST_DEBUG_HW_BPS;
	case DBGREF_CAP_HW_WPS:
		return KVM_CAP_GUEST_DEBUG_HW_WPS;
	default:
		return DBGREF_PORT_CAP_UNDEFINED;
	}
}

static void port_run(struct dbgref_port_vcpu *pv,
		     const struct dbgref_action *a, struct dbgref_obs *out)
{
	struct kvm_vcpu *vcpu = &pv->vcpu;
	struct kvm_run *run = &pv->run;
	bool is_access = a->kind == DBGREF_ACTION_ACCESS;
	int ret;

	pv->cpu.action = a;
	pv->cpu.obs = out;
	vcpu->shim.undef = 0;
	run->exit_reason = KVM_EXIT_UNKNOWN;
	/* The guest's MSR source, or the register its MRS fills. */
	if (is_access)
		*vcpu_reg(vcpu, DBGREF_GUEST_RT) = a->is_write ? a->value : 0;

	ret = kvm_arch_vcpu_ioctl_run(vcpu, run);

	out->undef = vcpu->shim.undef;
	if (is_access && !a->is_write)
		out->read_value = *vcpu_reg(vcpu, DBGREF_GUEST_RT);
	if (ret <= 0 && run->exit_reason == KVM_EXIT_DEBUG) {
		out->exit_reason = KVM_EXIT_DEBUG;
		out->hsr = run->debug.arch.hsr;
		out->pc = DBGREF_PORT_EXIT_PC(vcpu, run);
		if (ESR_ELx_EC(out->hsr) == ESR_ELx_EC_WATCHPT_LOW)
			out->far = run->debug.arch.far;
	}
	out->ctx_mdscr_el1 = vcpu_sys_reg(vcpu, MDSCR_EL1);
	out->ctx_pstate_ss = !!(*vcpu_cpsr(vcpu) & DBG_SPSR_SS);
}

static void port_step(struct dbgref_port_vcpu *pv, const struct dbgref_op *op,
		      struct dbgref_obs *out)
{
	struct kvm_guest_debug dbg;

	memset(out, 0, sizeof(*out));
	out->op_kind = op->kind;
	dbgref_this_cpu = &pv->cpu;

	switch (op->kind) {
	case DBGREF_OP_SET_GUEST_DEBUG:
		/* kvm_vcpu_ioctl hands the arch code a kernel copy. */
		dbg = op->dbg;
		out->ret = kvm_arch_vcpu_ioctl_set_guest_debug(&pv->vcpu, &dbg);
		break;
	case DBGREF_OP_CHECK_EXTENSION:
		out->ret = kvm_arch_dev_ioctl_check_extension(port_cap(op->cap));
		break;
	case DBGREF_OP_RUN:
		port_run(pv, &op->action, out);
		break;
	default:
		out->ret = -EINVAL;
		break;
	}
}

const struct dbgref_port DBGREF_PORT_SYMBOL = {
	.name = DBGREF_PORT_NAME,
	.create = port_create,
	.destroy = port_destroy,
	.reset = port_reset,
	.step = port_step,
};

#endif /* DBGREF_PORT_SHIM_REVISION_PORT_H */
