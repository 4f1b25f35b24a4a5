/*
 * The VMM's one VM: /dev/kvm, a VM with one memslot of guest RAM, one vCPU
 * with its mmapped kvm_run and its stats fd, and the pristine guest memory
 * image (runtime, END-store filler) that every script's reset restores.
 */
#ifndef DBGREF_ORACLE_VMM_MACHINE_H_
#define DBGREF_ORACLE_VMM_MACHINE_H_

#include <linux/kvm.h>
#include <stddef.h>
#include <stdint.h>

struct machine {
  int kvm;
  int vm;
  int vcpu;
  int stats;          /* KVM_GET_STATS_FD of the vCPU, or -1 */
  uint64_t exits_pos; /* file offset of the `exits` counter in `stats` */
  struct kvm_run *run;
  size_t run_size;
  uint8_t *ram;      /* DBGREF_RAM_SIZE bytes at DBGREF_RAM_BASE */
  uint8_t *pristine; /* what `ram` holds at every reset */
  struct kvm_vcpu_init init;
  /* What the reset must restore: the read-only slot's ranges that write_mem
   * changed since the last reset (all of it after an overflow), and whether
   * the data region may differ from zero. */
  struct {
    uint64_t addr;
    uint64_t len;
  } dirty[32];
  int dirty_count; /* -1: restore the whole read-only slot */
  int data_dirty;
  /* The words of the read-only slot that the VMM changed since the last
   * flush: [stale_lo, stale_hi), empty when equal. */
  uint64_t stale_lo;
  uint64_t stale_hi;
  /* The read-only slot as the guest last rewrote it (at the last flush):
   * what QEMU's translations are of. */
  uint8_t *flushed;
  /* A script since the last reset may have turned guest debug on. */
  int debug_maybe_on;
};

/* Sets up everything. Returns 0, or -1 with a message in `why`. */
int machine_open(struct machine *m, char *why, size_t why_size);

/* The well-defined state every script starts from, in two halves so that
 * the caller loads the script's guest memory in between (the flush must
 * come after every write to guest memory).
 *
 * machine_reset_begin: guest debug off (KVM_SET_GUEST_DEBUG with control 0
 * and a zero arch struct, when the last script may have set it),
 * KVM_ARM_VCPU_INIT, kvm_run.exit_reason = KVM_EXIT_UNKNOWN (a pending MMIO
 * access is abandoned), guest RAM back to the pristine image (the ranges
 * write_mem changed are copied back, the data region is zeroed).
 *
 * machine_reset_end: x28, x29, VBAR_EL1, and ELR_EL1, SPSR_EL1, ESR_EL1 and
 * FAR_EL1 = 0 set (oracle/layout.h), one KVM_RUN of the runtime's flush
 * (DBGREF_FLUSH_ADDR), then PSTATE and PC set. The flush is left out when
 * no code word differs from what the last flush left and data_coherence
 * is 0 (the script neither writes the data region nor reads guest RAM).
 *
 * Both return 0 or the errno of the first step that failed (EIO: the flush
 * did not report). */
int machine_reset_begin(struct machine *m);
int machine_reset_end(struct machine *m, int data_coherence);

/* Copies `len` bytes into guest RAM at `addr` (checked by the caller) and
 * remembers what the next reset must restore. */
void machine_write_ram(struct machine *m, uint64_t addr, const void *src,
                       uint64_t len);

/* Notes that the guest ran, so it may have stored into the data region. */
static inline void machine_guest_ran(struct machine *m) { m->data_dirty = 1; }

/* Installs the signal handler behind every run's timeout. */
void machine_init_timeouts(void);

/* KVM_RUN, bounded: a timer's signal stops it after `ms` (ret -1, errno
 * EINTR, *timed_out = 1). Returns the ioctl's ret; errno as it left it. */
int machine_run(struct machine *m, uint32_t ms, int *timed_out);

/* Stops the timer the last machine_run left armed. */
void machine_disarm(void);

/* The vCPU's `exits` counter, or 0 when there is no stats fd. */
uint64_t machine_exits(const struct machine *m);

int machine_get_reg(const struct machine *m, uint64_t id, uint64_t *value);
int machine_set_reg(const struct machine *m, uint64_t id, uint64_t value);

#endif /* DBGREF_ORACLE_VMM_MACHINE_H_ */
