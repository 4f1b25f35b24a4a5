/*
 * The records that the model and every port revision exchange: the host CPU
 * configuration a vCPU is created with, one operation (an ioctl, or one
 * KVM_RUN iteration with one guest action), and the observation that an
 * operation produces. Plain C11/C++17 structs, so that the C port driver and
 * the C++ model fill the same record and a differential check compares them
 * field by field (dbgref_obs_equal in model/record_compare.h).
 *
 * The meaning of every field is in spec/operations.md; the summary:
 *
 *  Guest actions (one per KVM_RUN iteration, performed while the guest runs,
 *  between the world switch in and the world switch out):
 *   - ACCESS: an MRS/MSR of a debug register (DBGBCRn/BVRn/WCRn/WVRn_EL1,
 *     MDSCR_EL1 or MDCCINT_EL1). If MDCR_EL2.TDA is in effect on the CPU
 *     (set, or implied by MDCR_EL2.TDE: Arm ARM, MDCR_EL2.TDA) the access
 *     traps to EL2 (an exit with EC SYS64, emulated by handle_exit after
 *     clear_debug); otherwise it reads or writes the hardware register
 *     directly.
 *   - EXCEPTION: the guest raises an exception whose syndrome is `esr`, at
 *     `pc`, with fault address `far`. A debug class (BREAKPT_LOW,
 *     SOFTSTP_LOW, WATCHPT_LOW, BKPT32, BRK64) exits to EL2 only when
 *     MDCR_EL2.TDE is set; otherwise the guest takes it itself. Any other
 *     class is an ordinary exit that handle_exit resumes.
 *
 *  Observation of a KVM_RUN iteration:
 *   - `entry_*`: MDCR_EL2 (the trap bits only), the hardware debug registers
 *     (only the BRPs+1 breakpoints and WRPs+1 watchpoints the CPU implements;
 *     0 for the others), MDSCR_EL1 (without KDE while TDE is set: the debug
 *     target is then EL2 and KDE has no effect on the guest) and PSTATE.SS
 *     as the CPU holds them while the guest runs;
 *   - the exit: `exit_reason` is KVM_EXIT_DEBUG or 0 (back to the guest);
 *     for a debug exit `hsr` and `pc`, and `far` for a watchpoint only
 *     (0 otherwise: userspace reads far only for watchpoints);
 *   - the access: whether it trapped, whether the guest got an UNDEF, and for
 *     a read the value the guest's register received;
 *   - `ctx_mdscr_el1` and `ctx_pstate_ss`: the guest context after the
 *     iteration (after clear_debug and handle_exit).
 */
#ifndef DBGREF_MODEL_RECORD_H_
#define DBGREF_MODEL_RECORD_H_

#include <stdint.h>

#include "model/uapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The host CPU a vCPU runs on. */
struct dbgref_host {
  /* ID_AA64DFR0_EL1 as read_cpuid returns it: BRPs and WRPs live here. */
  uint64_t id_aa64dfr0_el1;
  /* The host's own values in the hardware debug registers (for instance a
   * host ptrace breakpoint). KVM must never show them to the guest. */
  struct kvm_guest_debug_arch host_regs;
};

enum dbgref_op_kind {
  DBGREF_OP_SET_GUEST_DEBUG = 0,
  DBGREF_OP_CHECK_EXTENSION = 1,
  DBGREF_OP_RUN = 2,
};

/* Capabilities by meaning; each revision maps them to its own numbers. */
enum dbgref_cap {
  DBGREF_CAP_HW_BPS = 0,
  DBGREF_CAP_HW_WPS = 1,
  DBGREF_CAP_OTHER = 2, /* any capability guest debug does not define */
};

enum dbgref_action_kind {
  DBGREF_ACTION_ACCESS = 0,
  DBGREF_ACTION_EXCEPTION = 1,
};

/* The debug registers a guest can access; the four banks have 16 each. */
enum dbgref_reg_kind {
  DBGREF_REG_BCR = 0,
  DBGREF_REG_BVR = 1,
  DBGREF_REG_WCR = 2,
  DBGREF_REG_WVR = 3,
  DBGREF_REG_MDSCR = 4,
  DBGREF_REG_MDCCINT = 5,
};
#define DBGREF_REG_KIND_COUNT 6

struct dbgref_action {
  uint32_t kind; /* enum dbgref_action_kind */
  /* ACCESS */
  uint32_t reg_kind; /* enum dbgref_reg_kind */
  uint32_t index;    /* 0..15 for the four banks, 0 otherwise */
  uint32_t is_write;
  uint64_t value; /* written value for a write */
  /* EXCEPTION */
  uint32_t esr; /* syndrome; EC in bits [31:26] */
  uint64_t pc;
  uint64_t far;
};

struct dbgref_op {
  uint32_t kind;               /* enum dbgref_op_kind */
  uint32_t cap;                /* CHECK_EXTENSION: enum dbgref_cap */
  struct kvm_guest_debug dbg;  /* SET_GUEST_DEBUG argument */
  struct dbgref_action action; /* RUN: the guest action */
};

/*
 * The fields of the observation, in record order: the one list from which
 * struct dbgref_obs, the model's Obs<D> (model/observe.h) and every walk over
 * either are made. Each entry is one of
 *   WORD(type, name)  a word, held as `type` in struct dbgref_obs;
 *   FLAG(name)        a truth value, held as a uint32_t 0 or 1;
 *   REGS(name)        the four banks of debug registers.
 */
#define DBGREF_OBS_FIELDS(WORD, FLAG, REGS)                                  \
	/* enum dbgref_op_kind of the operation observed */                  \
	WORD(uint32_t, op_kind)                                              \
	/* ioctl return value, or the CHECK_EXTENSION value */               \
	WORD(int64_t, ret)                                                   \
	/* RUN: the CPU while the guest runs; MDCR_EL2 masked with           \
	 * DBGREF_MDCR_DEBUG_TRAP_BITS */                                     \
	WORD(uint64_t, entry_mdcr_el2)                                       \
	REGS(entry_hw)                                                       \
	WORD(uint64_t, entry_mdscr_el1)                                      \
	FLAG(entry_pstate_ss)                                                \
	/* RUN: the guest action: an ACCESS trapped to EL2, the guest got an \
	 * UNDEF, and for an ACCESS read what the guest received */          \
	FLAG(trapped)                                                        \
	FLAG(undef)                                                          \
	WORD(uint64_t, read_value)                                           \
	/* RUN: the exit seen by userspace: KVM_EXIT_DEBUG, or 0 when KVM    \
	 * resumed the guest */                                              \
	WORD(uint32_t, exit_reason)                                          \
	WORD(uint32_t, hsr)                                                  \
	WORD(uint64_t, pc)                                                   \
	WORD(uint64_t, far)                                                  \
	/* RUN: the guest context after the iteration */                     \
	WORD(uint64_t, ctx_mdscr_el1)                                        \
	FLAG(ctx_pstate_ss)

#define DBGREF_OBS_C_WORD(type, name) type name;
#define DBGREF_OBS_C_FLAG(name) uint32_t name;
#define DBGREF_OBS_C_REGS(name) struct kvm_guest_debug_arch name;

struct dbgref_obs {
	DBGREF_OBS_FIELDS(DBGREF_OBS_C_WORD, DBGREF_OBS_C_FLAG,
			  DBGREF_OBS_C_REGS)
};

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_MODEL_RECORD_H_ */
