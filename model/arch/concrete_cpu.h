/*
 * The CPU of model/arch on concrete values, behind a C interface: what the
 * port's simulated CPU (port/shim/cpu.c) runs, so that the CPU under every
 * port revision is the model's own and the differential check is about
 * KVM's code alone. Valid C11 and C++17.
 */
#ifndef DBGREF_MODEL_ARCH_CONCRETE_CPU_H_
#define DBGREF_MODEL_ARCH_CONCRETE_CPU_H_

#include <stdint.h>

#include "model/record.h"
#include "model/uapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The registers a guest action reads and writes. */
struct dbgref_arch_regs {
  struct kvm_guest_debug_arch dbg; /* the hardware debug registers */
  uint64_t mdscr_el1;
  uint64_t mdccint_el1;
  uint64_t mdcr_el2;
  uint32_t pstate_ss;
};

/* What the guest's action did. */
struct dbgref_arch_event {
  uint32_t trapped;     /* an access trapped to EL2 (EC SYS64) */
  uint32_t debug_exit;  /* a debug exception was taken to EL2 */
  uint32_t direct_read; /* an access read the register itself */
  uint64_t direct_value;
};

/* Performs action a on regs (model/arch/execute.h). */
void dbgref_arch_execute(struct dbgref_arch_regs* regs,
                         const struct dbgref_action* a,
                         struct dbgref_arch_event* event);

/* 1 when exception class ec is a debug exception (model/arch/exception.h). */
uint32_t dbgref_arch_is_debug_class(uint32_t ec);

/* The ESR_EL2 syndrome of a trapped MRS/MSR of register (reg_kind, index)
 * with transfer register rt (model/arch/syndrome.h). */
uint32_t dbgref_arch_sys64_esr(uint32_t reg_kind, uint32_t index,
                               uint32_t is_write, uint32_t rt);

/* The entry_* fields of the observation: the CPU as the guest starts to run
 * on a host with this ID_AA64DFR0_EL1 (model/run.h). */
void dbgref_arch_observe_entry(const struct dbgref_arch_regs* regs,
                               uint64_t id_aa64dfr0_el1,
                               struct dbgref_obs* obs);

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_MODEL_ARCH_CONCRETE_CPU_H_ */
