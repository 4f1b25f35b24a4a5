/*
 * The generic vCPU (include/linux/kvm_host.h): struct kvm_vcpu around the
 * revision's own struct kvm_vcpu_arch (each revision ships its
 * <asm/kvm_host.h>), plus what the shim records about the vCPU.
 */
#ifndef DBGREF_SHIM_LINUX_KVM_HOST_H
#define DBGREF_SHIM_LINUX_KVM_HOST_H

#include <linux/kernel.h>
#include <linux/kvm.h>
#include <linux/types.h>
#include <asm/kvm_host.h>

/* Not a kernel structure: what the shim's stand-ins record for the driver. */
struct dbgref_shim_vcpu {
	u32 undef;		/* kvm_inject_undefined was called */
};

struct kvm_vcpu {
	int vcpu_id;
	unsigned long guest_debug;
	struct kvm_run *run;
	struct kvm_vcpu_arch arch;
	struct dbgref_shim_vcpu shim;
};

#endif /* DBGREF_SHIM_LINUX_KVM_HOST_H */
