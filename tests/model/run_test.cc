// KVM_RUN as its transitions (model/run.h, model/step.h): ENTER
// (setup_debug, the world switch in), GUEST steps until an exception to
// EL2, EXIT (the world switch out, clear_debug, handle_exit), and again
// while handle_exit goes back into the guest (kc:"The KVM_RUN loop");
// which transition applies in which phase; the bound of 40 guest steps,
// at which a host interrupt ends the KVM_RUN with -EINTR and KVM_EXIT_INTR
// (spec/decisions.md, "The bound on a KVM_RUN"); and a KVM_RUN that begins
// with the step already pending (spec/decisions.md, "Single-step counts
// completed instructions").
#include "model/run.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "model/concrete.h"
#include "model/op.h"
#include "model/record_convert.h"
#include "model/state.h"
#include "model/step.h"
#include "tests/util/facts.h"
#include "tests/util/vcpu.h"

namespace dbgref::tests {
namespace {

using model::ConcreteTransition;
using model::ConcreteVcpu;

constexpr std::size_t N = DBGREF_MAX_PROGRAM_LINES;

// One transition of `kind` by hand, checked like the façade's.
class Steps {
 public:
  explicit Steps(const dbgref_program& p, const dbgref_host& h = Host())
      : host_(model::FromRecord(h)),
        program_(model::FromRecord(p)),
        state_(model::ResetState<C>()) {}
  ConcreteTransition Do(uint64_t kind,
                        model::ConcreteOp op = model::OpOfKind<C>(0)) {
    op.kind = kind;
    const ConcreteTransition t =
        model::TransitionOfKind<C, N>(kind, host_, program_, state_, op);
    EXPECT_EQ(Broken(t), "") << "kind " << kind;
    state_ = t.post;
    return t;
  }
  ConcreteVcpu& state() { return state_; }

 private:
  model::ConcreteHost host_;
  model::ConcreteProgram program_;
  ConcreteVcpu state_;
};

std::vector<uint32_t> StepKinds(const std::vector<dbgref_obs>& obs) {
  std::vector<uint32_t> out;
  for (const dbgref_obs& o : obs) out.push_back(o.step);
  return out;
}

constexpr uint32_t kEnter = DBGREF_STEP_ENTER;
constexpr uint32_t kGuest = DBGREF_STEP_GUEST;
constexpr uint32_t kExit = DBGREF_STEP_EXIT;

TEST(Run, AKvmRunIsEnterGuestStepsAndExitAndAgainAfterAnEmulation) {
  // nop; msr (trapped: DIRTY is clear); report.
  ModelVcpu v(Program({Nop(), Msr(DBGREF_REG_WCR, 1, 0), Report()}));
  const std::vector<dbgref_obs> run = v.Run();
  EXPECT_EQ(StepKinds(run),
            (std::vector<uint32_t>{kEnter, kGuest, kGuest, kExit, kEnter,
                                   kGuest, kExit}));
  for (const dbgref_obs& o : run) {
    EXPECT_EQ(o.op_kind, uint32_t{DBGREF_OP_RUN});
  }
  EXPECT_EQ(run[1].event, uint32_t{DBGREF_EVENT_RETIRED});
  EXPECT_EQ(run[1].pc, facts::Line(0));
  EXPECT_EQ(run[2].event, uint32_t{DBGREF_EVENT_TO_EL2});
  EXPECT_EQ(run[2].esr, facts::Sys64(2, 0, 0, 1, 7, false));
  EXPECT_EQ(run[3].exit_reason, 0u);
  // The second entry starts past the emulated MSR.
  EXPECT_EQ(run[4].entry_pc, facts::Line(2));
  EXPECT_EQ(run[5].esr, facts::kMmioStoreAbort);
  EXPECT_EQ(run[6].exit_reason, facts::kExitMmio);
  EXPECT_EQ(run[6].mmio_addr, facts::kMmioReport);
  EXPECT_EQ(run[6].ret, 0);
  EXPECT_EQ(v.state().phase, uint64_t{model::kPhaseUser});
}

TEST(Run, TheNextKvmRunCompletesTheMmioStore) {
  ModelVcpu v(Program({Report(), Nop()}));
  ASSERT_EQ(v.RunToExit().exit_pc, facts::Line(0));
  const std::vector<dbgref_obs> run = v.Run();
  EXPECT_EQ(run.front().entry_pc, facts::Line(1));
  // Past the program, the END report.
  EXPECT_EQ(run.back().mmio_addr, facts::kMmioEnd);
  EXPECT_EQ(run.back().exit_pc, facts::Line(2));
}

TEST(Run, EachTransitionAppliesOnlyInItsPhase) {
  Steps s(Program({Nop()}));
  const ConcreteVcpu user = s.state();
  // In userspace: GUEST and EXIT do not apply, and change nothing.
  for (const uint64_t kind :
       {uint64_t{model::kGuest}, uint64_t{model::kExit}}) {
    model::ConcreteOp op = model::OpOfKind<C>(kind);
    const ConcreteTransition t = model::TransitionOfKind<C, N>(
        kind, model::FromRecord(Host()), model::FromRecord(Program({Nop()})),
        user, op);
    EXPECT_FALSE(model::Applicable<C>(user, op)) << kind;
    EXPECT_TRUE(model::StateEq<C>(t.post, user)) << kind;
  }
  s.Do(model::kEnter);
  const ConcreteVcpu guest = s.state();
  EXPECT_EQ(guest.phase, uint64_t{model::kPhaseGuest});
  // In the guest: no ioctl, no ENTER, no EXIT.
  for (const uint64_t kind :
       {uint64_t{model::kSetGuestDebug}, uint64_t{model::kCheckExtension},
        uint64_t{model::kGetOneReg}, uint64_t{model::kSetOneReg},
        uint64_t{model::kVcpuInit}, uint64_t{model::kEnter},
        uint64_t{model::kExit}}) {
    model::ConcreteOp op = model::OpOfKind<C>(kind);
    op.control = facts::kEnable;
    const ConcreteTransition t = model::TransitionOfKind<C, N>(
        kind, model::FromRecord(Host()), model::FromRecord(Program({Nop()})),
        guest, op);
    EXPECT_FALSE(model::Applicable<C>(guest, op)) << kind;
    EXPECT_TRUE(model::StateEq<C>(t.post, guest)) << kind;
    EXPECT_EQ(t.obs.ret, 0u) << kind;
  }
  s.Do(model::kGuest);  // the nop
  s.Do(model::kGuest);  // the END report: to EL2
  EXPECT_EQ(s.state().phase, uint64_t{model::kPhaseExited});
  s.Do(model::kExit);
  EXPECT_EQ(s.state().phase, uint64_t{model::kPhaseUser});
}

TEST(Run, TheBoundEndsTheKvmRunWithEintr) {
  // No valid program reaches the bound; the state is put 1 step before it.
  Steps s(Program({Nop(), Nop(), Nop()}));
  s.Do(model::kEnter);
  s.state().steps = facts::kMaxGuestSteps - 1;
  const ConcreteTransition last = s.Do(model::kGuest);
  EXPECT_EQ(last.obs.event, uint64_t{DBGREF_EVENT_RETIRED});
  EXPECT_EQ(s.state().steps, facts::kMaxGuestSteps);
  const ConcreteTransition bound = s.Do(model::kGuest);
  EXPECT_EQ(bound.obs.event, uint64_t{DBGREF_EVENT_TO_EL2});
  EXPECT_EQ(bound.obs.pc, facts::Line(1));
  EXPECT_EQ(s.state().phase, uint64_t{model::kPhaseExited});
  // The instruction at the PC did not run.
  EXPECT_EQ(s.state().cpu.pc, facts::Line(1));
  const ConcreteTransition exit = s.Do(model::kExit);
  EXPECT_EQ(exit.obs.exit_reason, facts::kExitIntr);
  EXPECT_EQ(static_cast<int64_t>(exit.obs.ret), facts::kEintr);
  EXPECT_EQ(exit.obs.exit_pc, facts::Line(1));
  EXPECT_EQ(s.state().phase, uint64_t{model::kPhaseUser});
  // The next KVM_RUN starts afresh at that instruction.
  const ConcreteTransition enter = s.Do(model::kEnter);
  EXPECT_EQ(s.state().steps, 0u);
  EXPECT_EQ(enter.obs.entry_pc, facts::Line(1));
}

TEST(Run, REQ_SS_AKvmRunThatBeginsWithTheStepPendingExitsAtOnce) {
  // Single-stepping: the nop completes (the step is now active-pending),
  // and the bound's interrupt comes before the step exception. The next
  // KVM_RUN takes the step exception before any instruction: ISV 0, pc
  // the next line.
  Steps s(Program({Nop(), Nop()}));
  model::ConcreteOp debug = model::OpOfKind<C>(model::kSetGuestDebug);
  debug.control = facts::kEnable | facts::kSingleStep;
  s.Do(model::kSetGuestDebug, debug);
  s.Do(model::kEnter);
  s.Do(model::kGuest);  // the nop
  s.state().steps = facts::kMaxGuestSteps;
  s.Do(model::kGuest);  // the interrupt
  ASSERT_EQ(s.Do(model::kExit).obs.exit_reason, facts::kExitIntr);
  EXPECT_TRUE(s.state().pending_step);
  const ConcreteTransition enter = s.Do(model::kEnter);
  EXPECT_EQ(enter.obs.entry_pstate & facts::kPstateSs, 0u);
  const ConcreteTransition step = s.Do(model::kGuest);
  EXPECT_EQ(step.obs.esr, facts::kStepExit);
  EXPECT_EQ(step.obs.pc, facts::Line(1));
  const ConcreteTransition exit = s.Do(model::kExit);
  EXPECT_EQ(exit.obs.exit_reason, facts::kExitDebug);
  EXPECT_EQ(exit.obs.exit_pc, facts::Line(1));
  EXPECT_FALSE(s.state().pending_step);
}

TEST(Run, REQ_SS_EveryStepExitComesAfterExactlyOneInstruction) {
  // A load, a store, a trapped MRS, a nop: four exits, the PC one line on
  // each time; ISV 1 after an instruction that ran, 0 after the emulated
  // one (its step exception is taken at once after KVM skips it).
  ModelVcpu v(Program({Load(8, facts::kDataBase), Store(2, facts::kDataBase),
                       Mrs(DBGREF_REG_MDSCR), Nop()}));
  ASSERT_EQ(v.SetGuestDebug(facts::kEnable | facts::kSingleStep), 0);
  const uint64_t hsr[] = {facts::kStepExitIsv, facts::kStepExitIsv,
                          facts::kStepExit, facts::kStepExitIsv};
  for (int k = 0; k < 4; ++k) {
    const std::vector<dbgref_obs> run = v.Run();
    EXPECT_EQ(run.back().exit_reason, facts::kExitDebug) << k;
    EXPECT_EQ(run.back().hsr, hsr[k]) << k;
    EXPECT_EQ(run.back().exit_pc, facts::Line(k + 1)) << k;
    // One instruction executed in the guest, or one emulated.
    EXPECT_EQ(RetiredPcs(run).size(), k == 2 ? 0u : 1u) << k;
  }
}

TEST(Step, TheGenericStepSelectsTheTransitionOfTheOpsKind) {
  // model::Step builds every kind and selects by op.kind with ite, which
  // a symbolic kind needs; on concrete values it is TransitionOfKind.
  const model::ConcreteHost h = model::FromRecord(Host());
  const model::ConcreteProgram p = model::FromRecord(Program({Nop()}));
  ConcreteVcpu s = model::ResetState<C>();
  for (const uint64_t kind : model::kTransitionKinds) {
    model::ConcreteOp op = model::OpOfKind<C>(kind);
    op.control = facts::kEnable | facts::kSingleStep;
    op.reg = DBGREF_ONE_REG_PC;
    op.value = facts::Line(0);
    const ConcreteTransition a = model::Step<C, N>(h, p, s, op);
    const ConcreteTransition b =
        model::TransitionOfKind<C, N>(kind, h, p, s, op);
    EXPECT_TRUE(model::StateEq<C>(a.post, b.post)) << kind;
    EXPECT_EQ(model::ObsDiff(model::ToRecord(a.obs), model::ToRecord(b.obs)),
              "")
        << kind;
    if (model::Applicable<C>(s, op)) s = b.post;
  }
  // A kind that is none of them changes nothing.
  const ConcreteTransition none =
      model::Step<C, N>(h, p, s, model::OpOfKind<C>(99));
  EXPECT_TRUE(model::StateEq<C>(none.post, s));
}

}  // namespace
}  // namespace dbgref::tests
