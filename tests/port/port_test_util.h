// Helpers for the port's unit tests: hosts, programs and register values
// (from the trace's builders, trace/trace.h), a vCPU of a revision that
// destroys itself, the model's vCPU beside it, and the comparison of what
// the two observe.
#ifndef DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_
#define DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "model/uapi.h"
#include "port/driver.h"
#include "trace/trace.h"

namespace dbgref_port_test {

namespace trace = ::dbgref::trace;
namespace model = ::dbgref::model;

inline const dbgref_revision* const kRevisions[] = {
    &dbgref_port_v2, &dbgref_port_v2_review, &dbgref_port_final};

inline std::string PortName(const dbgref_revision* p) {
  std::string s = p->name;
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

inline bool IsFinal(const dbgref_revision* p) {
  return p == &dbgref_port_final;
}

// The host's own debug registers: recognisable, never the guest's.
inline uint64_t HostReg(int bank, int i) {
  return 0x5a5a000000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}

inline dbgref_host MakeHost(int brps = 6, int wrps = 4) {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 = (uint64_t(brps - 1) << DBGREF_DFR0_BRPS_SHIFT) |
                      (uint64_t(wrps - 1) << DBGREF_DFR0_WRPS_SHIFT) | 0x6;
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
    h.host_regs.dbg_bcr[i] = HostReg(0, i);
    h.host_regs.dbg_bvr[i] = HostReg(1, i);
    h.host_regs.dbg_wcr[i] = HostReg(2, i);
    h.host_regs.dbg_wvr[i] = HostReg(3, i);
  }
  return h;
}

// Lines at DBGREF_CODE_BASE, DBGREF_CODE_BASE + 4, ...
inline dbgref_program Program(std::initializer_list<dbgref_insn> insns) {
  dbgref_program p{};
  for (const dbgref_insn& i : insns) trace::AddLine(p, i);
  return p;
}

// The address of line n of such a program.
constexpr uint64_t Line(int n) { return DBGREF_CODE_BASE + 4 * uint64_t(n); }

// Realistic control values: an enabled breakpoint on an A64 instruction at
// EL1 and EL0 (E, PMC 0b11, BAS 0b1111), and an enabled watchpoint on
// loads and stores of the whole doubleword at EL1 and EL0 (E, PAC 0b11,
// LSC 0b11, BAS 0xff), or on its stores or loads only (LSC 0b10, 0b01).
constexpr uint64_t kBcrOn = (1 << 0) | (3 << 1) | (0xf << 5);
constexpr uint64_t kWcrOn = (1 << 0) | (3 << 1) | (3 << 3) | (0xff << 5);
constexpr uint64_t kWcrStores = (1 << 0) | (3 << 1) | (2 << 3) | (0xff << 5);
constexpr uint64_t kWcrLoads = (1 << 0) | (3 << 1) | (1 << 3) | (0xff << 5);
static_assert(kBcrOn == 0x1e7 && kWcrOn == 0x1fff && kWcrStores == 0x1ff7);

constexpr uint32_t kUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kSingleStep =
    KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;
constexpr uint64_t kAlways = DBGREF_MDCR_ALWAYS_BITS;

inline uint64_t Esr(uint32_t ec, uint64_t iss) {
  return (uint64_t(ec) << DBGREF_ESR_EC_SHIFT) | DBGREF_ESR_IL | iss;
}
// The syndromes of the debug exits.
inline uint64_t StepEsr(bool isv) {
  return Esr(DBGREF_EC_SOFTSTP_LOW,
             DBGREF_ESR_DEBUG_FSC | (isv ? DBGREF_ESR_STEP_ISV : 0));
}
inline uint64_t BreakpointEsr() {
  return Esr(DBGREF_EC_BREAKPT_LOW, DBGREF_ESR_DEBUG_FSC);
}
inline uint64_t WatchpointEsr(bool store) {
  return Esr(DBGREF_EC_WATCHPT_LOW,
             DBGREF_ESR_DEBUG_FSC | (store ? DBGREF_ESR_WNR : 0));
}

// Userspace's breakpoint n at addr (and nothing else), for USE_HW.
inline kvm_guest_debug_arch HwBreakpoint(int n, uint64_t addr) {
  kvm_guest_debug_arch a{};
  a.dbg_bcr[n] = kBcrOn;
  a.dbg_bvr[n] = addr;
  return a;
}
inline kvm_guest_debug_arch HwWatchpoint(int n, uint64_t addr,
                                         uint64_t wcr = kWcrOn) {
  kvm_guest_debug_arch a{};
  a.dbg_wcr[n] = wcr;
  a.dbg_wvr[n] = addr;
  return a;
}

// Userspace's register set: bank b, index i; recognisable values that
// match nothing.
inline uint64_t UserReg(int bank, int i) {
  return 0x0000700000000000ull | (uint64_t(bank) << 8) | uint64_t(i);
}
inline kvm_guest_debug_arch UserRegs() {
  kvm_guest_debug_arch a{};
  for (int i = 0; i < KVM_ARM_MAX_DBG_REGS; i++) {
    a.dbg_bcr[i] = UserReg(0, i);
    a.dbg_bvr[i] = UserReg(1, i);
    a.dbg_wcr[i] = UserReg(2, i);
    a.dbg_wvr[i] = UserReg(3, i);
  }
  return a;
}

using Obs = std::vector<dbgref_obs>;

// A vCPU of one revision.
class Vcpu {
 public:
  Vcpu(const dbgref_revision* port, const dbgref_host& host,
       const dbgref_program& program = {})
      : port_(port), vcpu_(port->create(&host, &program)) {}
  ~Vcpu() { port_->destroy(vcpu_); }
  Vcpu(const Vcpu&) = delete;
  Vcpu& operator=(const Vcpu&) = delete;

  Obs Do(const dbgref_op& op) {
    Obs o(DBGREF_MAX_OBS_PER_OP);
    // Garbage where step() must write zeros.
    std::memset(o.data(), 0xa5, o.size() * sizeof(dbgref_obs));
    o.resize(port_->step(vcpu_, &op, o.data()));
    return o;
  }
  // The single observation of an ioctl.
  dbgref_obs Ioctl(const dbgref_op& op) { return Do(op).at(0); }
  int64_t SetGuestDebug(uint32_t control,
                        const kvm_guest_debug_arch& arch = {}) {
    return Ioctl(trace::SetGuestDebugOp(control, arch)).ret;
  }
  int64_t CheckExtension(uint32_t cap) {
    return Ioctl(trace::CheckExtensionOp(cap)).ret;
  }
  uint64_t Get(uint32_t reg, uint32_t index = 0) {
    return Ioctl(trace::GetOneRegOp(reg, index)).value;
  }
  int64_t Set(uint32_t reg, uint32_t index, uint64_t value) {
    return Ioctl(trace::SetOneRegOp(reg, index, value)).ret;
  }
  Obs Run() { return Do(trace::RunOp()); }
  // The EXIT that ends a KVM_RUN.
  dbgref_obs RunToExit() { return Run().back(); }
  void Reset(const dbgref_host& host, const dbgref_program& program) {
    port_->reset(vcpu_, &host, &program);
  }
  dbgref_revision_vcpu* raw() { return vcpu_; }

 private:
  const dbgref_revision* port_;
  dbgref_revision_vcpu* vcpu_;
};

// The model's vCPU on the same host and program.
class ModelVcpu {
 public:
  ModelVcpu(const dbgref_host& host, const dbgref_program& program = {})
      : host_(model::FromRecord(host)),
        program_(model::FromRecord(program)),
        state_(model::Reset(host)) {}
  Obs Do(const dbgref_op& op) {
    Obs o(DBGREF_MAX_OBS_PER_OP);
    o.resize(model::StepInPlace(host_, program_, state_, op, o.data()));
    return o;
  }

 private:
  model::ConcreteHost host_;
  model::ConcreteProgram program_;
  model::ConcreteVcpu state_;
};

inline const char* StepName(uint32_t step) {
  switch (step) {
    case DBGREF_STEP_IOCTL:
      return "IOCTL";
    case DBGREF_STEP_ENTER:
      return "ENTER";
    case DBGREF_STEP_GUEST:
      return "GUEST";
    case DBGREF_STEP_EXIT:
      return "EXIT";
  }
  return "?";
}

// Every place where two observation sequences of one operation differ,
// one line each: "step 2 EXIT exit_pc: 0x10004 != 0x10000" (port first).
inline std::vector<std::string> Differences(const Obs& port, const Obs& ref) {
  std::vector<std::string> out;
  if (port.size() != ref.size())
    out.push_back("steps: " + std::to_string(port.size()) +
                  " != " + std::to_string(ref.size()));
  for (size_t i = 0; i < port.size() && i < ref.size(); i++) {
    for (const model::FieldDifference& d :
         model::ObsDifferences(port[i], ref[i]))
      out.push_back("step " + std::to_string(i) + " " +
                    StepName(ref[i].step) + " " + d.field + ": " + d.a +
                    " != " + d.b);
  }
  return out;
}

inline std::string Join(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += l + "\n";
  return s;
}

// 4.2's skip after an emulated MRS or MSR happens in handle_exit, the
// model's at the next entry (spec/decisions.md, "Single-step counts
// completed instructions"): the EXIT that sends the guest back after an
// emulation shows the PC past the instruction on every revision, the
// trapped instruction's PC in the model. Checks that this is the only
// difference at such an EXIT and takes it out of port.
inline void ExpectSkipInHandleExit(Obs& port, const Obs& ref,
                                   std::vector<std::string>& unexpected) {
  for (size_t i = 1; i < port.size() && i < ref.size(); i++) {
    dbgref_obs& p = port[i];
    const dbgref_obs& r = ref[i];
    const dbgref_obs& g = ref[i - 1];
    const bool emulated = r.step == DBGREF_STEP_EXIT && r.exit_reason == 0 &&
                          !r.undef && g.step == DBGREF_STEP_GUEST &&
                          (g.esr >> DBGREF_ESR_EC_SHIFT) == DBGREF_EC_SYS64;
    if (!emulated || p.step != DBGREF_STEP_EXIT) continue;
    if (p.exit_pc != r.exit_pc + 4)
      unexpected.push_back("step " + std::to_string(i) +
                           " EXIT after an emulation: exit_pc is not the "
                           "model's + 4");
    p.exit_pc = r.exit_pc;
  }
}

// Runs the same operations on a revision and on the model.
class Twin {
 public:
  Twin(const dbgref_revision* port, const dbgref_host& host,
       const dbgref_program& program)
      : port_(port, host, program), model_(host, program) {}

  // The differences of op, the known one of ExpectSkipInHandleExit
  // taken out first (a mismatch there is reported as a difference).
  std::vector<std::string> Do(const dbgref_op& op) {
    port_obs_ = port_.Do(op);
    model_obs_ = model_.Do(op);
    std::vector<std::string> d;
    Obs p = port_obs_;
    ExpectSkipInHandleExit(p, model_obs_, d);
    for (const std::string& s : Differences(p, model_obs_)) d.push_back(s);
    return d;
  }
  // The differences over a whole sequence, "op 3 ..." per line.
  std::vector<std::string> DoAll(const std::vector<dbgref_op>& ops) {
    std::vector<std::string> all;
    for (size_t i = 0; i < ops.size(); i++)
      for (const std::string& s : Do(ops[i]))
        all.push_back("op " + std::to_string(i) + " " + s);
    return all;
  }
  const Obs& port_obs() const { return port_obs_; }
  const Obs& model_obs() const { return model_obs_; }
  Vcpu& port() { return port_; }

 private:
  Vcpu port_;
  ModelVcpu model_;
  Obs port_obs_, model_obs_;
};

}  // namespace dbgref_port_test

#endif  // DBGREF_TESTS_PORT_PORT_TEST_UTIL_H_
