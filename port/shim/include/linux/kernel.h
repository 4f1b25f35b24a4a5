/*
 * The few kernel helpers the revisions use (include/linux/kernel.h,
 * include/linux/kvm_host.h printing, include/asm-generic/bug.h,
 * include/linux/errno.h): kvm_err, BUG, ARRAY_SIZE, likely/unlikely, the
 * errno values, memcpy.
 *
 * kvm_err is counted, not printed, unless printing is switched on (see
 * port/driver.h): the differential check runs millions of operations and a
 * revision that logs on a path the guest controls must not flood stderr.
 *
 * BUG() stops the kernel. Here it prints, is counted
 * (dbgref_port_bug_count), and abandons the current operation: the driver
 * reports it to the caller and the vCPU is dead until it is reset.
 */
#ifndef DBGREF_SHIM_LINUX_KERNEL_H
#define DBGREF_SHIM_LINUX_KERNEL_H

#include <errno.h>
#include <string.h>

#include <linux/types.h>

#include "port/shim/cpu.h"

void dbgref_shim_kvm_err(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#define kvm_err(...)		dbgref_shim_kvm_err(__VA_ARGS__)
#define kvm_pr_unimpl(...)	dbgref_shim_kvm_err(__VA_ARGS__)

#define BUG()			dbgref_shim_bug(__FILE__, __LINE__)

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#endif /* DBGREF_SHIM_LINUX_KERNEL_H */
