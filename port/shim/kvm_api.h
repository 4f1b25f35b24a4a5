/*
 * The kernel functions of a revision that the driver calls, and that the
 * revision's files call across files (in the kernel they are declared in
 * include/linux/kvm_host.h, asm/kvm_host.h, asm/kvm_mmio.h and
 * asm/kvm_coproc.h). The names are the kernel's; rename.h gives each
 * revision its own symbols. Debug setup and clear have revision-specific
 * names and are declared in the revision's <asm/kvm_host.h>.
 */
#ifndef DBGREF_PORT_SHIM_KVM_API_H
#define DBGREF_PORT_SHIM_KVM_API_H

#include <linux/types.h>

struct kvm_vcpu;
struct kvm_run;
struct kvm_guest_debug;
struct kvm_one_reg;
struct kvm_vcpu_init;

/* arm.c */
int kvm_arch_vcpu_init(struct kvm_vcpu *vcpu);
int kvm_arch_vcpu_ioctl_set_guest_debug(struct kvm_vcpu *vcpu,
					struct kvm_guest_debug *dbg);
int kvm_arch_vcpu_ioctl_vcpu_init(struct kvm_vcpu *vcpu,
				  struct kvm_vcpu_init *init);
int kvm_arch_vcpu_ioctl_run(struct kvm_vcpu *vcpu, struct kvm_run *run);
/* reset.c */
int kvm_arch_dev_ioctl_check_extension(long ext);
int kvm_reset_vcpu(struct kvm_vcpu *vcpu);
/* guest.c */
int kvm_arm_get_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
int kvm_arm_set_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
/* handle_exit.c */
int handle_exit(struct kvm_vcpu *vcpu, struct kvm_run *run,
		int exception_index);
/* sys_regs.c */
int kvm_handle_sys_reg(struct kvm_vcpu *vcpu, struct kvm_run *run);
void kvm_reset_sys_regs(struct kvm_vcpu *vcpu);
int kvm_arm_sys_reg_get_reg(struct kvm_vcpu *vcpu,
			    const struct kvm_one_reg *reg);
int kvm_arm_sys_reg_set_reg(struct kvm_vcpu *vcpu,
			    const struct kvm_one_reg *reg);
/* mmio.c */
int kvm_handle_guest_abort(struct kvm_vcpu *vcpu, struct kvm_run *run);
int io_mem_abort(struct kvm_vcpu *vcpu, struct kvm_run *run,
		 phys_addr_t fault_ipa);
int kvm_handle_mmio_return(struct kvm_vcpu *vcpu, struct kvm_run *run);
/* hyp.c */
int __kvm_vcpu_run(struct kvm_vcpu *vcpu);

#endif /* DBGREF_PORT_SHIM_KVM_API_H */
