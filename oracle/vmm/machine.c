/* The VMM's one VM (see machine.h). */
#include "oracle/vmm/machine.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "oracle/layout.h"

/* The runtime image, assembled from runtime.S. */
extern const uint8_t dbgref_runtime_image[];
extern const uint8_t dbgref_runtime_image_end[];

/* ONE_REG ids: core registers by their offset in struct kvm_regs, in
 * 32-bit units; system registers by encoding. */
#define CORE_REG(field)                                  \
  (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
   (offsetof(struct kvm_regs, field) / sizeof(uint32_t)))
#define SYS_REG(op0, op1, crn, crm, op2)                     \
  (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG | \
   ((uint64_t)(op0) << 14) | ((uint64_t)(op1) << 11) |       \
   ((uint64_t)(crn) << 7) | ((uint64_t)(crm) << 3) | (uint64_t)(op2))
#define VBAR_EL1_ID SYS_REG(3, 0, 12, 0, 0)
#define ESR_EL1_ID SYS_REG(3, 0, 5, 2, 0)
#define FAR_EL1_ID SYS_REG(3, 0, 6, 0, 0)

int machine_get_reg(const struct machine *m, uint64_t id, uint64_t *value) {
  struct kvm_one_reg reg = {.id = id, .addr = (uint64_t)(uintptr_t)value};
  return ioctl(m->vcpu, KVM_GET_ONE_REG, &reg) == 0 ? 0 : errno;
}

int machine_set_reg(const struct machine *m, uint64_t id, uint64_t value) {
  struct kvm_one_reg reg = {.id = id, .addr = (uint64_t)(uintptr_t)&value};
  return ioctl(m->vcpu, KVM_SET_ONE_REG, &reg) == 0 ? 0 : errno;
}

static void build_pristine(uint8_t *image) {
  memset(image, 0, DBGREF_RAM_SIZE);
  memcpy(image + DBGREF_VBAR, dbgref_runtime_image,
         (size_t)(dbgref_runtime_image_end - dbgref_runtime_image));
  uint32_t *code = (uint32_t *)(image + DBGREF_CODE_BASE);
  for (size_t i = 0; i < DBGREF_CODE_SIZE / 4; i++)
    code[i] = DBGREF_END_STORE_INSN;
}

/* Finds the vCPU counter named `exits` in the binary stats. */
static void open_stats(struct machine *m) {
  m->stats = -1;
  int fd = ioctl(m->vcpu, KVM_GET_STATS_FD, NULL);
  if (fd < 0) return;
  struct kvm_stats_header h;
  if (pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h)) goto fail;
  size_t desc_size = sizeof(struct kvm_stats_desc) + h.name_size;
  uint8_t *descs = malloc(desc_size * h.num_desc);
  if (descs == NULL) goto fail;
  if (pread(fd, descs, desc_size * h.num_desc, h.desc_offset) !=
      (ssize_t)(desc_size * h.num_desc)) {
    free(descs);
    goto fail;
  }
  for (uint32_t i = 0; i < h.num_desc; i++) {
    struct kvm_stats_desc *d = (struct kvm_stats_desc *)(descs + i * desc_size);
    if (strncmp(d->name, "exits", h.name_size) == 0) {
      m->exits_pos = h.data_offset + d->offset;
      m->stats = fd;
      free(descs);
      return;
    }
  }
  free(descs);
fail:
  close(fd);
}

/* The run in progress, for the timeout's signal handler: it sets
 * immediate_exit, so that KVM_RUN returns -EINTR whether the signal comes
 * before the vCPU enters the guest or while it runs there. */
static struct kvm_run *volatile running;
static volatile sig_atomic_t alarm_fired;

static void on_alarm(int sig) {
  (void)sig;
  alarm_fired = 1;
  if (running != NULL) running->immediate_exit = 1;
}

void machine_init_timeouts(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_alarm; /* no SA_RESTART: KVM_RUN returns EINTR */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
}

static void set_timer(uint32_t ms) {
  struct itimerval t;
  memset(&t, 0, sizeof(t));
  t.it_value.tv_sec = ms / 1000;
  t.it_value.tv_usec = (ms % 1000) * 1000;
  setitimer(ITIMER_REAL, &t, NULL);
}

int machine_run(struct machine *m, uint32_t ms, int *timed_out) {
  /* Arming replaces any earlier expiry, so a signal after this point is
   * this run's own. The timer is left armed after the run (one syscall per
   * run); machine_disarm() stops it at the end of a script. */
  set_timer(ms);
  alarm_fired = 0;
  m->run->immediate_exit = 0;
  running = m->run;
  int ret = ioctl(m->vcpu, KVM_RUN, 0);
  int err = errno;
  running = NULL;
  m->run->immediate_exit = 0;
  *timed_out = ret < 0 && err == EINTR && alarm_fired;
  errno = err;
  return ret;
}

void machine_disarm(void) { set_timer(0); }

uint64_t machine_exits(const struct machine *m) {
  uint64_t v = 0;
  if (m->stats >= 0) {
    if (pread(m->stats, &v, sizeof(v), (off_t)m->exits_pos) != sizeof(v)) v = 0;
  }
  return v;
}

#define FAIL(...)                         \
  do {                                    \
    snprintf(why, why_size, __VA_ARGS__); \
    return -1;                            \
  } while (0)

int machine_open(struct machine *m, char *why, size_t why_size) {
  memset(m, 0, sizeof(*m));
  m->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (m->kvm < 0) FAIL("open /dev/kvm: %s", strerror(errno));
  int api = ioctl(m->kvm, KVM_GET_API_VERSION, 0);
  if (api != KVM_API_VERSION) FAIL("KVM_GET_API_VERSION gave %d", api);
  m->vm = ioctl(m->kvm, KVM_CREATE_VM, 0);
  if (m->vm < 0) FAIL("KVM_CREATE_VM: %s", strerror(errno));
  m->ram = mmap(NULL, DBGREF_RAM_SIZE, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  m->pristine = malloc(DBGREF_RAM_SIZE);
  if (m->ram == MAP_FAILED || m->pristine == NULL) FAIL("out of memory");
  m->flushed = malloc(DBGREF_READONLY_SIZE);
  if (m->flushed == NULL) FAIL("out of memory");
  build_pristine(m->pristine);
  memcpy(m->ram, m->pristine, DBGREF_RAM_SIZE);
  /* Nothing ran yet: QEMU has translated no guest code. */
  memcpy(m->flushed, m->pristine, DBGREF_READONLY_SIZE);
  m->debug_maybe_on = 1;
  struct kvm_userspace_memory_region code = {
      .slot = 0,
      .flags = KVM_MEM_READONLY,
      .guest_phys_addr = DBGREF_RAM_BASE,
      .memory_size = DBGREF_READONLY_SIZE,
      .userspace_addr = (uint64_t)(uintptr_t)m->ram,
  };
  struct kvm_userspace_memory_region data = {
      .slot = 1,
      .guest_phys_addr = DBGREF_RAM_BASE + DBGREF_READONLY_SIZE,
      .memory_size = DBGREF_RAM_SIZE - DBGREF_READONLY_SIZE,
      .userspace_addr = (uint64_t)(uintptr_t)(m->ram + DBGREF_READONLY_SIZE),
  };
  struct kvm_userspace_memory_region alias = {
      .slot = 2,
      .guest_phys_addr = DBGREF_ALIAS_BASE,
      .memory_size = DBGREF_READONLY_SIZE,
      .userspace_addr = (uint64_t)(uintptr_t)m->ram,
  };
  if (ioctl(m->vm, KVM_SET_USER_MEMORY_REGION, &code) != 0 ||
      ioctl(m->vm, KVM_SET_USER_MEMORY_REGION, &data) != 0 ||
      ioctl(m->vm, KVM_SET_USER_MEMORY_REGION, &alias) != 0)
    FAIL("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
  m->vcpu = ioctl(m->vm, KVM_CREATE_VCPU, 0);
  if (m->vcpu < 0) FAIL("KVM_CREATE_VCPU: %s", strerror(errno));
  int size = ioctl(m->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
  if (size <= 0) FAIL("KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
  m->run_size = (size_t)size;
  m->run =
      mmap(NULL, m->run_size, PROT_READ | PROT_WRITE, MAP_SHARED, m->vcpu, 0);
  if (m->run == MAP_FAILED) FAIL("mmap kvm_run: %s", strerror(errno));
  if (ioctl(m->vm, KVM_ARM_PREFERRED_TARGET, &m->init) != 0)
    FAIL("KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
  if (ioctl(m->vcpu, KVM_ARM_VCPU_INIT, &m->init) != 0)
    FAIL("KVM_ARM_VCPU_INIT: %s", strerror(errno));
  open_stats(m);
  return 0;
}

/* Notes that the VMM changed [addr, addr + len) of the read-only slot. */
static void mark_stale(struct machine *m, uint64_t addr, uint64_t len) {
  if (addr >= DBGREF_READONLY_SIZE || len == 0) return;
  uint64_t end = addr + len;
  if (end > DBGREF_READONLY_SIZE) end = DBGREF_READONLY_SIZE;
  addr &= ~3ull;
  end = (end + 3) & ~3ull;
  if (m->stale_lo == m->stale_hi) {
    m->stale_lo = addr;
    m->stale_hi = end;
    return;
  }
  if (addr < m->stale_lo) m->stale_lo = addr;
  if (end > m->stale_hi) m->stale_hi = end;
}

void machine_write_ram(struct machine *m, uint64_t addr, const void *src,
                       uint64_t len) {
  memcpy(m->ram + (addr - DBGREF_RAM_BASE), src, len);
  mark_stale(m, addr, len);
  if (addr + len > DBGREF_READONLY_SIZE) m->data_dirty = 1;
  if (addr >= DBGREF_READONLY_SIZE || m->dirty_count < 0) return;
  if (m->dirty_count == (int)(sizeof(m->dirty) / sizeof(m->dirty[0]))) {
    m->dirty_count = -1;
    return;
  }
  m->dirty[m->dirty_count].addr = addr;
  m->dirty[m->dirty_count].len = len;
  m->dirty_count++;
}

static void restore_ram(struct machine *m) {
  if (m->dirty_count < 0) {
    memcpy(m->ram, m->pristine, DBGREF_READONLY_SIZE);
    mark_stale(m, 0, DBGREF_READONLY_SIZE);
  } else {
    for (int i = 0; i < m->dirty_count; i++) {
      uint64_t a = m->dirty[i].addr;
      uint64_t n = m->dirty[i].len;
      if (a + n > DBGREF_READONLY_SIZE) n = DBGREF_READONLY_SIZE - a;
      memcpy(m->ram + a, m->pristine + a, n);
      mark_stale(m, a, n);
    }
  }
  m->dirty_count = 0;
  if (m->data_dirty) {
    memset(m->ram + DBGREF_DATA_BASE, 0, DBGREF_DATA_SIZE);
    m->data_dirty = 0;
  }
}

int machine_reset_begin(struct machine *m) {
  /* KVM_ARM_VCPU_INIT leaves guest debug as it was; it is on only if the
   * last script set it. */
  if (m->debug_maybe_on) {
    struct kvm_guest_debug off;
    memset(&off, 0, sizeof(off));
    if (ioctl(m->vcpu, KVM_SET_GUEST_DEBUG, &off) != 0) return errno;
    m->debug_maybe_on = 0;
  }
  if (ioctl(m->vcpu, KVM_ARM_VCPU_INIT, &m->init) != 0) return errno;
  /* Abandon the MMIO access the last script's last run may have left:
   * KVM would complete it (and step the PC past it) on the next KVM_RUN
   * while exit_reason still says KVM_EXIT_MMIO. */
  m->run->exit_reason = KVM_EXIT_UNKNOWN;
  restore_ram(m);
  return 0;
}

/* The words of [stale_lo, stale_hi) hold what they held at the last flush:
 * QEMU's translations of them, if any, are of the same code. */
static int stale_range_unchanged(const struct machine *m) {
  return memcmp(m->ram + m->stale_lo, m->flushed + m->stale_lo,
                m->stale_hi - m->stale_lo) == 0;
}

int machine_reset_end(struct machine *m, int data_coherence) {
  int err;
  if ((err = machine_set_reg(m, CORE_REG(regs.regs[DBGREF_REG_EXCEPTION]),
                             DBGREF_MMIO_EXCEPTION)) != 0 ||
      (err = machine_set_reg(m, CORE_REG(regs.regs[DBGREF_REG_END]),
                             DBGREF_MMIO_END)) != 0 ||
      (err = machine_set_reg(m, VBAR_EL1_ID, DBGREF_VBAR)) != 0 ||
      /* KVM_ARM_VCPU_INIT leaves these two as the last script left them. */
      (err = machine_set_reg(m, CORE_REG(elr_el1), 0)) != 0 ||
      (err = machine_set_reg(m, CORE_REG(spsr[KVM_SPSR_EL1]), 0)) != 0 ||
      /* It resets these two to a marker value; the guest starts from 0. */
      (err = machine_set_reg(m, ESR_EL1_ID, 0)) != 0 ||
      (err = machine_set_reg(m, FAR_EL1_ID, 0)) != 0)
    return err;
  if (m->stale_lo != m->stale_hi && stale_range_unchanged(m)) {
    m->stale_lo = m->stale_hi = 0;
  }
  /* Without a code word changed since the last flush, and with no use of
   * the data region by the VMM, the flush has nothing to do for the
   * script (oracle/README.md, "The reset"). */
  if (m->stale_lo == m->stale_hi && !data_coherence) {
    if ((err = machine_set_reg(m, CORE_REG(regs.pstate),
                               DBGREF_START_PSTATE)) != 0)
      return err;
    return machine_set_reg(m, CORE_REG(regs.pc), DBGREF_START_PC);
  }
  if ((err = machine_set_reg(m, CORE_REG(regs.pc), DBGREF_FLUSH_ADDR)) != 0)
    return err;
  /* x24 and x25 are 0 after KVM_ARM_VCPU_INIT: an empty range. */
  if (m->stale_lo != m->stale_hi &&
      ((err = machine_set_reg(m, CORE_REG(regs.regs[24]),
                              DBGREF_ALIAS_BASE + m->stale_lo)) != 0 ||
       (err = machine_set_reg(m, CORE_REG(regs.regs[25]),
                              DBGREF_ALIAS_BASE + m->stale_hi)) != 0))
    return err;
  /* QEMU 7.2 (TCG) keeps running code it translated for the guest after
   * the VMM rewrote it, and showed the guest stale data after a reset
   * (oracle/README.md, "QEMU's stale translations"). The guest's own TLBI
   * VMALLE1 and its own stores over the words the VMM changed drop them. */
  int timed_out;
  if (machine_run(m, 1000, &timed_out) != 0) return errno;
  if (m->run->exit_reason != KVM_EXIT_MMIO ||
      m->run->mmio.phys_addr != DBGREF_MMIO_FLUSHED)
    return EIO;
  memcpy(m->flushed + m->stale_lo, m->ram + m->stale_lo,
         m->stale_hi - m->stale_lo);
  m->stale_lo = m->stale_hi = 0;
  /* Leave the flush's store uncompleted: KVM completes an MMIO access (and
   * steps the PC past it) on the next KVM_RUN only when exit_reason still
   * says KVM_EXIT_MMIO. */
  m->run->exit_reason = KVM_EXIT_UNKNOWN;
  /* The flush ran with KVM_ARM_VCPU_INIT's PSTATE (DAIF all masked), and
   * its compares set NZCV. */
  if ((err = machine_set_reg(m, CORE_REG(regs.pstate), DBGREF_START_PSTATE)) !=
      0)
    return err;
  return machine_set_reg(m, CORE_REG(regs.pc), DBGREF_START_PC);
}
