// The broken copies: the model's steps, one fault after them.
#include "tests/props/broken_revisions.h"

#include <cstdint>
#include <new>

#include "model/arch/execute.h"
#include "model/arch/id_regs.h"
#include "model/arch/instruction.h"
#include "model/arch/registers.h"
#include "model/arch/syndrome.h"
#include "model/handle_exit.h"
#include "model/ioctl.h"
#include "model/op.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "model/step.h"
#include "model/uapi.h"
#include "props/model_vcpu.h"

struct dbgref_revision_vcpu {
  dbgref::props::Fault fault;
  dbgref::model::ConcreteHost host;
  dbgref::model::ConcreteProgram program;
  dbgref::model::ConcreteVcpu state;
};

namespace dbgref::props {
namespace {

// A class no exit of the model's CPU has (0x19, SVE access).
constexpr uint64_t kClassNoExitHas = 0x19;

using C = model::ConcreteDomain;
using model::ConcreteObs;
using model::ConcreteOp;
using model::ConcreteVcpu;

bool Trapped(const ConcreteVcpu& pre, uint32_t insn_kind) {
  return pre.cpu.trapped.kind == insn_kind &&
         model::HasClass<C>(pre.cpu.esr_el2, DBGREF_EC_SYS64);
}

uint64_t Ec(uint64_t esr) {
  return (esr >> DBGREF_ESR_EC_SHIFT) & DBGREF_ESR_EC_MASK;
}

// The fault, after a step of `kind` took pre to post observing o.
void After(Fault fault, uint64_t kind, const model::ConcreteHost& host,
           const ConcreteVcpu& pre, const ConcreteOp& in, ConcreteVcpu& post,
           ConcreteObs& o) {
  const bool active = model::DebugActive<C>(pre);
  const bool use_hw = model::UseHwOn<C>(pre);
  const bool single = model::SingleStepOn<C>(pre);
  switch (fault) {
    case Fault::kIoctlV2Order:
      if (kind == model::kSetGuestDebug &&
          (in.control & KVM_GUESTDBG_ENABLE) == 0 &&
          (in.control & ~uint64_t{KVM_GUESTDBG_VALID_MASK}) != 0) {
        post = pre;
        post.control = 0;
        post.pending_step = false;
        o.ret = 0;
      }
      break;
    case Fault::kDisableRefused:
      if (kind == model::kSetGuestDebug &&
          (in.control & KVM_GUESTDBG_ENABLE) == 0 &&
          (in.control & ~uint64_t{KVM_GUESTDBG_VALID_MASK}) == 0) {
        post = pre;
        o.ret = model::Errno<C>(DBGREF_EINVAL);
      }
      break;
    case Fault::kHwregsPartial:
      if (kind == model::kSetGuestDebug && o.ret == 0 &&
          model::UseHwOn<C>(post)) {
        post.external.wcr = pre.external.wcr;
        post.external.wvr = pre.external.wvr;
      }
      break;
    case Fault::kCapNoPlusOne:
      if (kind == model::kCheckExtension && in.cap == DBGREF_CAP_HW_BPS) {
        o.ret -= 1;
      }
      break;
    case Fault::kOneRegIndexZero:
      if (kind == model::kGetOneReg && o.ret == 0 && in.reg_index != 0 &&
          in.reg >= DBGREF_ONE_REG_BCR && in.reg <= DBGREF_ONE_REG_WVR) {
        o.value = model::ReadReg<C>(post.ctx, model::BankKindOfOneReg<C>(in.reg),
                                    0);
      }
      break;
    case Fault::kInitKeepsRegs:
      if (kind == model::kVcpuInit) {
        post.ctx.dbg = pre.ctx.dbg;
        post.ghost.dbg = pre.ghost.dbg;
      }
      break;
    case Fault::kNoForcedTda:
      if (kind == model::kEnter && use_hw) {
        post.mdcr_el2 &= ~DBGREF_MDCR_TDA;
        post.cpu.mdcr_el2 &= ~DBGREF_MDCR_TDA;
        o.entry_mdcr_el2 &= ~DBGREF_MDCR_TDA;
      }
      break;
    case Fault::kNoTde:
      if (kind == model::kEnter && single && !use_hw) {
        post.mdcr_el2 &= ~DBGREF_MDCR_TDE;
        post.cpu.mdcr_el2 &= ~DBGREF_MDCR_TDE;
        o.entry_mdcr_el2 &= ~DBGREF_MDCR_TDE;
      }
      break;
    case Fault::kHwProgramFirstOnly:
      if (kind == model::kEnter && use_hw) {
        for (std::size_t n = 1; n < model::kBankSize; ++n) {
          post.cpu.dbg.bcr[n] = post.cpu.dbg.bvr[n] = 0;
          post.cpu.dbg.wcr[n] = post.cpu.dbg.wvr[n] = 0;
        }
        o.entry_hw = model::ImplementedOnly<C>(host.id_aa64dfr0_el1,
                                               post.cpu.dbg);
      }
      break;
    case Fault::kBreakpointsLost:
      if (kind == model::kEnter && use_hw) {
        for (uint64_t& bcr : post.cpu.dbg.bcr) bcr &= ~DBGREF_BCR_E;
      }
      break;
    case Fault::kWatchFarPastAccess:
      if (kind == model::kGuest && o.event == DBGREF_EVENT_TO_EL2 &&
          Ec(o.esr) == DBGREF_EC_WATCHPT_LOW) {
        o.far += 8;
        post.cpu.far_el2 += 8;
      }
      break;
    case Fault::kBrkImmLost:
      if (kind == model::kGuest && o.event == DBGREF_EVENT_TO_EL2 &&
          Ec(o.esr) == DBGREF_EC_BRK64) {
        o.esr &= ~DBGREF_ESR_BRK_IMM_MASK;
        post.cpu.esr_el2 &= ~DBGREF_ESR_BRK_IMM_MASK;
      }
      break;
    case Fault::kSkipKeepsSs:
      if (kind == model::kEnter && single && pre.increment_pc) {
        post.cpu.pstate |= DBGREF_SPSR_SS;
        o.entry_pstate |= DBGREF_SPSR_SS;
      }
      break;
    case Fault::kPstateSsNotRestored:
      if (kind == model::kExit && single) {
        const bool ss = model::PstateSs<C>(pre.cpu.pstate);
        post.ctx.pstate = model::SetBits<C>(post.ctx.pstate, DBGREF_SPSR_SS, ss);
        o.ctx_pstate_ss = ss;
      }
      break;
    case Fault::kOsLockWi:
      if (kind == model::kExit && Trapped(pre, DBGREF_INSN_MSR) &&
          pre.cpu.trapped.reg == DBGREF_REG_OSLAR) {
        post.ctx.os_locked = pre.ctx.os_locked;
        o.ctx_oslk = pre.ctx.os_locked;
      }
      if (kind == model::kExit && Trapped(pre, DBGREF_INSN_MRS) &&
          pre.cpu.trapped.reg == DBGREF_REG_OSLSR) {
        o.read_value = DBGREF_OSLSR_OSLM;
        post.ctx.xt = DBGREF_OSLSR_OSLM;
      }
      break;
    case Fault::kReadResetValue:
      if (kind == model::kExit && Trapped(pre, DBGREF_INSN_MRS) && !o.undef) {
        o.read_value = 0;
        post.ctx.xt = 0;
      }
      break;
    case Fault::kReadLoadedSet:
      if (kind == model::kExit && use_hw && Trapped(pre, DBGREF_INSN_MRS) &&
          pre.cpu.trapped.reg <= DBGREF_REG_WVR) {
        model::GuestContext<C> loaded = post.ctx;
        loaded.dbg = post.external;
        o.read_value = model::ReadReg<C>(loaded, pre.cpu.trapped.reg,
                                         pre.cpu.trapped.reg_index);
        post.ctx.xt = o.read_value;
      }
      break;
    case Fault::kUndefMdscrUseHw:
      if (kind == model::kExit && use_hw &&
          (Trapped(pre, DBGREF_INSN_MRS) || Trapped(pre, DBGREF_INSN_MSR)) &&
          (pre.cpu.trapped.reg == DBGREF_REG_MDSCR ||
           pre.cpu.trapped.reg == DBGREF_REG_MDCCINT)) {
        o.undef = true;
        o.read_value = 0;
        post.increment_pc = false;
        model::InjectUndef<C>(post, true);
        o.exit_pc = post.ctx.pc;
      }
      break;
    case Fault::kWatchExitNoFar:
      if (kind == model::kExit && o.exit_reason == KVM_EXIT_DEBUG &&
          Ec(o.hsr) == DBGREF_EC_WATCHPT_LOW) {
        o.exit_far = 0;
      }
      break;
    case Fault::kOffNoLazyLoad:
      if (kind == model::kEnter && !active && !pre.dirty && post.dirty) {
        post.cpu.dbg = host.host_regs;
        o.entry_hw =
            model::ImplementedOnly<C>(host.id_aa64dfr0_el1, host.host_regs);
      }
      break;
    case Fault::kOsLockNoMask:
      if (kind == model::kEnter && !active && pre.ctx.os_locked) {
        post.cpu.mdscr_el1 = post.preserved.mdscr_el1;
      }
      break;
    case Fault::kEntryPcOff:
      if (kind == model::kEnter) o.entry_pc += 4;
      break;
    case Fault::kInvalidStored:
      if (kind == model::kSetGuestDebug &&
          (in.control & KVM_GUESTDBG_ENABLE) != 0 &&
          (in.control & ~uint64_t{KVM_GUESTDBG_VALID_MASK}) != 0) {
        post.control = in.control;
      }
      break;
    case Fault::kSkipTwice:
      if (kind == model::kEnter && pre.increment_pc) post.increment_pc = true;
      break;
    case Fault::kUnknownExitClass:
      if (kind == model::kGuest && post.cpu.exited &&
          model::HasClass<C>(post.cpu.esr_el2, DBGREF_EC_SYS64)) {
        post.cpu.esr_el2 = kClassNoExitHas
                           << DBGREF_ESR_EC_SHIFT;
      }
      break;
  }
}

// One step of `kind` of the broken copy.
template <class Visit>
void Transition(Fault fault, uint64_t kind, const model::ConcreteHost& host,
                const model::ConcreteProgram& program, ConcreteVcpu& state,
                const ConcreteOp& in, Visit&& visit) {
  const ConcreteVcpu pre = state;
  ConcreteObs o = model::StartObs<C>(kind);
  if (model::Applicable<C>(state, in)) {
    model::ApplyTransition<C, DBGREF_MAX_PROGRAM_LINES>(kind, host, program,
                                                        state, in, o);
    After(fault, kind, host, pre, in, state, o);
  }
  visit(pre, in, o);
}

// The steps of one operation, as model::StepInPlace takes them.
template <class Visit>
void RunOp(Fault fault, const model::ConcreteHost& host,
           const model::ConcreteProgram& program, ConcreteVcpu& state,
           const dbgref_op& op, Visit&& visit) {
  if (op.kind != DBGREF_OP_RUN) {
    Transition(fault, op.kind, host, program, state,
               model::IoctlOpFromRecord(op), visit);
    return;
  }
  const ConcreteOp enter = model::OpOfKind<C>(model::kEnter);
  const ConcreteOp guest = model::OpOfKind<C>(model::kGuest);
  const ConcreteOp exit = model::OpOfKind<C>(model::kExit);
  do {
    Transition(fault, model::kEnter, host, program, state, enter, visit);
    while (state.phase == model::kPhaseGuest) {
      Transition(fault, model::kGuest, host, program, state, guest, visit);
    }
    Transition(fault, model::kExit, host, program, state, exit, visit);
  } while (state.phase == model::kPhaseReenter);
}

void ResetVcpu(dbgref_revision_vcpu* vcpu, const dbgref_host* host,
               const dbgref_program* program) {
  vcpu->host = model::FromRecord(*host);
  vcpu->program = model::FromRecord(*program);
  vcpu->state = model::Reset(*host);
}

template <Fault F>
dbgref_revision_vcpu* Create(const dbgref_host* host,
                             const dbgref_program* program) {
  auto* vcpu = new (std::nothrow) dbgref_revision_vcpu;
  if (vcpu == nullptr) return nullptr;
  vcpu->fault = F;
  ResetVcpu(vcpu, host, program);
  return vcpu;
}

void Destroy(dbgref_revision_vcpu* vcpu) { delete vcpu; }

size_t StepVcpu(dbgref_revision_vcpu* vcpu, const dbgref_op* op,
                dbgref_obs* out) {
  size_t n = 0;
  RunOp(vcpu->fault, vcpu->host, vcpu->program, vcpu->state, *op,
        [&](const ConcreteVcpu&, const ConcreteOp&, const ConcreteObs& o) {
          if (n < DBGREF_MAX_OBS_PER_OP) out[n++] = model::ToRecord(o);
        });
  return n;
}

template <Fault F>
constexpr dbgref_revision Table(const char* name) {
  // No state blob here (model/revision.h): ExplorableBroken adds one.
  return dbgref_revision{name, Create<F>, Destroy, ResetVcpu, StepVcpu,
                         0,    nullptr,   nullptr, nullptr};
}

#define DBGREF_BROKEN(fault, name) \
  constexpr dbgref_revision k##fault = Table<Fault::k##fault>(name);
DBGREF_BROKEN(IoctlV2Order, "broken-ioctl-v2-order")
DBGREF_BROKEN(DisableRefused, "broken-disable-refused")
DBGREF_BROKEN(HwregsPartial, "broken-hwregs-partial")
DBGREF_BROKEN(CapNoPlusOne, "broken-cap-no-plus-one")
DBGREF_BROKEN(OneRegIndexZero, "broken-one-reg-index-zero")
DBGREF_BROKEN(InitKeepsRegs, "broken-init-keeps-regs")
DBGREF_BROKEN(NoForcedTda, "broken-no-forced-tda")
DBGREF_BROKEN(NoTde, "broken-no-tde")
DBGREF_BROKEN(HwProgramFirstOnly, "broken-hw-program-first-only")
DBGREF_BROKEN(BreakpointsLost, "broken-breakpoints-lost")
DBGREF_BROKEN(WatchFarPastAccess, "broken-watch-far-past-access")
DBGREF_BROKEN(BrkImmLost, "broken-brk-imm-lost")
DBGREF_BROKEN(SkipKeepsSs, "broken-skip-keeps-ss")
DBGREF_BROKEN(PstateSsNotRestored, "broken-pstate-ss-not-restored")
DBGREF_BROKEN(OsLockWi, "broken-os-lock-wi")
DBGREF_BROKEN(ReadResetValue, "broken-read-reset-value")
DBGREF_BROKEN(ReadLoadedSet, "broken-read-loaded-set")
DBGREF_BROKEN(UndefMdscrUseHw, "broken-undef-mdscr-use-hw")
DBGREF_BROKEN(WatchExitNoFar, "broken-watch-exit-no-far")
DBGREF_BROKEN(OffNoLazyLoad, "broken-off-no-lazy-load")
DBGREF_BROKEN(OsLockNoMask, "broken-os-lock-no-mask")
DBGREF_BROKEN(EntryPcOff, "broken-entry-pc-off")
DBGREF_BROKEN(InvalidStored, "broken-invalid-stored")
DBGREF_BROKEN(SkipTwice, "broken-skip-twice")
DBGREF_BROKEN(UnknownExitClass, "broken-unknown-exit-class")
#undef DBGREF_BROKEN

using R = RequirementSet;

}  // namespace

const std::vector<BrokenRevision>& BrokenRevisions() {
  static const auto* const all = new std::vector<BrokenRevision>{
      {Fault::kIoctlV2Order, &kIoctlV2Order,
       R::Of({kReqIoctlValid}),
       R::Of({kReqIoctlValid}),
       R::Of({kReqIoctlValid})},
      {Fault::kDisableRefused, &kDisableRefused,
       R::Of({kReqIoctlValid, kReqIoctlDisable}),
       R::Of({kReqIoctlValid, kReqIoctlDisable}),
       R::Of({kReqIoctlDisable})},
      {Fault::kHwregsPartial, &kHwregsPartial,
       R::Of({kReqHwProgram}),
       R::Of({kReqHwProgram}),
       R::Of({kReqIoctlHwregs})},
      {Fault::kCapNoPlusOne, &kCapNoPlusOne,
       R::Of({kReqCap}),
       R::Of({kReqCap}),
       R::Of({kReqCap})},
      {Fault::kOneRegIndexZero, &kOneRegIndexZero,
       R::Of({kReqOneReg}),
       R::Of({kReqOneReg}),
       R::Of({kReqOneReg})},
      {Fault::kInitKeepsRegs, &kInitKeepsRegs,
       R::Of({kReqOneReg, kReqShadow, kReqOff}),
       R::Of({kReqOneReg, kReqShadow, kReqOff}),
       R::Of({kReqInit})},
      {Fault::kNoForcedTda, &kNoForcedTda,
       R::Of({kReqTrapTda}),
       R::Of({kReqTrapTda}),
       R::Of({kReqTrapTda})},
      {Fault::kNoTde, &kNoTde,
       R::Of({kReqTrapTde}),
       R::Of({kReqTrapTde}),
       R::Of({kReqTrapTde})},
      {Fault::kHwProgramFirstOnly, &kHwProgramFirstOnly,
       R::Of({kReqHwProgram}),
       R::Of({kReqHwProgram}),
       R::Of({kReqHwProgram})},
      {Fault::kBreakpointsLost, &kBreakpointsLost,
       R::Of({kReqHwProgram, kReqHwBreak, kReqHwWatch}),
       R::Of({kReqHwProgram, kReqHwBreak, kReqHwWatch}),
       R::Of({kReqHwBreak, kReqIsolation})},
      {Fault::kWatchFarPastAccess, &kWatchFarPastAccess,
       R::Of({kReqHwWatch, kReqExit}),
       R::Of({kReqHwWatch, kReqExit}),
       R::Of({kReqHwWatch})},
      {Fault::kBrkImmLost, &kBrkImmLost,
       R::Of({kReqBrk}),
       R::Of({kReqBrk}),
       R::Of({kReqBrk})},
      {Fault::kSkipKeepsSs, &kSkipKeepsSs,
       R::Of({kReqSs}),
       R::Of({kReqSs}),
       R::Of({kReqSs})},
      {Fault::kPstateSsNotRestored, &kPstateSsNotRestored,
       R::Of({kReqRestore, kReqSs}),
       R::Of({kReqRestore, kReqSs}),
       R::Of({kReqRestore, kReqSs})},
      {Fault::kOsLockWi, &kOsLockWi,
       R::Of({kReqRestore}),
       R::Of({kReqRestore}),
       R::Of({kReqRestore})},
      {Fault::kReadResetValue, &kReadResetValue,
       R::Of({kReqShadow}),
       R::Of({kReqShadow}),
       R::Of({kReqShadow})},
      {Fault::kReadLoadedSet, &kReadLoadedSet,
       R::Of({kReqShadow, kReqIsolation}),
       R::Of({kReqShadow, kReqIsolation}),
       R::Of({kReqShadow})},
      {Fault::kUndefMdscrUseHw, &kUndefMdscrUseHw,
       R::Of({kReqNoundef}),
       R::Of({kReqNoundef}),
       R::Of({kReqNoundef})},
      {Fault::kWatchExitNoFar, &kWatchExitNoFar,
       R::Of({kReqExit}),
       R::Of({kReqExit}),
       R::Of({kReqExit})},
      {Fault::kOffNoLazyLoad, &kOffNoLazyLoad,
       R::Of({kReqOff}),
       R::Of({kReqOff}),
       R::Of({kReqOff})},
      {Fault::kOsLockNoMask, &kOsLockNoMask,
       R::Of({kReqOsLock}),
       R::Of({kReqOsLock}),
       R::Of({kReqOsLock})},
      {Fault::kEntryPcOff, &kEntryPcOff,
       R(),
       R(),
       R()},
      {Fault::kInvalidStored, &kInvalidStored,
       R::Of({kReqOneReg, kReqTrapTda, kReqTrapTde, kReqHwProgram,
              kReqHwBreak, kReqHwWatch, kReqBrk, kReqSs, kReqRestore,
              kReqShadow, kReqNoundef, kReqExit, kReqOff, kReqOsLock}),
       R::Of({kReqTrapTde}),
       R::Of({kReqIoctlValid}), false},
      {Fault::kSkipTwice, &kSkipTwice,
       R(),
       R(),
       R(), false},
      {Fault::kUnknownExitClass, &kUnknownExitClass,
       R(),
       R(),
       R(), false},
  };
  return *all;
}

const BrokenRevision& Broken(Fault fault) {
  return BrokenRevisions()[static_cast<std::size_t>(fault)];
}

namespace {

// The state blob of a broken copy: the model's state words; the fault,
// host and program are what the vCPU was created with.
void SaveVcpu(const dbgref_revision_vcpu* vcpu, void* state) {
  SaveModelState(vcpu->state, static_cast<uint64_t*>(state));
}

void LoadVcpu(dbgref_revision_vcpu* vcpu, const void* state) {
  LoadModelState(static_cast<const uint64_t*>(state), vcpu->state);
}

}  // namespace

const dbgref_revision& ExplorableBroken(Fault fault) {
  static const auto* const tables = [] {
    auto* t = new std::vector<dbgref_revision>;
    for (const BrokenRevision& b : BrokenRevisions()) {
      dbgref_revision r = *b.revision;
      r.state_size = ModelStateWords() * sizeof(uint64_t);
      r.save = SaveVcpu;
      r.load = LoadVcpu;
      t->push_back(r);
    }
    return t;
  }();
  return (*tables)[static_cast<std::size_t>(fault)];
}

void ForEachBrokenTransition(
    Fault fault, const model::ConcreteHost& host,
    const model::ConcreteProgram& program, model::ConcreteVcpu& state,
    const dbgref_op& op,
    const std::function<void(const model::ConcreteTransition&)>& visit) {
  RunOp(fault, host, program, state, op,
        [&](const ConcreteVcpu& pre, const ConcreteOp& in,
            const ConcreteObs& o) {
          visit(model::ConcreteTransition{host, program, pre, in, state, o});
        });
}

}  // namespace dbgref::props
