// Helpers for the model's unit tests: hosts, operations and a vCPU driver
// that applies operations through the concrete façade, keeps the last
// transition and checks every requirement and the invariant on each step.
#ifndef DBGREF_TESTS_MODEL_MODEL_TEST_UTIL_H_
#define DBGREF_TESTS_MODEL_MODEL_TEST_UTIL_H_

#include <cstdint>
#include <cstring>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/invariant.h"
#include "model/record.h"
#include "model/requirements.h"
#include "model/uapi.h"

namespace dbgref::model::testing {

using C = ConcreteDomain;

inline uint64_t Dfr0(uint64_t brps_field, uint64_t wrps_field) {
  return (brps_field << DBGREF_DFR0_BRPS_SHIFT) |
         (wrps_field << DBGREF_DFR0_WRPS_SHIFT);
}

// A host with the given BRPs/WRPs fields and recognisable host debug
// register values (0xh057_0000 + bank * 0x100 + n).
inline dbgref_host MakeHost(uint64_t brps_field = 5, uint64_t wrps_field = 3) {
  dbgref_host h;
  std::memset(&h, 0, sizeof(h));
  h.id_aa64dfr0_el1 = Dfr0(brps_field, wrps_field);
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    h.host_regs.dbg_bcr[n] = 0x4057000000ull + n;
    h.host_regs.dbg_bvr[n] = 0x4057000100ull + n;
    h.host_regs.dbg_wcr[n] = 0x4057000200ull + n;
    h.host_regs.dbg_wvr[n] = 0x4057000300ull + n;
  }
  return h;
}

// Userspace's breakpoints and watchpoints: 0xu5e5_0000 + bank * 0x100 + n.
inline kvm_guest_debug_arch UserRegs() {
  kvm_guest_debug_arch a;
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    a.dbg_bcr[n] = 0x75e5000000ull + n;
    a.dbg_bvr[n] = 0x75e5000100ull + n;
    a.dbg_wcr[n] = 0x75e5000200ull + n;
    a.dbg_wvr[n] = 0x75e5000300ull + n;
  }
  return a;
}

inline dbgref_op ZeroOp() {
  dbgref_op op;
  std::memset(&op, 0, sizeof(op));
  return op;
}

inline dbgref_op SetGuestDebugOp(uint32_t control,
                                 const kvm_guest_debug_arch& arch) {
  dbgref_op op = ZeroOp();
  op.kind = DBGREF_OP_SET_GUEST_DEBUG;
  op.dbg.control = control;
  op.dbg.arch = arch;
  return op;
}

inline dbgref_op SetGuestDebugOp(uint32_t control) {
  return SetGuestDebugOp(control, UserRegs());
}

inline dbgref_op CheckExtensionOp(uint32_t cap) {
  dbgref_op op = ZeroOp();
  op.kind = DBGREF_OP_CHECK_EXTENSION;
  op.cap = cap;
  return op;
}

inline dbgref_op ReadOp(dbgref_reg_kind kind, uint32_t index = 0) {
  dbgref_op op = ZeroOp();
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_ACCESS;
  op.action.reg_kind = kind;
  op.action.index = index;
  return op;
}

inline dbgref_op WriteOp(dbgref_reg_kind kind, uint32_t index, uint64_t value) {
  dbgref_op op = ReadOp(kind, index);
  op.action.is_write = 1;
  op.action.value = value;
  return op;
}

inline dbgref_op ExceptionOp(uint32_t ec, uint64_t pc = 0xffff000012345678ull,
                             uint64_t far = 0x0000aaaabbbbccccull,
                             uint32_t iss = 0x22) {
  dbgref_op op = ZeroOp();
  op.kind = DBGREF_OP_RUN;
  op.action.kind = DBGREF_ACTION_EXCEPTION;
  op.action.esr = (ec << DBGREF_ESR_EC_SHIFT) | iss;
  op.action.pc = pc;
  op.action.far = far;
  return op;
}

// An ordinary exit (HVC) with nothing to do with debug.
inline dbgref_op OtherExitOp() { return ExceptionOp(DBGREF_EC_HVC64); }

struct RequirementVerdicts {
  bool ioctl_valid, ioctl_disable, ioctl_hwregs, cap, trap_tda, trap_tde,
      hw_program, restore, shadow, isolation, noundef, exit, ss, off;
};

inline RequirementVerdicts Judge(const ConcreteTransition& t) {
  return RequirementVerdicts{
      ReqIoctlValid<C>(t), ReqIoctlDisable<C>(t), ReqIoctlHwregs<C>(t),
      ReqCap<C>(t),        ReqTrapTda<C>(t),      ReqTrapTde<C>(t),
      ReqHwProgram<C>(t),  ReqRestore<C>(t),      ReqShadow<C>(t),
      ReqIsolation<C>(t),  ReqNoundef<C>(t),      ReqExit<C>(t),
      ReqSs<C>(t),         ReqOff<C>(t)};
}

// A vCPU under test: applies operations through the façade and also keeps
// the full transition of the last one.
class Vcpu {
 public:
  explicit Vcpu(const dbgref_host& host = MakeHost())
      : host_(host), state_(Reset(host)), last_(Transition(state_)) {}

  // Applies op; returns its observation.
  dbgref_obs Do(const dbgref_op& op) {
    const ConcreteStep r = Step(host_, state_, op);
    last_ = StepTransition(FromRecord(host_), state_, FromRecord(op));
    state_ = r.state;
    return r.obs;
  }

  const ConcreteVcpu& state() const { return state_; }
  ConcreteVcpu& mutable_state() { return state_; }
  const ConcreteTransition& last() const { return last_; }
  const dbgref_host& host() const { return host_; }

 private:
  static ConcreteTransition Transition(const ConcreteVcpu& s) {
    return ConcreteTransition{
        FromRecord(MakeHost()), s,
        FromRecord(ZeroOp()),   s,
        ZeroObs<C>(0, 0),       ZeroSnapshots<C>()};
  }

  dbgref_host host_;
  ConcreteVcpu state_;
  ConcreteTransition last_;
};

}  // namespace dbgref::model::testing

#endif  // DBGREF_TESTS_MODEL_MODEL_TEST_UTIL_H_
