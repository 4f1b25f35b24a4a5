/*
 * The records that the model, every port revision and the real-kernel
 * oracle exchange: the host CPU a vCPU is created on, the guest's program,
 * one operation of userspace (an ioctl, or KVM_RUN), and the observation of
 * one step of the vCPU. Plain C11/C++17 structs, so that the C ports and the
 * C++ model fill the same records and a differential check compares them
 * field by field (model/record_compare.h).
 *
 * The meaning of every field is in spec/operations.md and spec/execution.md;
 * the summary:
 *
 *  The program: which instruction sits at each address it uses, in the code
 *  region of the guest's layout (model/guest_layout.h). Every other code word
 *  holds the runtime's END report store; the runtime's exception handler
 *  sits at its vector.
 *
 *  A KVM_RUN is observed as the steps it is made of, in order:
 *   - ENTER: one iteration of the kernel's loop begins (setup_debug and the
 *     world switch in): the CPU as the guest starts to run;
 *   - GUEST: the CPU executes one instruction of the guest, or takes one
 *     exception, until something takes it to EL2;
 *   - EXIT: the world switch out, clear_debug and the exit handling: either
 *     back into the guest (the next ENTER) or back to userspace.
 *  An ioctl is one IOCTL step.
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

/* The instructions of a guest program (model/arch/instruction.h). */
enum dbgref_insn_kind {
  DBGREF_INSN_NOP = 0,    /* an ordinary instruction */
  DBGREF_INSN_LOAD = 1,   /* a load of `size` bytes at `addr` */
  DBGREF_INSN_STORE = 2,  /* a store of `size` bytes at `addr` */
  DBGREF_INSN_BRK = 3,    /* BRK #imm */
  DBGREF_INSN_MRS = 4,    /* MRS of register (reg, index) */
  DBGREF_INSN_MSR = 5,    /* MSR of `value` to register (reg, index) */
  DBGREF_INSN_REPORT = 6, /* the guest's report: a store to MMIO */
  /* The runtime's instructions, never written in a program: the END report
   * store that fills the code region, and the exception handler's report
   * store, its plain instructions and its ERET. */
  DBGREF_INSN_END = 7,
  DBGREF_INSN_HANDLER_REPORT = 8,
  DBGREF_INSN_HANDLER_PLAIN = 9,
  DBGREF_INSN_HANDLER_ERET = 10,
};
#define DBGREF_INSN_KIND_COUNT 11

/* The system registers of guest debug: the four banks of breakpoint and
 * watchpoint registers (16 each), MDSCR_EL1, MDCCINT_EL1, and the OS lock
 * registers (OSLAR_EL1 written, OSLSR_EL1 read). */
enum dbgref_reg_kind {
  DBGREF_REG_BCR = 0,
  DBGREF_REG_BVR = 1,
  DBGREF_REG_WCR = 2,
  DBGREF_REG_WVR = 3,
  DBGREF_REG_MDSCR = 4,
  DBGREF_REG_MDCCINT = 5,
  DBGREF_REG_OSLAR = 6,
  DBGREF_REG_OSLSR = 7,
};
#define DBGREF_REG_KIND_COUNT 8

struct dbgref_insn {
  uint32_t kind;      /* enum dbgref_insn_kind */
  uint32_t size;      /* LOAD, STORE: 1, 2, 4 or 8 */
  uint64_t addr;      /* LOAD, STORE: the data address, size-aligned */
  uint32_t reg;       /* MRS, MSR: enum dbgref_reg_kind */
  uint32_t reg_index; /* MRS, MSR: bank entry 0..15, 0 otherwise */
  uint64_t value;     /* MSR: the value written */
  uint32_t imm;       /* BRK: the 16-bit immediate */
};

/* One program line: an instruction at an address of the code region. */
struct dbgref_line {
  uint64_t pc;
  struct dbgref_insn insn;
};

#define DBGREF_MAX_PROGRAM_LINES 24

struct dbgref_program {
  uint32_t count; /* lines in use, at the start of `line` */
  struct dbgref_line line[DBGREF_MAX_PROGRAM_LINES];
};

enum dbgref_op_kind {
  DBGREF_OP_SET_GUEST_DEBUG = 0,
  DBGREF_OP_CHECK_EXTENSION = 1,
  DBGREF_OP_RUN = 2,
  DBGREF_OP_GET_ONE_REG = 3,
  DBGREF_OP_SET_ONE_REG = 4,
  DBGREF_OP_VCPU_INIT = 5,
};
#define DBGREF_OP_KIND_COUNT 6

/* Capabilities by meaning; each revision maps them to its own numbers. */
enum dbgref_cap {
  DBGREF_CAP_HW_BPS = 0,
  DBGREF_CAP_HW_WPS = 1,
  DBGREF_CAP_OTHER = 2, /* any capability guest debug does not define */
};

/* The registers KVM_GET_ONE_REG and KVM_SET_ONE_REG reach here: the PC and
 * PSTATE (core registers), MDSCR_EL1 and the four banks (system registers,
 * 16 entries each). */
enum dbgref_one_reg {
  DBGREF_ONE_REG_PC = 0,
  DBGREF_ONE_REG_PSTATE = 1,
  DBGREF_ONE_REG_MDSCR = 2,
  DBGREF_ONE_REG_BCR = 3,
  DBGREF_ONE_REG_BVR = 4,
  DBGREF_ONE_REG_WCR = 5,
  DBGREF_ONE_REG_WVR = 6,
};
#define DBGREF_ONE_REG_COUNT 7

/* The words every operation reads come first, within one cache line; the
 * 520 bytes of the SET_GUEST_DEBUG argument, which only that ioctl reads,
 * last. */
struct dbgref_op {
  uint32_t kind;              /* enum dbgref_op_kind */
  uint32_t cap;               /* CHECK_EXTENSION: enum dbgref_cap */
  uint32_t reg;               /* GET/SET_ONE_REG: enum dbgref_one_reg */
  uint32_t reg_index;         /* GET/SET_ONE_REG: bank entry 0..15 */
  uint64_t value;             /* SET_ONE_REG: the value */
  struct kvm_guest_debug dbg; /* SET_GUEST_DEBUG argument */
};

/* A KVM_RUN runs at most this many guest steps (model/run.h: at the bound
 * the CPU leaves the guest on an interrupt and KVM_RUN returns -EINTR), so
 * one operation takes at most DBGREF_MAX_OBS_PER_OP steps: an ENTER, the
 * guest steps (or the interrupt) and an EXIT for each iteration. */
#define DBGREF_MAX_GUEST_STEPS 40
#define DBGREF_MAX_OBS_PER_OP (3 * (DBGREF_MAX_GUEST_STEPS + 1) + 2)

/* The kinds of step a vCPU takes (see the file comment). */
enum dbgref_step_kind {
  DBGREF_STEP_IOCTL = 0,
  DBGREF_STEP_ENTER = 1,
  DBGREF_STEP_GUEST = 2,
  DBGREF_STEP_EXIT = 3,
};

/* What one GUEST step did (model/arch/execute.h). */
enum dbgref_guest_event {
  DBGREF_EVENT_RETIRED = 0,       /* the instruction executed */
  DBGREF_EVENT_EXCEPTION_EL1 = 1, /* the guest took an exception itself */
  DBGREF_EVENT_ERET = 2,          /* the handler returned */
  DBGREF_EVENT_TO_EL2 = 3,        /* an exception to EL2: an exit */
};

/*
 * The fields of the observation of one step, in record order: the one list
 * from which struct dbgref_obs, the model's Obs<D> (model/observe.h) and
 * every walk over either are made. Each entry is one of
 *   WORD(type, name)  a word, held as `type` in struct dbgref_obs;
 *   FLAG(name)        a truth value, held as a uint32_t 0 or 1;
 *   REGS(name)        the four banks of debug registers.
 * A field a step kind does not fill is 0.
 */
#define DBGREF_OBS_FIELDS(WORD, FLAG, REGS)                                   \
  /* enum dbgref_step_kind, and the userspace operation it belongs to */     \
  WORD(uint32_t, step)                                                        \
  WORD(uint32_t, op_kind)                                                     \
  /* IOCTL: the return value; CHECK_EXTENSION and GET_ONE_REG: the value */   \
  WORD(int64_t, ret)                                                          \
  WORD(uint64_t, value)                                                       \
  /* ENTER: the CPU as the guest starts to run: MDCR_EL2 masked with         \
   * DBGREF_MDCR_DEBUG_TRAP_BITS, the implemented debug registers,           \
   * MDSCR_EL1 as it governs the guest, PSTATE.SS and D, the PC */           \
  WORD(uint64_t, entry_mdcr_el2)                                              \
  REGS(entry_hw)                                                              \
  WORD(uint64_t, entry_mdscr_el1)                                             \
  WORD(uint64_t, entry_pstate)                                                \
  WORD(uint64_t, entry_pc)                                                    \
  /* GUEST: the instruction's address, what happened (enum                   \
   * dbgref_guest_event), the syndrome of an exception it took (ESR_EL1 or   \
   * ESR_EL2), the fault address of a watchpoint, and an MRS's value */      \
  WORD(uint64_t, pc)                                                          \
  WORD(uint32_t, event)                                                       \
  WORD(uint64_t, esr)                                                         \
  WORD(uint64_t, far)                                                         \
  WORD(uint64_t, read_value)                                                  \
  /* EXIT: where the vCPU goes (0: back into the guest, or the kvm_run exit  \
   * reason), the debug exit's hsr and far (watchpoints), the MMIO address,  \
   * whether KVM gave the guest an UNDEF, and the PC after the exit; an      \
   * emulated MRS's value is in read_value */                                \
  WORD(uint32_t, exit_reason)                                                 \
  WORD(uint32_t, hsr)                                                         \
  WORD(uint64_t, exit_far)                                                    \
  WORD(uint64_t, mmio_addr)                                                   \
  FLAG(undef)                                                                 \
  WORD(uint64_t, exit_pc)                                                     \
  /* EXIT: the guest context afterwards: MDSCR_EL1, PSTATE.SS, the OS lock,  \
   * and the registers the guest's exception report leaves (ESR_EL1,         \
   * ELR_EL1, FAR_EL1) */                                                    \
  WORD(uint64_t, ctx_mdscr_el1)                                               \
  FLAG(ctx_pstate_ss)                                                         \
  FLAG(ctx_oslk)                                                              \
  WORD(uint64_t, ctx_esr_el1)                                                 \
  WORD(uint64_t, ctx_elr_el1)                                                 \
  WORD(uint64_t, ctx_far_el1)

#define DBGREF_OBS_C_WORD(type, name) type name;
#define DBGREF_OBS_C_FLAG(name) uint32_t name;
#define DBGREF_OBS_C_REGS(name) struct kvm_guest_debug_arch name;

struct dbgref_obs {
  DBGREF_OBS_FIELDS(DBGREF_OBS_C_WORD, DBGREF_OBS_C_FLAG, DBGREF_OBS_C_REGS)
};

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_MODEL_RECORD_H_ */
