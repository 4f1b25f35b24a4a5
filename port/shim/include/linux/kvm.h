/*
 * The parts of include/uapi/linux/kvm.h guest debug uses: struct kvm_run
 * with its debug and MMIO exits, the exit reasons, and the ONE_REG and
 * VCPU_INIT arguments (port/shim/one_reg.h). The uapi structures of guest
 * debug come from model/uapi.h; the revision's <asm/kvm.h> picks its
 * layout of struct kvm_debug_exit_arch and its capability numbers.
 */
#ifndef DBGREF_SHIM_LINUX_KVM_H
#define DBGREF_SHIM_LINUX_KVM_H

#include <linux/types.h>

#include "model/uapi.h"
#include "port/shim/one_reg.h"
#include <asm/kvm.h>

#define KVM_EXIT_UNKNOWN		0
#define KVM_EXIT_INTERNAL_ERROR		17

#define KVM_CAP_ARM_EL1_32BIT		93

struct kvm_run {
	__u8 request_interrupt_window;
	__u8 padding1[7];
	__u32 exit_reason;
	__u8 ready_for_interrupt_injection;
	__u8 if_flag;
	__u8 padding2[2];
	union {
		/* KVM_EXIT_DEBUG */
		struct {
			struct kvm_debug_exit_arch arch;
		} debug;
		/* KVM_EXIT_MMIO */
		struct {
			__u64 phys_addr;
			__u8 data[8];
			__u32 len;
			__u8 is_write;
		} mmio;
		char padding[256];
	};
};

#endif /* DBGREF_SHIM_LINUX_KVM_H */
