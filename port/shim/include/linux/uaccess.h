/*
 * Copies to and from user memory (include/linux/uaccess.h): the driver is
 * userspace and lives in the same address space, so they never fault.
 */
#ifndef DBGREF_SHIM_LINUX_UACCESS_H
#define DBGREF_SHIM_LINUX_UACCESS_H

#include <string.h>

static inline unsigned long copy_to_user(void *to, const void *from,
					 unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

static inline unsigned long copy_from_user(void *to, const void *from,
					   unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

#endif /* DBGREF_SHIM_LINUX_UACCESS_H */
