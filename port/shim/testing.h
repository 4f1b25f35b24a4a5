/*
 * Hooks for the port's unit tests only: they reach paths of the kernel
 * code that no guest program of the model reaches. Each applies to the
 * calling thread.
 */
#ifndef DBGREF_PORT_SHIM_TESTING_H
#define DBGREF_PORT_SHIM_TESTING_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The guest steps a KVM_RUN runs before the host interrupt; 0 restores
 * DBGREF_MAX_GUEST_STEPS. No program of at most DBGREF_MAX_PROGRAM_LINES
 * lines reaches the real bound (spec/decisions.md, "The bound").
 */
void dbgref_shim_test_set_step_bound(unsigned int steps);

/*
 * The next time the guest is about to execute an instruction, the CPU
 * exits to EL2 instead with this ESR_EL2 (FAR_EL2 0): a syndrome of a
 * class the model's CPU never raises reaches handle_exit's unknown-class
 * path. One shot.
 */
void dbgref_shim_test_force_exit(uint64_t esr_el2);

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_PORT_SHIM_TESTING_H */
