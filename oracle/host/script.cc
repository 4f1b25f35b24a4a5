// Script building and result description (see script.h).
#include "oracle/host/script.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "oracle/host/one_reg.h"

namespace dbgref::oracle {
namespace {

template <typename T>
void Put(std::vector<uint8_t>& out, T v) {
  uint8_t b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));  // the wire is little-endian, as is x86_64
  out.insert(out.end(), b, b + sizeof(T));
}

const char* OpName(dbgref_opcode op) {
  switch (op) {
    case DBGREF_WIRE_OP_INIT:
      return "init";
    case DBGREF_WIRE_OP_SET_ONE_REG:
      return "set_one_reg";
    case DBGREF_WIRE_OP_GET_ONE_REG:
      return "get_one_reg";
    case DBGREF_WIRE_OP_SET_GUEST_DEBUG:
      return "set_guest_debug";
    case DBGREF_WIRE_OP_CHECK_EXTENSION:
      return "check_extension";
    case DBGREF_WIRE_OP_WRITE_MEM:
      return "write_mem";
    case DBGREF_WIRE_OP_READ_MEM:
      return "read_mem";
    case DBGREF_WIRE_OP_RUN:
      return "run";
    case DBGREF_WIRE_OP_TEST_CRASH:
      return "test_crash";
    case DBGREF_WIRE_OP_TEST_HANG:
      return "test_hang";
  }
  return "?";
}

}  // namespace

Script& Script::Watch(std::vector<uint64_t> ids) {
  watch_ = std::move(ids);
  return *this;
}

Script& Script::Init() {
  ops_.push_back({DBGREF_WIRE_OP_INIT, {}});
  return *this;
}

Script& Script::SetOneReg(uint64_t id, uint64_t value) {
  Op op{DBGREF_WIRE_OP_SET_ONE_REG, {}};
  Put(op.args, id);
  Put(op.args, value);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::GetOneReg(uint64_t id) {
  Op op{DBGREF_WIRE_OP_GET_ONE_REG, {}};
  Put(op.args, id);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::SetGuestDebug(uint32_t control,
                              const kvm_guest_debug_arch& arch) {
  Op op{DBGREF_WIRE_OP_SET_GUEST_DEBUG, {}};
  Put(op.args, control);
  Put(op.args, uint32_t{0});
  const auto* p = reinterpret_cast<const uint8_t*>(&arch);
  op.args.insert(op.args.end(), p, p + sizeof(arch));
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::SetGuestDebug(uint32_t control) {
  kvm_guest_debug_arch arch;
  std::memset(&arch, 0, sizeof(arch));
  return SetGuestDebug(control, arch);
}

Script& Script::CheckExtension(dbgref_fd fd, uint32_t cap) {
  Op op{DBGREF_WIRE_OP_CHECK_EXTENSION, {}};
  Put(op.args, static_cast<uint32_t>(fd));
  Put(op.args, cap);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::WriteMem(uint64_t addr, const std::vector<uint32_t>& words) {
  Op op{DBGREF_WIRE_OP_WRITE_MEM, {}};
  Put(op.args, addr);
  for (uint32_t w : words) Put(op.args, w);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::ReadMem(uint64_t addr, uint32_t len) {
  Op op{DBGREF_WIRE_OP_READ_MEM, {}};
  Put(op.args, addr);
  Put(op.args, len);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::Run(uint32_t timeout_ms) {
  Op op{DBGREF_WIRE_OP_RUN, {}};
  Put(op.args, timeout_ms);
  ops_.push_back(std::move(op));
  return *this;
}

Script& Script::TestCrash() {
  ops_.push_back({DBGREF_WIRE_OP_TEST_CRASH, {}});
  return *this;
}

Script& Script::TestHang() {
  ops_.push_back({DBGREF_WIRE_OP_TEST_HANG, {}});
  return *this;
}

uint64_t Script::RunTimeoutTotalMs() const {
  uint64_t total = 0;
  for (const Op& op : ops_) {
    if (op.opcode != DBGREF_WIRE_OP_RUN) continue;
    uint32_t ms;
    std::memcpy(&ms, op.args.data(), sizeof(ms));
    total += ms ? ms : DBGREF_DEFAULT_RUN_TIMEOUT_MS;
  }
  return total;
}

uint64_t RunResult::Reg(uint64_t id) const {
  for (const RegValue& r : regs) {
    if (r.id == id) return r.value;
  }
  std::fprintf(stderr, "dbgref: %s was not watched\n",
               one_reg::Name(id).c_str());
  std::abort();
}

std::string Describe(const ScriptResult& r) {
  std::string s;
  if (r.reset_errno != 0) {
    absl::StrAppend(&s, "reset failed: errno ", r.reset_errno, "\n");
  }
  for (size_t i = 0; i < r.results.size(); ++i) {
    const OpResult& o = r.results[i];
    absl::StrAppendFormat(&s, "%2d %-15s ret=%d err=%d", i, OpName(o.opcode),
                          o.ret, o.err);
    if (o.opcode == DBGREF_WIRE_OP_GET_ONE_REG) {
      absl::StrAppendFormat(&s, " value=0x%x", o.value);
    }
    if (o.opcode == DBGREF_WIRE_OP_RUN) {
      const RunResult& run = o.run;
      absl::StrAppendFormat(&s, " exit=%d", run.exit_reason);
      if (run.timed_out) absl::StrAppend(&s, " TIMEOUT");
      if (run.exit_reason == 4) {
        absl::StrAppendFormat(
            &s, " hsr=0x%x (EC 0x%x) hsr_high=0x%x far=0x%x flags=0x%x",
            run.hsr, run.hsr >> 26, run.hsr_high, run.far, run.run_flags);
      }
      if (run.exit_reason == 6) {
        absl::StrAppendFormat(&s, " mmio=0x%x len=%d write=%d data=0x%x",
                              run.mmio_phys_addr, run.mmio_len,
                              run.mmio_is_write, run.mmio_data);
      }
      absl::StrAppendFormat(&s, " exits+%d", run.exits_delta);
      for (const RegValue& v : run.regs) {
        absl::StrAppendFormat(&s, " %s=%s0x%x", one_reg::Name(v.id),
                              v.err ? absl::StrCat("(err ", v.err, ")") : "",
                              v.value);
      }
    }
    if (o.opcode == DBGREF_WIRE_OP_READ_MEM) {
      absl::StrAppend(&s, " bytes=");
      for (uint8_t b : o.bytes) absl::StrAppendFormat(&s, "%02x", b);
    }
    s += "\n";
  }
  return s;
}

}  // namespace dbgref::oracle
