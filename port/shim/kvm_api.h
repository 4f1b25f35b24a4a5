/*
 * The kernel functions of a revision that the driver calls, and that the
 * revision's files call across files (in the kernel they are declared in
 * include/linux/kvm_host.h, asm/kvm_host.h and asm/kvm_coproc.h). The
 * names are the kernel's; rename.h gives each revision its own symbols.
 * Debug setup and clear have revision-specific names and are declared in
 * the revision's <asm/kvm_host.h>.
 */
#ifndef DBGREF_PORT_SHIM_KVM_API_H
#define DBGREF_PORT_SHIM_KVM_API_H

struct kvm_vcpu;
struct kvm_run;
struct kvm_guest_debug;

int kvm_arch_vcpu_init(struct kvm_vcpu *vcpu);
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg);
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu, struct kvm_run *run);
int kvm_arch_dev_ioctl_check_extension(long ext);
int handle_exit(struct kvm_vcpu *vcpu, struct kvm_run *run,
		int exception_index);
int kvm_handle_sys_reg(struct kvm_vcpu *vcpu, struct kvm_run *run);
int __kvm_vcpu_run(struct kvm_vcpu *vcpu);

#endif /* DBGREF_PORT_SHIM_KVM_API_H */
