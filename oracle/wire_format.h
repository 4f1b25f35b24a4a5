/*
 * The wire format between the host side and the VMM: frames, the script
 * operations a batch carries, and the result records the VMM answers with.
 * Shared by the aarch64 VMM (C) and the host side (C++); every number is
 * little-endian. oracle/README.md describes the format in prose.
 *
 * A frame is a 16-byte header, then `length` bytes of payload:
 *   u32 magic, u16 version, u16 type, u32 length, u32 crc32 (of the payload)
 * A receiver rejects a frame whose magic, version or type is unknown, whose
 * length exceeds DBGREF_WIRE_MAX_PAYLOAD, or whose checksum is wrong.
 */
#ifndef DBGREF_ORACLE_WIRE_FORMAT_H_
#define DBGREF_ORACLE_WIRE_FORMAT_H_

#include <stdint.h>

#define DBGREF_WIRE_MAGIC 0x52474244u /* "DBGR" */
#define DBGREF_WIRE_VERSION 1u
#define DBGREF_WIRE_HEADER_SIZE 16u
#define DBGREF_WIRE_MAX_PAYLOAD (64u << 20)

/* Frame types. */
enum dbgref_frame_type {
  /* VMM to host, once: key=value lines (uname, KVM facts). */
  DBGREF_FRAME_READY = 1,
  /* Host to VMM: u32 count, then that many scripts. */
  DBGREF_FRAME_BATCH = 2,
  /* VMM to host: u32 count, then one script result per script. */
  DBGREF_FRAME_RESULTS = 3,
  /* Host to VMM: power off. No payload. */
  DBGREF_FRAME_BYE = 4,
  /* VMM to host: a fatal error, as text, before it powers off. */
  DBGREF_FRAME_FATAL = 5,
};

/*
 * A script:
 *   u32 op_count, u32 watch_count, u64 watch_ids[watch_count],
 *   then op_count ops, each: u16 opcode, u16 zero, u32 arg_length, args.
 * watch_ids are the ONE_REG ids read after every `run`.
 *
 * A script result:
 *   u32 reset_errno (0: the reset worked; otherwise the ops did not run),
 *   u32 result_count,
 *   then result_count results, each: u16 opcode, u16 zero, u32 body_length,
 *   body. Every body starts with i32 ret, i32 err (errno after a failed
 *   ioctl, else 0).
 */
enum dbgref_opcode {
  /* KVM_ARM_VCPU_INIT with the preferred target, no features. No args. */
  DBGREF_WIRE_OP_INIT = 1,
  /* Args: u64 id, u64 value. */
  DBGREF_WIRE_OP_SET_ONE_REG = 2,
  /* Args: u64 id. Body: ret, err, u64 value. */
  DBGREF_WIRE_OP_GET_ONE_REG = 3,
  /* Args: u32 control, u32 zero, u64 bcr[16], bvr[16], wcr[16], wvr[16]. */
  DBGREF_WIRE_OP_SET_GUEST_DEBUG = 4,
  /* Args: u32 fd (DBGREF_FD_*), u32 cap. Body: ret (the value), err. */
  DBGREF_WIRE_OP_CHECK_EXTENSION = 5,
  /* Args: u64 guest address, u32 words... Body: ret, err. */
  DBGREF_WIRE_OP_WRITE_MEM = 6,
  /* Args: u64 guest address, u32 length. Body: ret, err, bytes. */
  DBGREF_WIRE_OP_READ_MEM = 7,
  /* Args: u32 timeout in ms (0: DBGREF_DEFAULT_RUN_TIMEOUT_MS).
   * Body: struct dbgref_run_body, then watch_count struct dbgref_reg_value. */
  DBGREF_WIRE_OP_RUN = 8,
  /* Test-only: the VMM dereferences a null pointer and dies. */
  DBGREF_WIRE_OP_TEST_CRASH = 0x7e,
  /* Test-only: the VMM stops answering, forever. */
  DBGREF_WIRE_OP_TEST_HANG = 0x7f,
};

/* Where KVM_CHECK_EXTENSION is asked. */
enum dbgref_fd {
  DBGREF_FD_SYSTEM = 0, /* /dev/kvm */
  DBGREF_FD_VM = 1,
  DBGREF_FD_VCPU = 2,
};

#define DBGREF_DEFAULT_RUN_TIMEOUT_MS 1000u

/* An error of the VMM itself, not of an ioctl: the op's arguments were
 * malformed (err = EINVAL) or out of the guest's RAM (err = EFAULT). */
#define DBGREF_RET_VMM_ERROR (-2)

/* The fixed part of a `run` result body (72 bytes). */
struct dbgref_run_body {
  int32_t ret;
  int32_t err;
  uint32_t timed_out;   /* 1: the run's timeout stopped it (ret -1, EINTR) */
  uint32_t exit_reason; /* kvm_run.exit_reason */
  /* KVM_EXIT_DEBUG: kvm_run.debug.arch; zero otherwise. */
  uint32_t hsr;
  uint32_t hsr_high;
  uint64_t far;
  uint64_t run_flags; /* kvm_run.flags */
  /* KVM_EXIT_MMIO: kvm_run.mmio; zero otherwise. */
  uint64_t mmio_phys_addr;
  uint64_t mmio_data; /* the bytes as stored, little-endian */
  uint32_t mmio_len;
  uint32_t mmio_is_write;
  /* The vCPU stats counter `exits` after the run minus before it. */
  uint64_t exits_delta;
};
#ifdef __cplusplus
static_assert(sizeof(struct dbgref_run_body) == 72, "run body layout");
#else
_Static_assert(sizeof(struct dbgref_run_body) == 72, "run body layout");
#endif

/* One watched register after a run. */
struct dbgref_reg_value {
  int32_t err; /* 0, or errno of KVM_GET_ONE_REG */
  uint32_t zero;
  uint64_t value;
};

#endif /* DBGREF_ORACLE_WIRE_FORMAT_H_ */
