// Helpers for the port's unit tests: host configurations, guest actions
// (from the trace's operation builders, trace/trace.h), and a vCPU that
// destroys itself.
#ifndef DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_
#define DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "model/arch/registers.h"
#include "model/record.h"
#include "model/uapi.h"
#include "port/driver.h"
#include "trace/trace.h"

namespace dbgref_port_test {

// The host's own debug registers: recognisable, never the guest's.
inline uint64_t HostReg(int bank, int i) {
  return 0x5a5a000000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}

inline dbgref_host MakeHost(int brps = 6, int wrps = 4) {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 =
      (uint64_t(brps - 1) << DBGREF_DFR0_BRPS_SHIFT) |
      (uint64_t(wrps - 1) << DBGREF_DFR0_WRPS_SHIFT) | 0x6;
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
    h.host_regs.dbg_bcr[i] = HostReg(0, i);
    h.host_regs.dbg_bvr[i] = HostReg(1, i);
    h.host_regs.dbg_wcr[i] = HostReg(2, i);
    h.host_regs.dbg_wvr[i] = HostReg(3, i);
  }
  return h;
}

// Userspace's register set: bank b, index i.
inline uint64_t UserReg(int bank, int i) {
  return 0x0000700000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}

inline kvm_guest_debug MakeDebug(uint32_t control) {
  kvm_guest_debug d;
  std::memset(&d, 0, sizeof(d));
  d.control = control;
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
    d.arch.dbg_bcr[i] = UserReg(0, i);
    d.arch.dbg_bvr[i] = UserReg(1, i);
    d.arch.dbg_wcr[i] = UserReg(2, i);
    d.arch.dbg_wvr[i] = UserReg(3, i);
  }
  return d;
}

inline dbgref_action Access(uint32_t reg_kind, uint32_t index, bool is_write,
                            uint64_t value = 0) {
  dbgref_action a = dbgref::trace::GuestReadOp(reg_kind, index).action;
  a.is_write = is_write;
  a.value = value;
  return a;
}

// An exception of class ec with IL set and the given ISS.
inline dbgref_action Exception(uint32_t ec, uint64_t pc, uint64_t far = 0,
                               uint32_t iss = 0) {
  return dbgref::trace::GuestExceptionOp(
             (ec << DBGREF_ESR_EC_SHIFT) | (1u << 25) | iss, pc, far)
      .action;
}

// An ordinary exit (WFI): the guest runs and comes back.
inline dbgref_action Idle() { return Exception(DBGREF_EC_WFX, 0x1000); }

// A vCPU of one revision.
class Vcpu {
 public:
  Vcpu(const dbgref_port* port, const dbgref_host& host)
      : port_(port), vcpu_(port->create(&host)) {}
  ~Vcpu() { port_->destroy(vcpu_); }
  Vcpu(const Vcpu&) = delete;
  Vcpu& operator=(const Vcpu&) = delete;

  int64_t SetGuestDebug(const kvm_guest_debug& d) {
    return dbgref_port_set_guest_debug(port_, vcpu_, &d);
  }
  int64_t SetGuestDebug(uint32_t control) {
    return SetGuestDebug(MakeDebug(control));
  }
  int64_t CheckExtension(uint32_t cap) {
    return dbgref_port_check_extension(port_, vcpu_, cap);
  }
  dbgref_obs Step(const dbgref_op& op) {
    dbgref_obs o;
    port_->step(vcpu_, &op, &o);
    return o;
  }
  dbgref_obs Run(const dbgref_action& a) {
    dbgref_obs o;
    dbgref_port_run(port_, vcpu_, &a, &o);
    return o;
  }
  dbgref_obs Write(uint32_t kind, uint32_t index, uint64_t value) {
    return Run(Access(kind, index, true, value));
  }
  dbgref_obs Read(uint32_t kind, uint32_t index) {
    return Run(Access(kind, index, false));
  }

 private:
  const dbgref_port* port_;
  dbgref_port_vcpu* vcpu_;
};

inline bool ObsEqual(const dbgref_obs& a, const dbgref_obs& b) {
  return std::memcmp(&a, &b, sizeof(a)) == 0;
}

inline std::string PortName(const dbgref_port* p) {
  std::string s = p->name;
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

constexpr uint64_t kAlways = DBGREF_MDCR_ALWAYS_BITS;

}  // namespace dbgref_port_test

#endif  // DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_
