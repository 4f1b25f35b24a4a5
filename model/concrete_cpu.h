/*
 * The CPU of model/arch on concrete values, behind a C interface: what the
 * port's simulated CPU (port/shim/) runs, so that the CPU under every port
 * revision is the model's own and the differential check is about KVM's
 * code alone. Valid C11 and C++17.
 *
 * struct dbgref_arch_cpu has the layout of the model's Cpu<ConcreteDomain>
 * (model/arch/cpu.h) and struct dbgref_arch_program that of its
 * Program<ConcreteDomain, DBGREF_MAX_PROGRAM_LINES>; concrete_cpu.cc checks
 * both field by field.
 */
#ifndef DBGREF_MODEL_CONCRETE_CPU_H_
#define DBGREF_MODEL_CONCRETE_CPU_H_

#include <stdbool.h>
#include <stdint.h>

#include "model/record.h"
#include "model/uapi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One instruction, every field a word (model/arch/instruction.h, Insn). */
struct dbgref_arch_insn {
  uint64_t kind;
  uint64_t size;
  uint64_t addr;
  uint64_t reg;
  uint64_t reg_index;
  uint64_t value;
  uint64_t imm;
};

struct dbgref_arch_program {
  struct {
    uint64_t pc;
    struct dbgref_arch_insn insn;
  } line[DBGREF_MAX_PROGRAM_LINES];
};

/* The CPU while the guest runs (model/arch/cpu.h, Cpu). */
struct dbgref_arch_cpu {
  struct kvm_guest_debug_arch dbg;
  uint64_t mdscr_el1;
  uint64_t mdccint_el1;
  uint64_t mdcr_el2;
  uint64_t pc;     /* ELR_EL2 while at EL2 */
  uint64_t pstate; /* SPSR_EL2 while at EL2 */
  uint64_t elr_el1;
  uint64_t spsr_el1;
  uint64_t esr_el1;
  uint64_t far_el1;
  uint64_t xt;
  bool os_locked;
  bool stepped;
  bool exited;
  uint64_t esr_el2;
  uint64_t far_el2;
  struct dbgref_arch_insn trapped;
};

/* The program as the CPU fetches from it; lines past program->count hold
 * no instruction. */
void dbgref_arch_load_program(const struct dbgref_program* program,
                              struct dbgref_arch_program* out);

/* The CPU as the world switch leaves it before the guest's first entry:
 * every register 0, the host's debug registers loaded. */
void dbgref_arch_cpu_init(struct dbgref_arch_cpu* cpu,
                          const struct kvm_guest_debug_arch* host_regs);

/* One step of the guest (model/arch/execute.h, GuestStep) on a host with
 * this ID_AA64DFR0_EL1; fills the GUEST fields of *obs (model/run.h). The
 * CPU must not have exited: clear cpu->exited to enter the guest again. */
void dbgref_arch_guest_step(uint64_t id_aa64dfr0_el1,
                            const struct dbgref_arch_program* program,
                            struct dbgref_arch_cpu* cpu,
                            struct dbgref_obs* obs);

/* The CPU leaves the guest on a host interrupt (the bound of a KVM_RUN),
 * as the model's GUEST step at the bound does; fills *obs likewise. */
void dbgref_arch_interrupt(struct dbgref_arch_cpu* cpu, struct dbgref_obs* obs);

/* KVM's exception return from EL2 into the guest (model/arch/
 * exception_return.h, ReturnFromEl2): PSTATE from SPSR_EL2 (cpu->pstate),
 * SS as the architecture keeps it; the guest runs from then on. */
void dbgref_arch_return_from_el2(struct dbgref_arch_cpu* cpu);

/* The ENTER fields of *obs: the CPU as the guest starts to run. */
void dbgref_arch_observe_entry(uint64_t id_aa64dfr0_el1,
                               const struct dbgref_arch_cpu* cpu,
                               struct dbgref_obs* obs);

/* 1 when the exit's syndrome is the model's interrupt (the bound). */
int dbgref_arch_is_interrupt(uint64_t esr_el2);

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_MODEL_CONCRETE_CPU_H_ */
