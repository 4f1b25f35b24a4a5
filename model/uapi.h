/*
 * The KVM/arm64 user-space ABI that guest debug uses: control bits,
 * capability numbers, exit reasons, and the structures passed through
 * KVM_SET_GUEST_DEBUG and returned in kvm_run on KVM_EXIT_DEBUG.
 *
 * One header for the whole project, valid C11 and C++17, so that the model,
 * the port revisions and the tests share a single definition. Sizes and
 * offsets are pinned with static assertions to the values of Linux's uapi
 * (include/uapi/linux/kvm.h, arch/arm64/include/uapi/asm/kvm.h); see
 * spec/sources.md for the citations.
 *
 * struct kvm_debug_exit_arch differs between revisions of the patch, so both
 * layouts are here under distinct names; a port revision picks its own.
 */
#ifndef DBGREF_MODEL_UAPI_H_
#define DBGREF_MODEL_UAPI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define DBGREF_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define DBGREF_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

/* KVM_SET_GUEST_DEBUG control bits (uapi/linux/kvm.h, arm64 uapi/asm/kvm.h). */
#define KVM_GUESTDBG_ENABLE 0x00000001u
#define KVM_GUESTDBG_SINGLESTEP 0x00000002u
#define KVM_GUESTDBG_USE_SW_BP (1u << 16)
#define KVM_GUESTDBG_USE_HW (1u << 17)
/* The seed's name for the same bit. */
#define KVM_GUESTDBG_USE_HW_BP KVM_GUESTDBG_USE_HW
/* The control bits KVM accepts with ENABLE once the series is applied. */
#define KVM_GUESTDBG_VALID_MASK                                             \
  (KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_SW_BP | \
   KVM_GUESTDBG_USE_HW)

/* Capability numbers: v2 as posted (seed) and the merged kernel. */
#define KVM_CAP_GUEST_DEBUG_HW_BPS_V2 107
#define KVM_CAP_GUEST_DEBUG_HW_WPS_V2 108
#define KVM_CAP_GUEST_DEBUG_HW_BPS_FINAL 119
#define KVM_CAP_GUEST_DEBUG_HW_WPS_FINAL 120

/* kvm_run exit reasons (uapi/linux/kvm.h). */
#define KVM_EXIT_DEBUG 4
#define KVM_EXIT_MMIO 6
#define KVM_EXIT_INTR 10

#define KVM_ARM_MAX_DBG_REGS 16

/* Errors as the ioctls return them (negated). */
#define DBGREF_EINVAL 22
#define DBGREF_ENOENT 2
#define DBGREF_EINTR 4

struct kvm_guest_debug_arch {
  uint64_t dbg_bcr[KVM_ARM_MAX_DBG_REGS];
  uint64_t dbg_bvr[KVM_ARM_MAX_DBG_REGS];
  uint64_t dbg_wcr[KVM_ARM_MAX_DBG_REGS];
  uint64_t dbg_wvr[KVM_ARM_MAX_DBG_REGS];
};

struct kvm_guest_debug {
  uint32_t control;
  uint32_t pad;
  struct kvm_guest_debug_arch arch;
};

/* v2 as posted: pc, hsr, and the far the seed adds. */
struct kvm_debug_exit_arch_v2 {
  uint64_t pc;
  uint32_t hsr;
  uint64_t far;
};

/* The merged uapi: pc dropped (userspace uses KVM_GET_ONE_REG). */
struct kvm_debug_exit_arch_final {
  uint32_t hsr;
  uint64_t far;
};

DBGREF_STATIC_ASSERT(sizeof(struct kvm_guest_debug_arch) == 512,
                     "kvm_guest_debug_arch is 4 x 16 u64");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug_arch, dbg_bcr) == 0,
                     "dbg_bcr first");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug_arch, dbg_bvr) == 128,
                     "dbg_bvr second");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug_arch, dbg_wcr) == 256,
                     "dbg_wcr third");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug_arch, dbg_wvr) == 384,
                     "dbg_wvr fourth");
DBGREF_STATIC_ASSERT(sizeof(struct kvm_guest_debug) == 520,
                     "kvm_guest_debug is control, pad, arch");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug, control) == 0,
                     "control first");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug, pad) == 4, "pad");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_guest_debug, arch) == 8,
                     "arch after pad");
DBGREF_STATIC_ASSERT(sizeof(struct kvm_debug_exit_arch_v2) == 24,
                     "v2 exit arch: pc, hsr, far");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_debug_exit_arch_v2, hsr) == 8,
                     "v2 hsr after pc");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_debug_exit_arch_v2, far) == 16,
                     "v2 far aligned after hsr");
DBGREF_STATIC_ASSERT(sizeof(struct kvm_debug_exit_arch_final) == 16,
                     "final exit arch: hsr, far");
DBGREF_STATIC_ASSERT(offsetof(struct kvm_debug_exit_arch_final, far) == 8,
                     "final far aligned after hsr");

#endif /* DBGREF_MODEL_UAPI_H_ */
