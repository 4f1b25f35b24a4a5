/*
 * Guest accesses outside its memory: the stage 2 abort handler
 * (kvm_handle_guest_abort, arch/arm/kvm/mmu.c) and the MMIO emulation
 * (arch/arm/kvm/mmio.c). rebuilt: none of this file is in the seed; it is
 * what KVM_RUN reaches when the guest reports (spec/execution.md, "The
 * guest": a store outside guest memory is a KVM_EXIT_MMIO, and the next
 * KVM_RUN completes it).
 *
 * The guest runs with its MMU off and all its memory mapped at stage 2,
 * so the only stage 2 faults it takes are its stores to MMIO, and there is
 * no device in the kernel: every access goes to userspace.
 */

#include <linux/kvm_host.h>

#include <asm/esr.h>
#include <asm/kvm_emulate.h>

#include "port/shim/kvm_api.h"

/* The register number that reads as zero in a load or store. */
#define XZR	31

/* rebuilt: with the MMU off the faulting address is the IPA itself */
int kvm_handle_guest_abort(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	return io_mem_abort(vcpu, run, kvm_vcpu_get_hfar(vcpu));
}

/*
 * rebuilt: the access the syndrome describes (size, direction, register)
 * goes into run->mmio for userspace, which completes it before the next
 * KVM_RUN enters the guest.
 */
int io_mem_abort(struct kvm_vcpu *vcpu, struct kvm_run *run,
		 phys_addr_t fault_ipa)
{
	unsigned long data = 0;
	bool is_write;
	int len, rt;

	if (!kvm_vcpu_dabt_isvalid(vcpu)) {
		kvm_err("MMIO access with no syndrome at %#lx\n",
			*vcpu_pc(vcpu));
		return -ENOSYS;
	}

	len = kvm_vcpu_dabt_get_as(vcpu);
	rt = kvm_vcpu_dabt_get_rd(vcpu);
	is_write = kvm_vcpu_dabt_iswrite(vcpu);
	vcpu->arch.mmio_decode.rt = rt;

	if (is_write && rt != XZR)
		data = *vcpu_reg(vcpu, rt);

	run->mmio.is_write = is_write;
	run->mmio.phys_addr = fault_ipa;
	run->mmio.len = len;
	memcpy(run->mmio.data, &data, len);
	run->exit_reason = KVM_EXIT_MMIO;
	return 0;
}

/*
 * rebuilt: the first thing a KVM_RUN after an MMIO exit does: a load gets
 * the data userspace left in run->mmio, and the access is complete, so
 * the guest goes on after it (KERNEL-CONTEXT.md "The design that was
 * merged (Linux 4.2)": the skip advances the PC and leaves PSTATE.SS
 * alone).
 */
int kvm_handle_mmio_return(struct kvm_vcpu *vcpu, struct kvm_run *run)
{
	unsigned long rt = vcpu->arch.mmio_decode.rt;
	unsigned long data = 0;

	if (!run->mmio.is_write && rt != XZR) {
		memcpy(&data, run->mmio.data, run->mmio.len);
		*vcpu_reg(vcpu, rt) = data;
	}

	kvm_skip_instr(vcpu, kvm_vcpu_trap_il_is32bit(vcpu));
	return 0;
}
