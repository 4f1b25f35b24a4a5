/*
 * The interface every revision under check implements, in C: one table of
 * operations, so that the differential check (props/) drives any port
 * revision (port/driver.h) through the records of model/record.h and
 * compares its observations with the model's step by step. It lives below
 * the harness so that the harness does not depend on the ports.
 *
 * A vCPU is created on a host (struct dbgref_host) with a guest program
 * (struct dbgref_program). step() performs one userspace operation and
 * writes the observation of each step it takes (model/record.h: one IOCTL
 * step, or the ENTER, GUEST and EXIT steps of a KVM_RUN) into out, which
 * has room for DBGREF_MAX_OBS_PER_OP; it returns how many it wrote. step()
 * zeroes each observation before filling it, and neither allocates nor
 * prints. A vCPU is used by one thread at a time; different vCPUs may be
 * stepped on different threads. Valid C11 and C++17.
 */
#ifndef DBGREF_MODEL_REVISION_H_
#define DBGREF_MODEL_REVISION_H_

#include <stddef.h>
#include <stdint.h>

#include "model/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A vCPU of one revision. Opaque. */
struct dbgref_revision_vcpu;

struct dbgref_revision {
  /* "v2", "v2-review", "final". */
  const char* name;
  /* A vCPU in its reset state; NULL when out of memory. */
  struct dbgref_revision_vcpu* (*create)(const struct dbgref_host* host,
                                         const struct dbgref_program* program);
  void (*destroy)(struct dbgref_revision_vcpu* vcpu);
  /* Back to the reset state of create(host, program), without allocating. */
  void (*reset)(struct dbgref_revision_vcpu* vcpu,
                const struct dbgref_host* host,
                const struct dbgref_program* program);
  /* One userspace operation; see above. */
  size_t (*step)(struct dbgref_revision_vcpu* vcpu, const struct dbgref_op* op,
                 struct dbgref_obs* out);

  /*
   * The vCPU's complete state between operations, as an opaque blob of
   * state_size bytes (a multiple of 8), for exhaustive exploration
   * (explore/): save() writes it, load() puts a vCPU created on the same
   * host and program into it, whichever vCPU of the revision saved it.
   * The blob holds everything the vCPU's later behaviour depends on, and
   * only values (no addresses, no padding, no bookkeeping of the last
   * operation), so that equal blobs mean equal states and a blob can be
   * hashed. Optional: a revision that cannot expose its state (a real
   * kernel) leaves the three 0 and cannot be explored.
   */
  size_t state_size;
  void (*save)(const struct dbgref_revision_vcpu* vcpu, void* state);
  void (*load)(struct dbgref_revision_vcpu* vcpu, const void* state);
  /*
   * load(), for a vCPU whose state, saved, differs from state only in the
   * count 64-bit words of the blob listed in words: it does what load()
   * does, touching only those words (and what load() derives from the
   * blob). Optional (NULL): a caller uses load() instead.
   */
  void (*load_words)(struct dbgref_revision_vcpu* vcpu, const void* state,
                     const uint32_t* words, size_t count);
};

#ifdef __cplusplus
}
#endif

#endif /* DBGREF_MODEL_REVISION_H_ */
