/*
 * Keeps the revisions apart at link time. Every revision is compiled with
 * -DDBGREF_REV=<prefix> -include port/shim/rename.h, so each kernel function
 * with external linkage keeps its kernel name in the source and gets the
 * revision's prefix in the object file: kvm_arch_setup_debug in port/v2
 * becomes dbgref_v2_kvm_arch_setup_debug. The three revisions then link
 * into one binary. A new global function in a revision must be listed here;
 * a missing entry shows up as a duplicate symbol when the tests link.
 */
#ifndef DBGREF_PORT_SHIM_RENAME_H
#define DBGREF_PORT_SHIM_RENAME_H

#ifndef DBGREF_REV
#error "compile a revision with -DDBGREF_REV=<symbol prefix>"
#endif

#define DBGREF_REV_PASTE_(a, b)	a##_##b
#define DBGREF_REV_PASTE(a, b)	DBGREF_REV_PASTE_(a, b)
#define DBGREF_REV_SYM(name)	DBGREF_REV_PASTE(DBGREF_REV, name)

/* arm.c */
#define kvm_arch_vcpu_ioctl_set_guest_debug \
	DBGREF_REV_SYM(kvm_arch_vcpu_ioctl_set_guest_debug)
#define kvm_arch_vcpu_ioctl_vcpu_init \
	DBGREF_REV_SYM(kvm_arch_vcpu_ioctl_vcpu_init)
#define kvm_arch_vcpu_ioctl_run	DBGREF_REV_SYM(kvm_arch_vcpu_ioctl_run)
#define kvm_arch_vcpu_init	DBGREF_REV_SYM(kvm_arch_vcpu_init)
/* debug.c */
#define kvm_arch_setup_debug	DBGREF_REV_SYM(kvm_arch_setup_debug)
#define kvm_arch_clear_debug	DBGREF_REV_SYM(kvm_arch_clear_debug)
#define kvm_arm_setup_debug	DBGREF_REV_SYM(kvm_arm_setup_debug)
#define kvm_arm_clear_debug	DBGREF_REV_SYM(kvm_arm_clear_debug)
#define kvm_arm_reset_debug_ptr	DBGREF_REV_SYM(kvm_arm_reset_debug_ptr)
#define kvm_arm_init_debug	DBGREF_REV_SYM(kvm_arm_init_debug)
/* guest.c */
#define kvm_arm_get_reg		DBGREF_REV_SYM(kvm_arm_get_reg)
#define kvm_arm_set_reg		DBGREF_REV_SYM(kvm_arm_set_reg)
/* handle_exit.c */
#define handle_exit		DBGREF_REV_SYM(handle_exit)
/* mmio.c */
#define kvm_handle_guest_abort	DBGREF_REV_SYM(kvm_handle_guest_abort)
#define io_mem_abort		DBGREF_REV_SYM(io_mem_abort)
#define kvm_handle_mmio_return	DBGREF_REV_SYM(kvm_handle_mmio_return)
/* sys_regs.c */
#define kvm_handle_sys_reg	DBGREF_REV_SYM(kvm_handle_sys_reg)
#define kvm_reset_sys_regs	DBGREF_REV_SYM(kvm_reset_sys_regs)
#define kvm_arm_sys_reg_get_reg	DBGREF_REV_SYM(kvm_arm_sys_reg_get_reg)
#define kvm_arm_sys_reg_set_reg	DBGREF_REV_SYM(kvm_arm_sys_reg_set_reg)
/* reset.c */
#define kvm_arch_dev_ioctl_check_extension \
	DBGREF_REV_SYM(kvm_arch_dev_ioctl_check_extension)
#define kvm_reset_vcpu		DBGREF_REV_SYM(kvm_reset_vcpu)
/* hyp.c */
#define __kvm_vcpu_run		DBGREF_REV_SYM(__kvm_vcpu_run)

#endif /* DBGREF_PORT_SHIM_RENAME_H */
