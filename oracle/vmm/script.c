/* The VMM's script interpreter (see script.h). */
#include "oracle/vmm/script.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "oracle/layout.h"
#include "oracle/wire_format.h"

#define MAX_WATCH 64

/* Starts a result record; returns the offset of its length field. */
static size_t begin(struct writer *out, uint16_t opcode, int32_t ret,
                    int32_t err) {
  writer_u16(out, opcode);
  writer_u16(out, 0);
  size_t at = out->len;
  writer_u32(out, 0);
  writer_u32(out, (uint32_t)ret);
  writer_u32(out, (uint32_t)err);
  return at;
}

static void end(struct writer *out, size_t at) {
  uint32_t len = (uint32_t)(out->len - at - 4);
  memcpy(out->data + at, &len, 4);
}

static void result(struct writer *out, uint16_t opcode, int ret, int err) {
  end(out, begin(out, opcode, ret, ret < 0 ? err : 0));
}

static int in_ram(uint64_t addr, uint64_t len) {
  /* RAM starts at 0 (DBGREF_RAM_BASE). */
  return len <= DBGREF_RAM_SIZE && addr <= DBGREF_RAM_SIZE - len;
}

/* The `exits` counter after the last run (or the reset): it changes only
 * inside KVM_RUN, so one read per run gives the delta. */
static uint64_t exits_seen;

static void op_run(struct machine *m, struct reader *args,
                   const uint64_t *watch, uint32_t watch_count,
                   struct writer *out) {
  uint32_t ms = reader_u32(args);
  if (ms == 0) ms = DBGREF_DEFAULT_RUN_TIMEOUT_MS;
  struct dbgref_run_body b;
  memset(&b, 0, sizeof(b));
  machine_guest_ran(m);
  int timed_out;
  int ret = machine_run(m, ms, &timed_out);
  int err = errno;
  uint64_t exits = machine_exits(m);
  b.exits_delta = exits - exits_seen;
  exits_seen = exits;
  b.ret = ret;
  b.err = ret < 0 ? err : 0;
  b.timed_out = (uint32_t)timed_out;
  b.exit_reason = m->run->exit_reason;
  b.run_flags = m->run->flags;
  if (ret == 0 && m->run->exit_reason == KVM_EXIT_DEBUG) {
    b.hsr = m->run->debug.arch.hsr;
    b.hsr_high = m->run->debug.arch.hsr_high;
    b.far = m->run->debug.arch.far;
  } else if (ret == 0 && m->run->exit_reason == KVM_EXIT_MMIO) {
    b.mmio_phys_addr = m->run->mmio.phys_addr;
    memcpy(&b.mmio_data, m->run->mmio.data, sizeof(b.mmio_data));
    b.mmio_len = m->run->mmio.len;
    b.mmio_is_write = m->run->mmio.is_write;
  }
  writer_u16(out, DBGREF_WIRE_OP_RUN);
  writer_u16(out, 0);
  writer_u32(out, (uint32_t)(sizeof(b) +
                             watch_count * sizeof(struct dbgref_reg_value)));
  writer_put(out, &b, sizeof(b));
  for (uint32_t i = 0; i < watch_count; i++) {
    struct dbgref_reg_value v = {0, 0, 0};
    v.err = machine_get_reg(m, watch[i], &v.value);
    writer_put(out, &v, sizeof(v));
  }
}

/* Runs one op; returns 0, or -1 when its arguments are malformed. */
static int run_op(struct machine *m, uint16_t opcode, struct reader *args,
                  const uint64_t *watch, uint32_t watch_count,
                  struct writer *out) {
  int ret;
  switch (opcode) {
    case DBGREF_WIRE_OP_INIT:
      ret = ioctl(m->vcpu, KVM_ARM_VCPU_INIT, &m->init);
      result(out, opcode, ret, errno);
      /* A reset abandons an MMIO access the guest's last exit left: KVM
       * would complete it (and step the new PC past it) on the next
       * KVM_RUN while exit_reason still says KVM_EXIT_MMIO; the vCPU's
       * reset does not cancel it (oracle/README.md, "Traces"). */
      if (ret == 0) m->run->exit_reason = KVM_EXIT_UNKNOWN;
      return 0;
    case DBGREF_WIRE_OP_SET_ONE_REG: {
      uint64_t id = reader_u64(args);
      uint64_t value = reader_u64(args);
      if (args->bad) return -1;
      int err = machine_set_reg(m, id, value);
      result(out, opcode, err ? -1 : 0, err);
      return 0;
    }
    case DBGREF_WIRE_OP_GET_ONE_REG: {
      uint64_t id = reader_u64(args);
      if (args->bad) return -1;
      uint64_t value = 0;
      int err = machine_get_reg(m, id, &value);
      size_t at = begin(out, opcode, err ? -1 : 0, err);
      writer_u64(out, value);
      end(out, at);
      return 0;
    }
    case DBGREF_WIRE_OP_SET_GUEST_DEBUG: {
      struct kvm_guest_debug dbg;
      memset(&dbg, 0, sizeof(dbg));
      dbg.control = reader_u32(args);
      reader_u32(args);
      const void *arch = reader_take(args, sizeof(dbg.arch));
      if (args->bad) return -1;
      memcpy(&dbg.arch, arch, sizeof(dbg.arch));
      m->debug_maybe_on = 1;
      ret = ioctl(m->vcpu, KVM_SET_GUEST_DEBUG, &dbg);
      result(out, opcode, ret, errno);
      return 0;
    }
    case DBGREF_WIRE_OP_CHECK_EXTENSION: {
      uint32_t which = reader_u32(args);
      uint32_t cap = reader_u32(args);
      if (args->bad) return -1;
      int fd = which == DBGREF_FD_SYSTEM ? m->kvm
               : which == DBGREF_FD_VM   ? m->vm
                                         : m->vcpu;
      ret = ioctl(fd, KVM_CHECK_EXTENSION, (unsigned long)cap);
      result(out, opcode, ret, errno);
      return 0;
    }
    case DBGREF_WIRE_OP_WRITE_MEM: {
      /* Applied at the reset (load_program); here only its result. */
      uint64_t addr = reader_u64(args);
      if (args->bad || (args->len - args->pos) % 4 != 0) return -1;
      size_t len = args->len - args->pos;
      if (!in_ram(addr, len)) {
        result(out, opcode, DBGREF_RET_VMM_ERROR, EFAULT);
        return 0;
      }
      result(out, opcode, 0, 0);
      return 0;
    }
    case DBGREF_WIRE_OP_READ_MEM: {
      uint64_t addr = reader_u64(args);
      uint32_t len = reader_u32(args);
      if (args->bad) return -1;
      if (!in_ram(addr, len)) {
        result(out, opcode, DBGREF_RET_VMM_ERROR, EFAULT);
        return 0;
      }
      size_t at = begin(out, opcode, 0, 0);
      writer_put(out, m->ram + (addr - DBGREF_RAM_BASE), len);
      end(out, at);
      return 0;
    }
    case DBGREF_WIRE_OP_RUN:
      op_run(m, args, watch, watch_count, out);
      return args->bad ? -1 : 0;
    case DBGREF_WIRE_OP_TEST_CRASH:
      fprintf(stderr, "dbgref-vmm: test-only crash op\n");
      *(volatile int *)0 = 1;
      return 0;
    case DBGREF_WIRE_OP_TEST_HANG:
      fprintf(stderr, "dbgref-vmm: test-only hang op\n");
      for (;;) pause();
    default:
      return -1;
  }
}

/* Writes every write_mem op's words into guest RAM, before the reset's
 * translation flush: the guest program is loaded at the reset, whatever the
 * op's place in the script (see oracle/README.md). Returns whether the
 * script uses the data region from the VMM's side (a write_mem there, or a
 * read_mem): then the flush runs whatever changed. */
static int load_program(struct machine *m, struct reader ops,
                        uint32_t op_count) {
  int data = 0;
  for (uint32_t i = 0; i < op_count; i++) {
    uint16_t opcode = reader_u16(&ops);
    reader_u16(&ops);
    uint32_t len = reader_u32(&ops);
    const uint8_t *p = reader_take(&ops, len);
    if (ops.bad) return 1;
    if (opcode == DBGREF_WIRE_OP_READ_MEM) data = 1;
    if (opcode != DBGREF_WIRE_OP_WRITE_MEM || len < 8 || (len - 8) % 4 != 0)
      continue;
    uint64_t addr;
    memcpy(&addr, p, 8);
    if (addr + (len - 8) > DBGREF_READONLY_SIZE) data = 1;
    if (in_ram(addr, len - 8)) machine_write_ram(m, addr, p + 8, len - 8);
  }
  return data;
}

static int run_script(struct machine *m, struct reader *in,
                      struct writer *out) {
  uint32_t op_count = reader_u32(in);
  uint32_t watch_count = reader_u32(in);
  if (in->bad || watch_count > MAX_WATCH) return -1;
  uint64_t watch[MAX_WATCH];
  for (uint32_t i = 0; i < watch_count; i++) watch[i] = reader_u64(in);
  if (in->bad) return -1;
  int reset = machine_reset_begin(m);
  if (reset == 0) {
    reset = machine_reset_end(m, load_program(m, *in, op_count));
  }
  exits_seen = machine_exits(m);
  writer_u32(out, (uint32_t)reset);
  size_t count_at = out->len;
  writer_u32(out, 0);
  uint32_t done = 0;
  for (uint32_t i = 0; i < op_count; i++) {
    uint16_t opcode = reader_u16(in);
    reader_u16(in);
    uint32_t len = reader_u32(in);
    const void *p = reader_take(in, len);
    if (in->bad) return -1;
    if (reset != 0) continue;
    struct reader args = {p, len, 0, 0};
    if (run_op(m, opcode, &args, watch, watch_count, out) != 0) {
      fprintf(stderr, "dbgref-vmm: malformed op %u (opcode %u)\n", i, opcode);
      return -1;
    }
    done++;
  }
  machine_disarm();
  memcpy(out->data + count_at, &done, 4);
  return 0;
}

int script_run_batch(struct machine *m, struct reader *in, struct writer *out) {
  writer_reset(out);
  uint32_t count = reader_u32(in);
  writer_u32(out, count);
  for (uint32_t i = 0; i < count; i++) {
    if (run_script(m, in, out) != 0) {
      fprintf(stderr, "dbgref-vmm: malformed script %u of the batch\n", i);
      return -1;
    }
  }
  if (in->pos != in->len) {
    fprintf(stderr, "dbgref-vmm: %zu trailing bytes in the batch\n",
            in->len - in->pos);
    return -1;
  }
  return 0;
}
