// A script of KVM ioctls for the VMM to run from a fresh vCPU reset, and
// what it saw: the host side's view of oracle/wire_format.h. Build a
// Script with the chained adders; the Oracle returns one ScriptResult per
// Script, with one OpResult per op, in order.
#ifndef DBGREF_ORACLE_HOST_SCRIPT_H_
#define DBGREF_ORACLE_HOST_SCRIPT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/uapi.h"
#include "oracle/wire_format.h"

namespace dbgref::oracle {

struct Op {
  dbgref_opcode opcode;
  std::vector<uint8_t> args;  // as on the wire
};

class Script {
 public:
  // ONE_REG ids that every `run` result carries, read after the run.
  Script& Watch(std::vector<uint64_t> ids);
  Script& Init();
  Script& SetOneReg(uint64_t id, uint64_t value);
  Script& GetOneReg(uint64_t id);
  Script& SetGuestDebug(uint32_t control, const kvm_guest_debug_arch& arch);
  Script& SetGuestDebug(uint32_t control);  // with a zero arch struct
  Script& CheckExtension(dbgref_fd fd, uint32_t cap);
  Script& WriteMem(uint64_t addr, const std::vector<uint32_t>& words);
  Script& ReadMem(uint64_t addr, uint32_t len);
  // timeout_ms 0 is the VMM's default (DBGREF_DEFAULT_RUN_TIMEOUT_MS).
  Script& Run(uint32_t timeout_ms = 0);
  Script& TestCrash();  // test-only: the VMM dies
  Script& TestHang();   // test-only: the VMM stops answering

  const std::vector<uint64_t>& watch() const { return watch_; }
  const std::vector<Op>& ops() const { return ops_; }
  // The sum of the ops' run timeouts, defaults counted, in ms.
  uint64_t RunTimeoutTotalMs() const;

 private:
  std::vector<uint64_t> watch_;
  std::vector<Op> ops_;
};

struct RegValue {
  uint64_t id = 0;
  int32_t err = 0;  // 0, or errno of KVM_GET_ONE_REG
  uint64_t value = 0;
};

struct RunResult {
  bool timed_out = false;
  uint32_t exit_reason = 0;
  uint32_t hsr = 0;
  uint32_t hsr_high = 0;
  uint64_t far = 0;
  uint64_t run_flags = 0;
  uint64_t mmio_phys_addr = 0;
  uint64_t mmio_data = 0;
  uint32_t mmio_len = 0;
  bool mmio_is_write = false;
  uint64_t exits_delta = 0;
  std::vector<RegValue> regs;  // the script's watched ids, in order

  // The watched register `id`; dies when it was not watched.
  uint64_t Reg(uint64_t id) const;
};

struct OpResult {
  dbgref_opcode opcode = DBGREF_WIRE_OP_INIT;
  int32_t ret = 0;
  int32_t err = 0;
  uint64_t value = 0;          // get_one_reg
  std::vector<uint8_t> bytes;  // read_mem
  RunResult run;               // run
};

struct ScriptResult {
  int32_t reset_errno = 0;  // non-zero: the reset failed, no op ran
  std::vector<OpResult> results;
};

// One line per op, for test failure messages and reports.
std::string Describe(const ScriptResult& r);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_SCRIPT_H_
