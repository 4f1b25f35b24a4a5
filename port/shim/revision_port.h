/*
 * The driver side of a revision: the struct dbgref_revision of
 * model/revision.h over the revision's kernel functions. It plays
 * userspace (the VMM and the guest's runtime set-up) and the generic ioctl
 * layer (virt/kvm/kvm_main.c, the copies from and to user memory), and
 * turns what the shim and the revision leave behind into the
 * observations of model/record.h.
 *
 * Each revision's port.c defines
 *   DBGREF_PORT_EXIT_PC(v, run)  the pc userspace sees on KVM_EXIT_DEBUG;
 *   DBGREF_PORT_OS_LOCKED(v)     the guest's OS lock as KVM keeps it;
 * and then includes this file once. DBGREF_PORT_NAME and
 * DBGREF_PORT_SYMBOL come from the build (port/revision.bzl). The kernel
 * names used here (kvm_arch_vcpu_ioctl_run, ...) are renamed per revision
 * by rename.h.
 *
 * The observations (model/run.h is the reference for each field):
 *  - an ioctl is one IOCTL step: its return value, and the value of
 *    KVM_GET_ONE_REG;
 *  - KVM_RUN is, per iteration of the kernel's loop, the ENTER and GUEST
 *    steps the shim's CPU records (port/shim/cpu.h), then EXIT: after
 *    handle_exit, where the vCPU goes (0 back into the guest, or the
 *    kvm_run exit reason and KVM_RUN's return value), the debug exit's
 *    hsr, far (watchpoints only, as userspace reads it) and pc, the MMIO
 *    address, whether KVM gave the guest an UNDEF, an emulated MRS's value
 *    (its Rt), the guest context's PC, MDSCR_EL1, PSTATE.SS, OS lock,
 *    ESR_EL1, ELR_EL1 and FAR_EL1.
 *
 * BUG() abandons the operation: a KVM_RUN's observations end with an EXIT
 * whose exit_reason is KVM_EXIT_INTERNAL_ERROR and ret -EIO, an ioctl's
 * IOCTL has ret -EIO; the vCPU is dead, every later operation observes the
 * same, until reset().
 */
#ifndef DBGREF_PORT_SHIM_REVISION_PORT_H
#define DBGREF_PORT_SHIM_REVISION_PORT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kvm_host.h>
#include <asm/debug-monitors.h>
#include <asm/kvm_emulate.h>

#include "model/guest_layout.h"
#include "port/driver.h"
#include "port/shim/cpu.h"
#include "port/shim/kvm_api.h"

#if !defined(DBGREF_PORT_NAME) || !defined(DBGREF_PORT_SYMBOL) || \
	!defined(DBGREF_PORT_EXIT_PC) || !defined(DBGREF_PORT_OS_LOCKED)
#error "define DBGREF_PORT_NAME, _SYMBOL, _EXIT_PC and _OS_LOCKED"
#endif

/*
 * The revision's own pointers into its vCPU, for the state blob: X(field)
 * for each (port.c may define it; the shim's are handled below).
 */
#ifndef DBGREF_PORT_SELF_POINTERS
#define DBGREF_PORT_SELF_POINTERS(v, X)
#endif

/* A capability number no revision defines: CHECK_EXTENSION returns 0. */
#define DBGREF_PORT_CAP_UNDEFINED	0x7fff

/* The id of a register no revision knows (an unallocated encoding). */
#define DBGREF_PORT_UNKNOWN_REG_ID	ARM64_SYS_REG(2, 7, 15, 15, 7)

/* What a BUG() leaves for the caller. */
#define DBGREF_PORT_BUG_RET		(-EIO)

/* The ids the driver uses are the uapi's. */
_Static_assert(KVM_REG_ARM_CORE_ID(regs.pc) == 0x6030000000100040ULL,
	       "KVM_REG_ARM_CORE_REG(regs.pc)");
_Static_assert(KVM_REG_ARM_CORE_REG(regs.pc) == DBGREF_CORE_OFF_PC, "pc");
_Static_assert(KVM_REG_ARM_CORE_REG(regs.pstate) == DBGREF_CORE_OFF_PSTATE,
	       "pstate");
_Static_assert(KVM_REG_ARM_CORE_REG(elr_el1) == DBGREF_CORE_OFF_ELR_EL1,
	       "elr_el1");
_Static_assert(KVM_REG_ARM_CORE_REG(spsr[KVM_SPSR_EL1]) ==
	       DBGREF_CORE_OFF_SPSR_EL1, "spsr[KVM_SPSR_EL1]");
_Static_assert(ARM64_SYS_REG(2, 0, 0, 2, 2) == 0x6030000000138012ULL,
	       "MDSCR_EL1");

struct dbgref_revision_vcpu {
	struct kvm_vcpu vcpu;
	struct kvm_run run;
	struct kvm_cpu_context host_ctxt;
	bool dead;		/* the kernel hit a BUG() */
	struct dbgref_cpu cpu;	/* last: its program ends the struct */
};

/*
 * The state blob (model/revision.h) is the vCPU up to the guest's
 * program: a vCPU that loads it was created on the same program.
 */
#define PORT_STATE_SIZE offsetof(struct dbgref_revision_vcpu, cpu.program)

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

/* The uapi id of a register of model/ioctl.h (enum dbgref_one_reg). */
static u64 port_one_reg_id(u32 reg, u32 index)
{
	bool banked = reg >= DBGREF_ONE_REG_BCR && reg <= DBGREF_ONE_REG_WVR;

	if (banked && index >= KVM_ARM_MAX_DBG_REGS)
		return DBGREF_PORT_UNKNOWN_REG_ID;

	switch (reg) {
	case DBGREF_ONE_REG_PC:
		return KVM_REG_ARM_CORE_ID(regs.pc);
	case DBGREF_ONE_REG_PSTATE:
		return KVM_REG_ARM_CORE_ID(regs.pstate);
	case DBGREF_ONE_REG_MDSCR:
		return ARM64_SYS_REG(2, 0, 0, 2, 2);
	case DBGREF_ONE_REG_BCR:
		return ARM64_SYS_REG(2, 0, 0, index, 5);
	case DBGREF_ONE_REG_BVR:
		return ARM64_SYS_REG(2, 0, 0, index, 4);
	case DBGREF_ONE_REG_WCR:
		return ARM64_SYS_REG(2, 0, 0, index, 7);
	case DBGREF_ONE_REG_WVR:
		return ARM64_SYS_REG(2, 0, 0, index, 6);
	default:
		return DBGREF_PORT_UNKNOWN_REG_ID;
	}
}

static int port_get_reg(struct dbgref_revision_vcpu *pv, u64 id, u64 *value)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)value };

	return kvm_arm_get_reg(&pv->vcpu, &reg);
}

static int port_set_reg(struct dbgref_revision_vcpu *pv, u64 id, u64 value)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&value };

	return kvm_arm_set_reg(&pv->vcpu, &reg);
}

/*
 * KVM_ARM_VCPU_INIT, then what the guest's runtime set-up does from
 * userspace (model/ioctl.h, VcpuInit; spec/decisions.md, "What a reset
 * does"): the guest starts again at the start of its code, with its EL1
 * exception registers clear. A reset also abandons an MMIO access the
 * guest's last exit left: the next KVM_RUN must not complete it, so the
 * VMM no longer says KVM_EXIT_MMIO in kvm_run (as the oracle's VMM does).
 */
static int port_vcpu_init(struct dbgref_revision_vcpu *pv)
{
	struct kvm_vcpu_init init = { .target = KVM_ARM_TARGET_GENERIC_V8 };
	int ret;

	ret = kvm_arch_vcpu_ioctl_vcpu_init(&pv->vcpu, &init);
	if (ret)
		return ret;
	pv->run.exit_reason = KVM_EXIT_UNKNOWN;

	ret = port_set_reg(pv, KVM_REG_ARM_CORE_ID(regs.pc), DBGREF_START_PC);
	if (!ret)
		ret = port_set_reg(pv, KVM_REG_ARM_CORE_ID(regs.pstate),
				   DBGREF_START_PSTATE);
	if (!ret)
		ret = port_set_reg(pv, KVM_REG_ARM_CORE_ID(elr_el1), 0);
	if (!ret)
		ret = port_set_reg(pv,
				   KVM_REG_ARM_CORE_ID(spsr[KVM_SPSR_EL1]), 0);
	if (!ret)	/* ESR_EL1 */
		ret = port_set_reg(pv, ARM64_SYS_REG(3, 0, 5, 2, 0), 0);
	if (!ret)	/* FAR_EL1 */
		ret = port_set_reg(pv, ARM64_SYS_REG(3, 0, 6, 0, 0), 0);
	return ret;
}

/*
 * The EXIT step of the iteration that just ended: to_user when KVM_RUN
 * returns ret to userspace, otherwise the vCPU goes back into the guest.
 * guest_ran says that an exit of the guest belongs to it.
 */
static void port_observe_exit(struct dbgref_revision_vcpu *pv,
			      struct dbgref_obs *o, bool to_user,
			      bool guest_ran, long ret)
{
	struct kvm_vcpu *vcpu = &pv->vcpu;
	struct kvm_run *run = &pv->run;
	u64 esr = pv->cpu.arch.esr_el2;

	o->step = DBGREF_STEP_EXIT;
	o->op_kind = DBGREF_OP_RUN;
	o->exit_pc = *vcpu_pc(vcpu);
	if (to_user) {
		o->ret = ret;
		o->exit_reason = run->exit_reason;
		if (run->exit_reason == KVM_EXIT_DEBUG) {
			o->hsr = run->debug.arch.hsr;
			if (ESR_ELx_EC(o->hsr) == ESR_ELx_EC_WATCHPT_LOW)
				o->exit_far = run->debug.arch.far;
			o->exit_pc = DBGREF_PORT_EXIT_PC(vcpu, run);
		} else if (run->exit_reason == KVM_EXIT_MMIO) {
			o->mmio_addr = run->mmio.phys_addr;
		}
	}

	o->undef = vcpu->shim.undef;
	vcpu->shim.undef = 0;
	if (guest_ran && !pv->cpu.interrupted && !o->undef &&
	    ESR_ELx_EC(esr) == ESR_ELx_EC_SYS64 &&
	    (esr & ESR_ELx_SYS64_ISS_DIR_READ))
		o->read_value = *vcpu_reg(vcpu,
					  (esr & ESR_ELx_SYS64_ISS_RT_MASK) >>
					  ESR_ELx_SYS64_ISS_RT_SHIFT);

	o->ctx_mdscr_el1 = vcpu_sys_reg(vcpu, MDSCR_EL1);
	o->ctx_pstate_ss = !!(*vcpu_cpsr(vcpu) & DBG_SPSR_SS);
	o->ctx_oslk = !!DBGREF_PORT_OS_LOCKED(vcpu);
	o->ctx_esr_el1 = vcpu_sys_reg(vcpu, ESR_EL1);
	o->ctx_elr_el1 = *vcpu_elr_el1(vcpu);
	o->ctx_far_el1 = vcpu_sys_reg(vcpu, FAR_EL1);
}

/* The shim's callback when the loop goes back into the guest. */
static void port_observe_reentry(void *arg, struct dbgref_obs *o)
{
	port_observe_exit(arg, o, false, true, 0);
}

static void port_reset(struct dbgref_revision_vcpu *pv,
		       const struct dbgref_host *host,
		       const struct dbgref_program *program)
{
	/* Everything but the CPU, which dbgref_cpu_init powers on. */
	memset(pv, 0, offsetof(struct dbgref_revision_vcpu, cpu));
	dbgref_cpu_init(&pv->cpu, host, program);
	pv->cpu.observe_reentry = port_observe_reentry;
	pv->cpu.observe_arg = pv;
	pv->vcpu.run = &pv->run;
	pv->vcpu.arch.host_cpu_context = &pv->host_ctxt;
	dbgref_this_cpu = &pv->cpu;
	/* KVM_CREATE_VCPU, then the VMM's KVM_ARM_VCPU_INIT and set-up. */
	kvm_arch_vcpu_init(&pv->vcpu);
	port_vcpu_init(pv);
}

static struct dbgref_revision_vcpu *
port_create(const struct dbgref_host *host,
	    const struct dbgref_program *program)
{
	struct dbgref_revision_vcpu *pv = malloc(sizeof(*pv));

	if (pv)
		port_reset(pv, host, program);
	return pv;
}

static void port_destroy(struct dbgref_revision_vcpu *pv)
{
	free(pv);
}

static size_t port_run(struct dbgref_revision_vcpu *pv, struct dbgref_obs *out)
{
	int ret;

	dbgref_cpu_begin_run(&pv->cpu, out);
	ret = kvm_arch_vcpu_ioctl_run(&pv->vcpu, &pv->run);
	port_observe_exit(pv, dbgref_cpu_next_obs(&pv->cpu), true,
			  pv->cpu.exit_pending, ret);
	return pv->cpu.nobs;
}

static void port_ioctl(struct dbgref_revision_vcpu *pv,
		       const struct dbgref_op *op, struct dbgref_obs *o)
{
	struct kvm_guest_debug dbg;
	u64 value;

	switch (op->kind) {
	case DBGREF_OP_SET_GUEST_DEBUG:
		/* kvm_vcpu_ioctl hands the arch code a kernel copy. */
		dbg = op->dbg;
		o->ret = kvm_arch_vcpu_ioctl_set_guest_debug(&pv->vcpu, &dbg);
		break;
	case DBGREF_OP_CHECK_EXTENSION:
		o->ret = kvm_arch_dev_ioctl_check_extension(port_cap(op->cap));
		break;
	case DBGREF_OP_GET_ONE_REG:
		value = 0;
		o->ret = port_get_reg(pv, port_one_reg_id(op->reg,
							  op->reg_index),
				      &value);
		o->value = o->ret ? 0 : value;
		break;
	case DBGREF_OP_SET_ONE_REG:
		o->ret = port_set_reg(pv, port_one_reg_id(op->reg,
							  op->reg_index),
				      op->value);
		break;
	case DBGREF_OP_VCPU_INIT:
		o->ret = port_vcpu_init(pv);
		break;
	default:
		o->ret = -EINVAL;
		break;
	}
}

/* The observation of an operation the kernel cannot do: it hit BUG(). */
static void port_dead(const struct dbgref_op *op, struct dbgref_obs *o)
{
	bool run = op->kind == DBGREF_OP_RUN;

	o->step = run ? DBGREF_STEP_EXIT : DBGREF_STEP_IOCTL;
	o->op_kind = op->kind;
	o->ret = DBGREF_PORT_BUG_RET;
	o->exit_reason = run ? KVM_EXIT_INTERNAL_ERROR : 0;
}

static size_t port_step(struct dbgref_revision_vcpu *pv,
			const struct dbgref_op *op, struct dbgref_obs *out)
{
	jmp_buf bug;
	size_t n;

	dbgref_this_cpu = &pv->cpu;
	if (pv->dead) {
		memset(out, 0, sizeof(*out));
		port_dead(op, out);
		return 1;
	}

	pv->cpu.bug = &bug;
	if (setjmp(bug)) {
		/* BUG(): keep what the KVM_RUN observed so far. */
		pv->cpu.bug = NULL;
		pv->dead = true;
		if (op->kind != DBGREF_OP_RUN) {
			memset(out, 0, sizeof(*out));
			port_dead(op, out);
			return 1;
		}
		port_dead(op, dbgref_cpu_next_obs(&pv->cpu));
		return pv->cpu.nobs;
	}

	if (op->kind == DBGREF_OP_RUN) {
		n = port_run(pv, out);
	} else {
		memset(out, 0, sizeof(*out));
		out->step = DBGREF_STEP_IOCTL;
		out->op_kind = op->kind;
		port_ioctl(pv, op, out);
		n = 1;
	}
	pv->cpu.bug = NULL;
	return n;
}

/*
 * The vCPU's state as a blob (model/revision.h): the whole structure, with
 * its pointers into itself as offsets (1 + the offset, 0 for NULL), the
 * shim's callback and the bookkeeping of the last KVM_RUN (its observation
 * buffer, counts and flags, which the next one sets afresh) zeroed. The
 * structure is zeroed when reset, so its padding is 0 too.
 */
static void *port_offset_of(const struct dbgref_revision_vcpu *base,
			    const void *p)
{
	if (!p)
		return NULL;
	return (void *)((uintptr_t)((const char *)p - (const char *)base) + 1);
}

static void *port_pointer_at(struct dbgref_revision_vcpu *base, const void *p)
{
	if (!p)
		return NULL;
	return (char *)base + ((uintptr_t)p - 1);
}

/*
 * The bookkeeping of the last KVM_RUN, as a blob holds it and as load()
 * leaves it.
 */
static void port_clear_run_bookkeeping(struct dbgref_cpu *cpu)
{
	cpu->obs = NULL;
	cpu->nobs = 0;
	cpu->steps = 0;
	cpu->exit_pending = false;
	cpu->interrupted = false;
	cpu->bug = NULL;
}

#define PORT_TO_OFFSET(field) \
	((field) = (__typeof__(field))port_offset_of(pv, (field)))

static void port_save(const struct dbgref_revision_vcpu *pv, void *state)
{
	struct dbgref_revision_vcpu *s = state;

	memcpy(s, pv, PORT_STATE_SIZE);
	PORT_TO_OFFSET(s->vcpu.run);
	PORT_TO_OFFSET(s->vcpu.arch.host_cpu_context);
	port_clear_run_bookkeeping(&s->cpu);
	s->cpu.observe_reentry = NULL;
	s->cpu.observe_arg = NULL;
	DBGREF_PORT_SELF_POINTERS(s, PORT_TO_OFFSET);
}

/*
 * What a load derives from the blob besides its words: every self pointer
 * (an offset in the blob; a port may move one, as final moves debug_ptr),
 * the bookkeeping as a blob holds it, the shim's callback, and the CPU the
 * thread is on.
 */
#define PORT_POINTER_FROM_BLOB(field)					\
	do {								\
		void *p = port_pointer_at(pv, (field));			\
		memcpy((char *)pv + ((const char *)&(field) -		\
				     (const char *)blob),		\
		       &p, sizeof(p));					\
	} while (0)

static void port_load_derived(struct dbgref_revision_vcpu *pv,
			      const struct dbgref_revision_vcpu *blob)
{
	PORT_POINTER_FROM_BLOB(blob->vcpu.run);
	PORT_POINTER_FROM_BLOB(blob->vcpu.arch.host_cpu_context);
	DBGREF_PORT_SELF_POINTERS(blob, PORT_POINTER_FROM_BLOB);
	port_clear_run_bookkeeping(&pv->cpu);
	pv->cpu.observe_reentry = port_observe_reentry;
	pv->cpu.observe_arg = pv;
	dbgref_this_cpu = &pv->cpu;
}

static void port_load(struct dbgref_revision_vcpu *pv, const void *state)
{
	memcpy(pv, state, PORT_STATE_SIZE);
	port_load_derived(pv, state);
}

/*
 * load() for a vCPU whose saved state differs from the blob only in the
 * listed words: only those are copied.
 */
static void port_load_words(struct dbgref_revision_vcpu *pv,
			    const void *state, const uint32_t *words,
			    size_t count)
{
	const u64 *from = state;
	u64 *to = (u64 *)pv;
	size_t i;

	for (i = 0; i < count; i++)
		to[words[i]] = from[words[i]];
	port_load_derived(pv, state);
}

#undef PORT_POINTER_FROM_BLOB
#undef PORT_TO_OFFSET

_Static_assert(PORT_STATE_SIZE % 8 == 0,
	       "the state blob is a whole number of words");
_Static_assert(PORT_STATE_SIZE + sizeof(struct dbgref_arch_program) ==
		       sizeof(struct dbgref_revision_vcpu),
	       "the program ends the vCPU");

const struct dbgref_revision DBGREF_PORT_SYMBOL = {
	.name = DBGREF_PORT_NAME,
	.create = port_create,
	.destroy = port_destroy,
	.reset = port_reset,
	.step = port_step,
	.state_size = PORT_STATE_SIZE,
	.save = port_save,
	.load = port_load,
	.load_words = port_load_words,
};

#endif /* DBGREF_PORT_SHIM_REVISION_PORT_H */
