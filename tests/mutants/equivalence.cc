#include "tests/mutants/equivalence.h"

#include <cstdio>

#include "model/arch/syndrome.h"
#include "model/clear_debug.h"
#include "model/handle_exit.h"
#include "model/observe.h"
#include "model/run.h"
#include "model/setup_debug.h"
#include "model/world_switch.h"
#include "proofs/z3_domain.h"

namespace dbgref::mutants {

using proofs::Z;

bool Check(z3::context& ctx, const char* what, const z3::expr& query,
           z3::check_result want) {
  z3::solver solver(ctx);
  solver.add(query);
  const z3::check_result got = solver.check();
  const bool ok = got == want;
  const char* verdict = got == z3::unsat ? "unsat"
                        : got == z3::sat ? "sat"
                                         : "unknown";
  std::printf("%s %s: %s\n", ok ? "ok  " : "FAIL", what, verdict);
  if (!ok && got == z3::sat) {
    std::printf("model:\n%s\n", solver.get_model().to_string().c_str());
  }
  return ok;
}

BeforeClear ExitUpToClearDebug(const proofs::SymState& pre) {
  proofs::SymState s = pre;
  const model::Cpu<Z> cpu = s.cpu;
  const z3::expr interrupted = model::Interrupted<Z>(cpu);
  model::RecordWrite<Z>(
      s.ghost,
      Z::and_(Z::not_(interrupted),
              model::HasClass<Z>(cpu.esr_el2, DBGREF_EC_SYS64)),
      cpu.trapped);
  model::WorldSwitchOut<Z>(s, cpu);
  return BeforeClear{s, cpu, interrupted};
}

z3::expr ClearDebugEsr(const BeforeClear& before) {
  return Z::ite(before.interrupted, Z::lit(0), before.cpu.esr_el2);
}

z3::expr ComposedIsExit(const proofs::SymState& pre) {
  const BeforeClear before = ExitUpToClearDebug(pre);
  proofs::SymState composed = before.state;
  model::ClearDebug<Z>(composed, ClearDebugEsr(before));
  model::HandleExit<Z>(composed, before.cpu, before.interrupted);
  proofs::SymState exited = pre;
  model::Obs<Z> o = model::ZeroObs<Z>(Z::lit(0), Z::lit(0));
  model::Exit<Z>(exited, o);
  composed.ghost = exited.ghost;
  composed.cpu = exited.cpu;
  return model::StateEq<Z>(composed, exited);
}

z3::expr ComposedIsEnter(const proofs::SymHost& host,
                         const proofs::SymState& pre) {
  proofs::SymState composed = pre;
  model::SetupDebug<Z>(composed);
  model::WorldSwitchIn<Z>(host, composed);
  proofs::SymState entered = pre;
  model::Obs<Z> o = model::ZeroObs<Z>(Z::lit(0), Z::lit(0));
  model::Enter<Z>(host, entered, o);
  composed.steps = entered.steps;
  composed.ghost = entered.ghost;
  composed.phase = entered.phase;
  return model::StateEq<Z>(composed, entered) &&
         model::CpuEq<Z>(composed.cpu, entered.cpu);
}

}  // namespace dbgref::mutants
