/*
 * Kernel integer and boolean types (include/linux/types.h,
 * include/uapi/asm-generic/int-ll64.h) for the revisions built in user space.
 */
#ifndef DBGREF_SHIM_LINUX_TYPES_H
#define DBGREF_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;

/* User pointers are plain pointers here. */
#define __user

typedef uint8_t __u8;
typedef uint32_t __u32;
typedef uint64_t __u64;

#endif /* DBGREF_SHIM_LINUX_TYPES_H */
