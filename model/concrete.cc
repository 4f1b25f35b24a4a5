// The concrete façade: dispatch on the operation kind, and conversions
// between the C records and the model's concrete values.
#include "model/concrete.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

static_assert(sizeof(DebugRegs<C>) == sizeof(kvm_guest_debug_arch),
              "DebugRegs has the layout of kvm_guest_debug_arch");
static_assert(std::is_trivially_copyable_v<DebugRegs<C>>,
              "DebugRegs copies as bytes");

}  // namespace

Action<C> FromRecord(const dbgref_action& a) {
  return Action<C>{a.kind,  a.reg_kind, a.index, a.is_write != 0,
                   a.value, a.esr,      a.pc,    a.far};
}

DebugRegs<C> FromRecord(const kvm_guest_debug_arch& arch) {
  DebugRegs<C> regs;
  std::memcpy(regs.bcr.data(), arch.dbg_bcr, sizeof(arch.dbg_bcr));
  std::memcpy(regs.bvr.data(), arch.dbg_bvr, sizeof(arch.dbg_bvr));
  std::memcpy(regs.wcr.data(), arch.dbg_wcr, sizeof(arch.dbg_wcr));
  std::memcpy(regs.wvr.data(), arch.dbg_wvr, sizeof(arch.dbg_wvr));
  return regs;
}

kvm_guest_debug_arch ToRecord(const DebugRegs<C>& regs) {
  kvm_guest_debug_arch arch;
  std::memcpy(arch.dbg_bcr, regs.bcr.data(), sizeof(arch.dbg_bcr));
  std::memcpy(arch.dbg_bvr, regs.bvr.data(), sizeof(arch.dbg_bvr));
  std::memcpy(arch.dbg_wcr, regs.wcr.data(), sizeof(arch.dbg_wcr));
  std::memcpy(arch.dbg_wvr, regs.wvr.data(), sizeof(arch.dbg_wvr));
  return arch;
}

ConcreteHost FromRecord(const dbgref_host& host) {
  return ConcreteHost{host.id_aa64dfr0_el1, FromRecord(host.host_regs)};
}

ConcreteOp FromRecord(const dbgref_op& op) {
  const dbgref_action& a = op.action;
  return ConcreteOp{op.kind, op.cap, op.dbg.control, FromRecord(op.dbg.arch),
                    Action<C>{a.kind, a.reg_kind, a.index, a.is_write != 0,
                              a.value, a.esr, a.pc, a.far}};
}

dbgref_obs ToRecord(const ConcreteObs& o) {
  dbgref_obs r;
  std::memset(&r, 0, sizeof(r));
  r.op_kind = static_cast<uint32_t>(o.op_kind);
  r.ret = static_cast<int64_t>(o.ret);
  r.entry_mdcr_el2 = o.entry_mdcr_el2;
  r.entry_hw = ToRecord(o.entry_hw);
  r.entry_mdscr_el1 = o.entry_mdscr_el1;
  r.entry_pstate_ss = o.entry_pstate_ss ? 1 : 0;
  r.trapped = o.trapped ? 1 : 0;
  r.undef = o.undef ? 1 : 0;
  r.read_value = o.read_value;
  r.exit_reason = static_cast<uint32_t>(o.exit_reason);
  r.hsr = static_cast<uint32_t>(o.hsr);
  r.pc = o.pc;
  r.far = o.far;
  r.ctx_mdscr_el1 = o.ctx_mdscr_el1;
  r.ctx_pstate_ss = o.ctx_pstate_ss ? 1 : 0;
  return r;
}

ConcreteVcpu Reset(const dbgref_host& host) {
  (void)host;  // reset does not depend on the host
  return ResetState<C>();
}

ConcreteTransition StepTransition(const ConcreteHost& host,
                                  const ConcreteVcpu& state,
                                  const ConcreteOp& op) {
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG:
      return SetGuestDebugTransition<C>(host, state, op);
    case DBGREF_OP_CHECK_EXTENSION:
      return CheckExtensionTransition<C>(host, state, op);
    case DBGREF_OP_RUN:
      return RunTransition<C>(host, state, op);
    default:
      return Step<C>(host, state, op);
  }
}

ConcreteStep Step(const dbgref_host& host, const ConcreteVcpu& state,
                  const dbgref_op& op) {
  // Converts only what the operation reads: this runs once per lockstep
  // step of the differential check.
  switch (op.kind) {
    case DBGREF_OP_SET_GUEST_DEBUG: {
      const IoctlResult<C> r =
          SetGuestDebug<C>(state, op.dbg.control, FromRecord(op.dbg.arch));
      return ConcreteStep{
          r.state, ToRecord(ZeroObs<C>(DBGREF_OP_SET_GUEST_DEBUG, r.ret))};
    }
    case DBGREF_OP_CHECK_EXTENSION: {
      const ConcreteHost h{host.id_aa64dfr0_el1, ZeroRegs<C>()};
      return ConcreteStep{state,
                          ToRecord(ZeroObs<C>(DBGREF_OP_CHECK_EXTENSION,
                                              CheckExtension<C>(h, op.cap)))};
    }
    case DBGREF_OP_RUN: {
      const RunResult<C> r =
          RunIteration<C>(FromRecord(host), state, FromRecord(op.action));
      return ConcreteStep{r.state, ToRecord(r.obs)};
    }
    default: {
      const ConcreteTransition t =
          model::Step<C>(FromRecord(host), state, FromRecord(op));
      return ConcreteStep{t.post, ToRecord(t.obs)};
    }
  }
}

}  // namespace dbgref::model
