// The concrete façade: an ioctl is one transition, a KVM_RUN its ENTER,
// GUEST and EXIT transitions until it returns.
#include "model/concrete.h"

#include <array>
#include <cstdint>

#include "model/field_name.h"
#include "model/record_convert.h"
#include "model/run_op.h"

namespace dbgref::model {
namespace {

using C = ConcreteDomain;

// StartObs of every kind up to kExit, made once.
const ConcreteObs& StartObsOf(uint64_t kind) {
  static const auto* const starts = [] {
    auto* s = new std::array<ConcreteObs, kExit + 1>;
    for (uint64_t k = 0; k <= kExit; ++k) (*s)[k] = StartObs<C>(k);
    return s;
  }();
  return (*starts)[kind];
}

// Copies the words and flags of an observation, not its debug registers.
struct CopyObsScalars {
  void Word(const FieldName&, const uint64_t& from, uint64_t& to) { to = from; }
  void Bool(const FieldName&, const bool& from, bool& to) { to = from; }
  void Regs(const FieldName&, const DebugRegs<C>&, DebugRegs<C>&) {}
};

// o becomes StartObs(kind) in every field the transition's rule and its
// record read: an ENTER's entry_hw is copied too, unless hw_zero says it is
// zero already; no other kind reads or records entry_hw (StepInPlace).
void StartObsFor(uint64_t kind, bool hw_zero, ConcreteObs& o) {
  if (kind > kExit) {  // an ioctl of no kind the model knows
    o = StartObs<C>(kind);
    return;
  }
  const ConcreteObs& start = StartObsOf(kind);
  if (hw_zero || kind != kEnter) {
    CopyObsScalars copy;
    WalkObs(copy, FieldName(""), start, o);
  } else {
    o = start;
  }
}

}  // namespace

ConcreteVcpu Reset(const dbgref_host& host) {
  (void)host;  // reset does not depend on the host
  return ResetState<C>();
}

std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out, bool* hw_set) {
  // One observation for every transition of op, each time made what
  // StartObs(kind) makes before the transition's rule fills it. Its 64
  // words of entry_hw are read and recorded only by an ENTER, the one kind
  // whose rule writes them (ObserveEntry, model/run.h): they are made zero
  // before an ENTER unless they are zero already (hw_zero), and the record
  // of any other kind gets them cleared without a copy, or not at all
  // where hw_set says they are zero already.
  ConcreteObs o;
  bool hw_zero = false;
  std::size_t n = 0;
  ForEachTransitionInput(state, op, [&](uint64_t kind, const ConcreteOp& in) {
    StartObsFor(kind, hw_zero, o);
    const bool enter = kind == kEnter;
    hw_zero = hw_zero || enter;
    if (Applicable<C>(state, in)) {
      ApplyTransition<C, DBGREF_MAX_PROGRAM_LINES>(kind, host, program, state,
                                                   in, o);
      hw_zero = hw_zero && !enter;
    }
    if (n < kMaxObsPerOp) {
      if (!enter) {
        ToRecordWithZeroRegs(o, &out[n], hw_set == nullptr || hw_set[n]);
        if (hw_set != nullptr) hw_set[n] = false;
      } else {
        ToRecord(o, &out[n]);
        if (hw_set != nullptr) hw_set[n] = true;
      }
      ++n;
    }
  });
  return n;
}

std::size_t StepInPlace(const ConcreteHost& host,
                        const ConcreteProgram& program, ConcreteVcpu& state,
                        const dbgref_op& op, dbgref_obs* out) {
  return StepInPlace(host, program, state, op, out, nullptr);
}

void ForEachTransition(
    const ConcreteHost& host, const ConcreteProgram& program,
    ConcreteVcpu& state, const dbgref_op& op,
    const std::function<void(const ConcreteTransition&)>& visit) {
  ForEachTransitionOf<DBGREF_MAX_PROGRAM_LINES>(host, program, state, op,
                                                visit);
}

ConcreteStep Step(const dbgref_host& host, const dbgref_program& program,
                  const ConcreteVcpu& state, const dbgref_op& op) {
  ConcreteStep r{state, std::vector<dbgref_obs>(kMaxObsPerOp)};
  const std::size_t n = StepInPlace(FromRecord(host), FromRecord(program),
                                    r.state, op, r.obs.data());
  r.obs.resize(n);
  return r;
}

}  // namespace dbgref::model
