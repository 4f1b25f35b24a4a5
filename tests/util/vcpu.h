// What the model's tests share: a host, a program built line by line, the
// operations (the trace's builders, trace/trace.h), and a vCPU of the
// concrete model that runs operations through the façade and checks every
// requirement predicate and the invariant on every transition it takes.
//
//   ModelVcpu v(Program({Nop(), Brk(7)}));
//   v.SetGuestDebug(facts::kEnable);
//   const dbgref_obs exit = v.Run().back();   // the EXIT that ends KVM_RUN
#ifndef DBGREF_TESTS_UTIL_VCPU_H_
#define DBGREF_TESTS_UTIL_VCPU_H_

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record.h"
#include "model/record_compare.h"
#include "model/requirements.h"
#include "tests/util/facts.h"
#include "trace/trace.h"

namespace dbgref::tests {

using C = model::ConcreteDomain;
using trace::Brk;
using trace::CheckExtensionOp;
using trace::GetOneRegOp;
using trace::Load;
using trace::Mrs;
using trace::Msr;
using trace::Nop;
using trace::Report;
using trace::RunOp;
using trace::SetGuestDebugOp;
using trace::SetOneRegOp;
using trace::Store;
using trace::VcpuInitOp;

// The host's own value of bank register (bank, n): recognisable, never a
// guest's or userspace's.
constexpr uint64_t HostReg(int bank, int n) {
  return 0x4057000000ull | (uint64_t(bank) << 8) | uint64_t(n);
}

// A host with this many breakpoints and watchpoints (1..16) and its own
// values in every hardware debug register.
inline dbgref_host Host(unsigned breakpoints = 6, unsigned watchpoints = 4) {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 = facts::Dfr0(breakpoints - 1, watchpoints - 1);
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    h.host_regs.dbg_bcr[n] = HostReg(0, n);
    h.host_regs.dbg_bvr[n] = HostReg(1, n);
    h.host_regs.dbg_wcr[n] = HostReg(2, n);
    h.host_regs.dbg_wvr[n] = HostReg(3, n);
  }
  return h;
}

// Lines at facts::Line(0), facts::Line(1), ...
inline dbgref_program Program(std::initializer_list<dbgref_insn> insns) {
  dbgref_program p{};
  for (const dbgref_insn& i : insns) trace::AddLine(p, i);
  return p;
}

// Userspace's breakpoint n at addr, or watchpoint n on the doubleword at
// addr, for USE_HW; nothing else set.
inline kvm_guest_debug_arch HwBreakpoint(int n, uint64_t addr,
                                         uint64_t bcr = facts::kBcrOn) {
  kvm_guest_debug_arch a{};
  a.dbg_bcr[n] = bcr;
  a.dbg_bvr[n] = addr;
  return a;
}
inline kvm_guest_debug_arch HwWatchpoint(int n, uint64_t addr,
                                         uint64_t wcr = facts::kWcrAll) {
  kvm_guest_debug_arch a{};
  a.dbg_wcr[n] = wcr;
  a.dbg_wvr[n] = addr;
  return a;
}

// Userspace's values in every entry: recognisable, matching nothing.
constexpr uint64_t UserReg(int bank, int n) {
  return 0x75e5000000ull | (uint64_t(bank) << 8) | uint64_t(n);
}
inline kvm_guest_debug_arch UserRegs() {
  kvm_guest_debug_arch a{};
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    a.dbg_bcr[n] = UserReg(0, n);
    a.dbg_bvr[n] = UserReg(1, n);
    a.dbg_wcr[n] = UserReg(2, n);
    a.dbg_wvr[n] = UserReg(3, n);
  }
  return a;
}

// The requirements a transition breaks and the invariant clauses its
// post-state breaks, one line each; empty when it breaks none.
inline std::string Broken(const model::ConcreteTransition& t) {
  std::string out;
  for (int r = 0; r < kRequirementCount; ++r) {
    if (!model::RequirementHolds<C>(static_cast<Requirement>(r), t)) {
      out += std::string(model::kRequirements[r].id) + "\n";
    }
  }
  const model::InvariantClauses<C> c = model::InvariantOf<C>(t.post);
  for (std::size_t k = 0; k < model::kInvariantClauseCount; ++k) {
    if (!model::InvariantClauseAt<C>(c, k)) {
      out += std::string("invariant ") + model::kInvariantClauseNames[k] + "\n";
    }
  }
  return out;
}

// A vCPU of the concrete model. Every transition of every operation is
// checked against every requirement and the invariant (a failure names the
// operation, the step and what broke).
class ModelVcpu {
 public:
  explicit ModelVcpu(const dbgref_program& program = {},
                     const dbgref_host& host = Host())
      : host_(host),
        program_(program),
        model_host_(model::FromRecord(host)),
        model_program_(model::FromRecord(program)),
        state_(model::Reset(host)) {}

  // One operation; the observation of each of its steps.
  std::vector<dbgref_obs> Do(const dbgref_op& op) {
    transitions_.clear();
    std::vector<dbgref_obs> obs;
    model::ForEachTransition(
        model_host_, model_program_, state_, op,
        [&](const model::ConcreteTransition& t) {
          const std::string broken = Broken(t);
          EXPECT_EQ(broken, "")
              << "operation " << ops_ << " step " << obs.size() << " of "
              << op.kind << " breaks:\n"
              << broken << model::ObsToString(model::ToRecord(t.obs));
          transitions_.push_back(t);
          obs.push_back(model::ToRecord(t.obs));
        });
    ++ops_;
    return obs;
  }
  std::vector<dbgref_obs> Run() { return Do(RunOp()); }
  // The EXIT that ends a KVM_RUN.
  dbgref_obs RunToExit() { return Run().back(); }
  dbgref_obs Ioctl(const dbgref_op& op) { return Do(op).at(0); }
  int64_t SetGuestDebug(uint32_t control,
                        const kvm_guest_debug_arch& arch = {}) {
    return Ioctl(SetGuestDebugOp(control, arch)).ret;
  }
  int64_t CheckExtension(uint32_t cap) {
    return Ioctl(CheckExtensionOp(cap)).ret;
  }
  uint64_t Get(uint32_t reg, uint32_t index = 0) {
    return Ioctl(GetOneRegOp(reg, index)).value;
  }
  int64_t Set(uint32_t reg, uint32_t index, uint64_t value) {
    return Ioctl(SetOneRegOp(reg, index, value)).ret;
  }

  const model::ConcreteVcpu& state() const { return state_; }
  model::ConcreteVcpu& mutable_state() { return state_; }
  // The transitions of the last operation.
  const std::vector<model::ConcreteTransition>& transitions() const {
    return transitions_;
  }
  const dbgref_host& host() const { return host_; }
  const dbgref_program& program() const { return program_; }

 private:
  dbgref_host host_;
  dbgref_program program_;
  model::ConcreteHost model_host_;
  model::ConcreteProgram model_program_;
  model::ConcreteVcpu state_;
  std::vector<model::ConcreteTransition> transitions_;
  int ops_ = 0;
};

// The observations of a KVM_RUN of one kind of step, in order.
inline std::vector<dbgref_obs> StepsOfKind(const std::vector<dbgref_obs>& obs,
                                           uint32_t step) {
  std::vector<dbgref_obs> out;
  for (const dbgref_obs& o : obs) {
    if (o.step == step) out.push_back(o);
  }
  return out;
}

// The PCs of the GUEST steps of a KVM_RUN that executed (retired).
inline std::vector<uint64_t> RetiredPcs(const std::vector<dbgref_obs>& obs) {
  std::vector<uint64_t> out;
  for (const dbgref_obs& o : obs) {
    if (o.step == DBGREF_STEP_GUEST && o.event == DBGREF_EVENT_RETIRED) {
      out.push_back(o.pc);
    }
  }
  return out;
}

}  // namespace dbgref::tests

#endif  // DBGREF_TESTS_UTIL_VCPU_H_
