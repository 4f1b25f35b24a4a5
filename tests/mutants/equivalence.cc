#include "tests/mutants/equivalence.h"

#include <cstdio>

#include "model/clear_debug.h"
#include "model/handle_exit.h"
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

BeforeClear RunUpToClearDebug(const proofs::SymHost& host,
                              const proofs::SymState& pre,
                              const model::Action<Z>& action) {
  proofs::SymState s = pre;
  model::SetupDebug<Z>(s);
  model::Cpu<Z> cpu = model::WorldSwitchIn<Z>(host, s);
  const model::GuestEvent<Z> event = model::ExecuteGuestAction<Z>(cpu, action);
  model::RecordGuestIntent<Z>(s.ghost, action);
  model::WorldSwitchOut<Z>(s, cpu);
  return BeforeClear{s, event};
}

z3::expr ComposedIsRunIteration(const proofs::SymHost& host,
                                const proofs::SymState& pre,
                                const model::Action<Z>& action) {
  const BeforeClear before = RunUpToClearDebug(host, pre, action);
  proofs::SymState after = before.state;
  model::ClearDebug<Z>(after);
  model::HandleExit<Z>(after, action, before.event);
  model::Op<Z> op = model::ZeroOp<Z>();
  op.kind = Z::lit(DBGREF_OP_RUN);
  op.action = action;
  return model::StateEq<Z>(after, model::RunTransition<Z>(host, pre, op).post);
}

}  // namespace dbgref::mutants
