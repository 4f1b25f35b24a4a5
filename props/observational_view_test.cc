// The observational view, row by row of the table in props/README.md: one
// field of the model's observation changed as a port might, and the
// requirements that the change breaks.
#include "props/observational_view.h"

#include <gtest/gtest.h>

#include <vector>

#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/uapi.h"
#include "props/generators.h"
#include "props/model_vcpu.h"
#include "trace/trace.h"

namespace dbgref::props {
namespace {

constexpr uint32_t kEnable = KVM_GUESTDBG_ENABLE;
constexpr uint32_t kUseHw = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW;
constexpr uint32_t kStep = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP;

dbgref_host Host() {
  dbgref_host h{};
  h.id_aa64dfr0_el1 = Dfr0(5, 3);  // 6 breakpoints, 4 watchpoints
  for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
    h.host_regs.dbg_bcr[n] = HostRegisterValue(DBGREF_REG_BCR, n);
    h.host_regs.dbg_bvr[n] = HostRegisterValue(DBGREF_REG_BVR, n);
  }
  return h;
}

kvm_guest_debug_arch QemuBreakpoint() {
  kvm_guest_debug_arch a{};
  a.dbg_bcr[0] = 0x1e7;
  a.dbg_bvr[0] = 0x400000;
  return a;
}

// The model's step `op` after `earlier`, and the port's observation to
// judge: the model's, changed by the caller.
class Step {
 public:
  Step(std::vector<dbgref_op> earlier, const dbgref_op& op)
      : earlier_(std::move(earlier)), op_(op) {
    ModelVcpu vcpu(Host());
    for (const dbgref_op& e : earlier_) vcpu.Step(e);
    transition_ = model::StepTransition(vcpu.host(), vcpu.state(),
                                        model::FromRecord(op_));
    port = model::ToRecord(transition_.obs);
  }

  const dbgref_obs model() const { return model::ToRecord(transition_.obs); }

  StepVerdict Judge() const {
    return ClassifyStep({transition_, earlier_, op_, port});
  }

  dbgref_obs port;  // starts as the model's observation

 private:
  std::vector<dbgref_op> earlier_;
  dbgref_op op_;
  model::ConcreteTransition transition_;
};

RequirementSet Set(std::initializer_list<Requirement> rs) {
  return RequirementSet::Of(rs);
}

TEST(ObservationalView, SameObservationBreaksNothing) {
  Step s({trace::SetGuestDebugOp(kUseHw)},
         trace::GuestReadOp(DBGREF_REG_BVR, 0));
  const StepVerdict v = s.Judge();
  EXPECT_FALSE(v.differs);
  EXPECT_FALSE(v.Diverged());
}

TEST(ObservationalView, IoctlReturnValues) {
  Step invalid({}, trace::SetGuestDebugOp(kEnable | (1u << 2)));
  ASSERT_EQ(invalid.port.ret, -DBGREF_EINVAL);
  invalid.port.ret = 0;
  EXPECT_EQ(invalid.Judge().violated, Set({kReqIoctlValid}));

  Step disable({trace::SetGuestDebugOp(kStep)},
               trace::SetGuestDebugOp(KVM_GUESTDBG_USE_HW));
  disable.port.ret = -DBGREF_EINVAL;
  EXPECT_EQ(disable.Judge().violated, Set({kReqIoctlValid, kReqIoctlDisable}));

  Step cap({}, trace::CheckExtensionOp(DBGREF_CAP_HW_WPS));
  ASSERT_EQ(cap.port.ret, 4);
  cap.port.ret = 6;
  EXPECT_EQ(cap.Judge().violated, Set({kReqCap}));
}

TEST(ObservationalView, TrapBits) {
  // USE_HW forces TDA itself.
  Step tda({trace::SetGuestDebugOp(kUseHw)},
           trace::GuestReadOp(DBGREF_REG_BVR, 1));
  tda.port.entry_mdcr_el2 &= ~DBGREF_MDCR_TDA;
  EXPECT_EQ(tda.Judge().violated, Set({kReqTrapTda}));

  // Without TDE, TDA no longer takes effect for SINGLESTEP with DIRTY.
  Step tde({trace::GuestWriteOp(DBGREF_REG_BCR, 0, 0x1001),
            trace::SetGuestDebugOp(kStep)},
           trace::GuestExceptionOp(0xc8000000, 0x400000, 0));
  ASSERT_EQ(tde.port.entry_mdcr_el2 & DBGREF_MDCR_TDA, 0u);
  tde.port.entry_mdcr_el2 &= ~DBGREF_MDCR_TDE;
  EXPECT_EQ(tde.Judge().violated, Set({kReqTrapTda, kReqTrapTde}));

  Step always({}, trace::GuestReadOp(DBGREF_REG_WCR, 0));
  always.port.entry_mdcr_el2 &= ~DBGREF_MDCR_TDOSA;
  EXPECT_EQ(always.Judge().violated, Set({kReqTrapTde}));

  // Trapping more than the model while TDE is set breaks nothing.
  tde = Step({trace::GuestWriteOp(DBGREF_REG_BCR, 0, 0x1001),
              trace::SetGuestDebugOp(kStep)},
             trace::GuestExceptionOp(0xc8000000, 0x400000, 0));
  tde.port.entry_mdcr_el2 |= DBGREF_MDCR_TDA;
  EXPECT_TRUE(tde.Judge().differs);
  EXPECT_FALSE(tde.Judge().Diverged());
  EXPECT_TRUE(tde.Judge().Unexplained()) << "no design difference either";
}

TEST(ObservationalView, HardwareProgramming) {
  Step bp({trace::SetGuestDebugOp(kUseHw, QemuBreakpoint())},
          trace::GuestExceptionOp(0xc0000000, 0x400000, 0));
  ASSERT_EQ(bp.port.entry_hw.dbg_bvr[0], 0x400000u);
  bp.port.entry_hw.dbg_bvr[0] = 0;
  EXPECT_EQ(bp.Judge().violated, Set({kReqHwProgram}));

  Step mde({trace::SetGuestDebugOp(kUseHw, QemuBreakpoint())},
           trace::GuestExceptionOp(0xc0000000, 0x400000, 0));
  mde.port.entry_mdscr_el1 &= ~DBGREF_MDSCR_MDE;
  EXPECT_EQ(mde.Judge().violated, Set({kReqHwProgram}));

  // v2's KDE next to MDE: a design difference.
  Step kde({trace::SetGuestDebugOp(kUseHw, QemuBreakpoint())},
           trace::GuestExceptionOp(0xc0000000, 0x400000, 0));
  kde.port.entry_mdscr_el1 |= DBGREF_MDSCR_KDE;
  EXPECT_TRUE(kde.Judge().differs);
  EXPECT_FALSE(kde.Judge().Diverged());
  EXPECT_TRUE(kde.Judge().design_difference);

  // A breakpoint the CPU does not implement (the host has 6).
  Step absent({trace::SetGuestDebugOp(kUseHw, QemuBreakpoint())},
              trace::GuestExceptionOp(0xc0000000, 0x400000, 0));
  absent.port.entry_hw.dbg_bcr[9] = 0x1e7;
  EXPECT_FALSE(absent.Judge().Diverged());
  EXPECT_TRUE(absent.Judge().design_difference);
}

TEST(ObservationalView, ReadValues) {
  const std::vector<dbgref_op> wrote = {
      trace::GuestWriteOp(DBGREF_REG_BVR, 1, 0x1001),
      trace::SetGuestDebugOp(kUseHw)};
  Step stale(wrote, trace::GuestReadOp(DBGREF_REG_BVR, 1));
  ASSERT_EQ(stale.port.read_value, 0x1001u);
  stale.port.read_value = 0;
  EXPECT_EQ(stale.Judge().violated, Set({kReqShadow}));

  Step host_value(wrote, trace::GuestReadOp(DBGREF_REG_BVR, 1));
  host_value.port.read_value = HostRegisterValue(DBGREF_REG_BVR, 1);
  EXPECT_EQ(host_value.Judge().violated, Set({kReqShadow, kReqIsolation}));

  Step user_value({trace::GuestWriteOp(DBGREF_REG_BVR, 0, 0x1001),
                   trace::SetGuestDebugOp(kUseHw, QemuBreakpoint())},
                  trace::GuestReadOp(DBGREF_REG_BVR, 0));
  user_value.port.read_value = 0x400000;
  EXPECT_EQ(user_value.Judge().violated, Set({kReqShadow, kReqIsolation}));

  // The guest's MDSCR_EL1 with the host's single-step bit.
  Step forced_ss({trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE),
                  trace::SetGuestDebugOp(kStep)},
                 trace::GuestReadOp(DBGREF_REG_MDSCR, 0));
  ASSERT_EQ(forced_ss.port.read_value, DBGREF_MDSCR_MDE);
  forced_ss.port.read_value = DBGREF_MDSCR_MDE | DBGREF_MDSCR_SS;
  EXPECT_EQ(forced_ss.Judge().violated, Set({kReqShadow, kReqIsolation}));

  // A value the guest wrote earlier is stale, not foreign.
  Step earlier({trace::GuestWriteOp(DBGREF_REG_BVR, 1, 0x1001),
                trace::GuestWriteOp(DBGREF_REG_BVR, 1, 0x20e5)},
               trace::GuestReadOp(DBGREF_REG_BVR, 1));
  earlier.port.read_value = 0x1001;
  EXPECT_EQ(earlier.Judge().violated, Set({kReqShadow}));
}

TEST(ObservationalView, UndefAndExit) {
  Step undef({trace::SetGuestDebugOp(kUseHw)},
             trace::GuestWriteOp(DBGREF_REG_MDCCINT, 0, 0x1));
  undef.port.undef = 1;
  EXPECT_EQ(undef.Judge().violated, Set({kReqNoundef}));

  Step far({trace::SetGuestDebugOp(kUseHw)},
           trace::GuestExceptionOp(0xd0000000, 0x400804, 0x4010f8));
  ASSERT_EQ(far.port.far, 0x4010f8u);
  far.port.far = 0;
  EXPECT_EQ(far.Judge().violated, Set({kReqExit}));

  Step brk({trace::SetGuestDebugOp(kEnable | KVM_GUESTDBG_USE_SW_BP)},
           trace::GuestExceptionOp(0xf2000000, 0x400804, 0));
  brk.port.exit_reason = 0;
  brk.port.hsr = 0;
  brk.port.pc = 0;
  EXPECT_EQ(brk.Judge().violated, Set({kReqExit}));
}

TEST(ObservationalView, GuestContextAfterTheRun) {
  Step mdscr({trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, 0x40),
              trace::SetGuestDebugOp(kUseHw)},
             trace::GuestExceptionOp(0x04000000, 0x400000, 0));
  mdscr.port.ctx_mdscr_el1 = 0x40 | DBGREF_MDSCR_MDE;
  EXPECT_EQ(mdscr.Judge().violated, Set({kReqRestore}));

  Step ss({trace::SetGuestDebugOp(kStep)},
          trace::GuestExceptionOp(0x04000000, 0x400000, 0));
  ss.port.ctx_mdscr_el1 |= DBGREF_MDSCR_SS;
  EXPECT_EQ(ss.Judge().violated, Set({kReqRestore, kReqSs}));

  Step pstate({trace::SetGuestDebugOp(kStep)},
              trace::GuestExceptionOp(0x04000000, 0x400000, 0));
  pstate.port.ctx_pstate_ss = 1;
  EXPECT_EQ(pstate.Judge().violated, Set({kReqRestore, kReqSs}));

  Step entry({trace::SetGuestDebugOp(kStep)},
             trace::GuestExceptionOp(0x04000000, 0x400000, 0));
  entry.port.entry_pstate_ss = 0;
  EXPECT_EQ(entry.Judge().violated, Set({kReqSs}));
}

TEST(ObservationalView, GuestDebugOff) {
  Step mdscr({trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, 0x40)},
             trace::GuestExceptionOp(0x04000000, 0x400000, 0));
  mdscr.port.entry_mdscr_el1 |= DBGREF_MDSCR_SS;
  EXPECT_EQ(mdscr.Judge().violated, Set({kReqOff}));

  // Lazy switching: after a trapped write the next entry does not trap.
  Step lazy({trace::GuestWriteOp(DBGREF_REG_BCR, 0, 0x1001)},
            trace::GuestReadOp(DBGREF_REG_BCR, 0));
  ASSERT_EQ(lazy.port.trapped, 0u);
  lazy.port.entry_mdcr_el2 |= DBGREF_MDCR_TDA;
  lazy.port.trapped = 1;
  EXPECT_EQ(lazy.Judge().violated, Set({kReqOff}));

  // A direct access to hardware that holds the host's value.
  Step direct({trace::GuestWriteOp(DBGREF_REG_BCR, 1, 0x1001)},
              trace::GuestWriteOp(DBGREF_REG_BCR, 0, 0x20e5));
  ASSERT_EQ(direct.port.trapped, 0u);
  direct.port.entry_hw.dbg_bcr[0] = HostRegisterValue(DBGREF_REG_BCR, 0);
  EXPECT_EQ(direct.Judge().violated, Set({kReqIsolation, kReqOff}));
}

}  // namespace
}  // namespace dbgref::props
