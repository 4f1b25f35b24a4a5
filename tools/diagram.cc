// Explores the concrete model's debug modes and KVM_RUN phases, and prints
// them as DOT (see diagram.h).

#include "tools/diagram.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/guest_layout.h"
#include "model/record.h"
#include "model/record_convert.h"
#include "model/uapi.h"
#include "trace/names.h"
#include "trace/trace.h"

namespace dbgref::tools {
namespace {

// Distinct values in breakpoint 0, so that a look at the hardware tells
// whose registers it holds.
constexpr uint64_t kHostValue = 0xb0;
constexpr uint64_t kUserspaceValue = 0xe0;
constexpr uint64_t kGuestValue = 0xc0;

struct Mode {
  uint32_t control_class;  // 0 off, else ENABLE plus SINGLESTEP/USE_HW bits
  bool dirty;
  bool operator<(const Mode& o) const {
    return std::make_pair(control_class, dirty) <
           std::make_pair(o.control_class, o.dirty);
  }
  bool operator==(const Mode& o) const {
    return control_class == o.control_class && dirty == o.dirty;
  }
};

Mode ModeOf(const model::ConcreteVcpu& vcpu) {
  const uint32_t control = static_cast<uint32_t>(vcpu.control);
  uint32_t cls = 0;
  if (control & KVM_GUESTDBG_ENABLE) {
    cls = KVM_GUESTDBG_ENABLE |
          (control & (KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_HW));
  }
  return Mode{cls, vcpu.dirty};
}

std::string ModeId(const Mode& m) {
  return absl::StrCat("m", m.control_class, m.dirty ? "_dirty" : "_clean");
}

std::string ControlText(uint32_t cls) {
  if (cls == 0) return "guest debug off";
  if (cls == KVM_GUESTDBG_ENABLE) return "ENABLE (sw breakpoints)";
  return trace::ControlName(cls);
}

// An edge: a program (one instruction and the report) and the operations
// done from the mode. A KVM_RUN starts at the program's first line.
struct Edge {
  std::string label;
  dbgref_program program;
  std::vector<dbgref_op> ops;
};

dbgref_program ProgramOf(const dbgref_insn& insn) {
  dbgref_program p{};
  trace::AddLine(p, insn);
  trace::AddLine(p, trace::Report());
  return p;
}

Edge IoctlEdge(std::string label, const dbgref_op& op) {
  return Edge{std::move(label), ProgramOf(trace::Nop()), {op}};
}

Edge RunEdge(std::string label, const dbgref_insn& insn) {
  return Edge{std::move(label),
              ProgramOf(insn),
              {trace::SetOneRegOp(DBGREF_ONE_REG_PC, 0, DBGREF_CODE_BASE),
               trace::RunOp()}};
}

std::vector<Edge> Edges() {
  kvm_guest_debug_arch userspace{};
  userspace.dbg_bcr[0] = 0x1e7;
  userspace.dbg_bvr[0] = kUserspaceValue;
  return {
      IoctlEdge("SET_GUEST_DEBUG(0)", trace::SetGuestDebugOp(0)),
      IoctlEdge("SET_GUEST_DEBUG(ENABLE)",
                trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE)),
      IoctlEdge("SET_GUEST_DEBUG(ENABLE|SINGLESTEP)",
                trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE |
                                       KVM_GUESTDBG_SINGLESTEP)),
      IoctlEdge("SET_GUEST_DEBUG(ENABLE|USE_HW)",
                trace::SetGuestDebugOp(
                    KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW, userspace)),
      IoctlEdge("SET_GUEST_DEBUG(ENABLE|SINGLESTEP|USE_HW)",
                trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE |
                                           KVM_GUESTDBG_SINGLESTEP |
                                           KVM_GUESTDBG_USE_HW,
                                       userspace)),
      RunEdge("run: guest writes DBGBVR0_EL1",
              trace::Msr(DBGREF_REG_BVR, 0, kGuestValue)),
      RunEdge("run: guest sets MDSCR_EL1.MDE",
              trace::Msr(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE)),
      RunEdge("run: guest clears MDSCR_EL1",
              trace::Msr(DBGREF_REG_MDSCR, 0, 0)),
      RunEdge("run: guest reads DBGBVR0_EL1", trace::Mrs(DBGREF_REG_BVR, 0)),
      RunEdge("run: guest executes BRK", trace::Brk(1)),
      RunEdge("run: no debug instruction", trace::Nop()),
  };
}

const dbgref_host& Host() {
  static const dbgref_host host = [] {
    dbgref_host h{};
    h.id_aa64dfr0_el1 = 0;  // one breakpoint, one watchpoint
    h.host_regs.dbg_bvr[0] = kHostValue;
    return h;
  }();
  return host;
}

// What an entry sets up: the traps and whose registers the hardware holds.
std::string EntryTraps(const dbgref_obs& enter, const char* separator) {
  // The CPU treats TDA as set whenever TDE is (Arm ARM, MDCR_EL2.TDA).
  std::vector<std::string> traps;
  const bool tda = enter.entry_mdcr_el2 & DBGREF_MDCR_TDA;
  const bool tde = enter.entry_mdcr_el2 & DBGREF_MDCR_TDE;
  if (tda) traps.push_back("TDA");
  if (tde) traps.push_back(tda ? "TDE" : "TDE (TDA implied)");
  const uint64_t bvr0 = enter.entry_hw.dbg_bvr[0];
  const char* owner = bvr0 == kHostValue        ? "host"
                      : bvr0 == kUserspaceValue ? "userspace"
                                                : "guest";
  return absl::StrCat(
      "entry traps: ", traps.empty() ? "none" : absl::StrJoin(traps, "+"),
      separator, "hardware holds: ", owner, "'s registers");
}

// What the next entry from this state does.
std::string EntryText(const model::ConcreteVcpu& vcpu) {
  model::ConcreteVcpu state = vcpu;
  dbgref_obs enter{};
  bool found = false;
  const dbgref_program program = ProgramOf(trace::Nop());
  model::ForEachTransition(
      model::FromRecord(Host()), model::FromRecord(program), state,
      trace::RunOp(), [&](const model::ConcreteTransition& t) {
        const dbgref_obs o = model::ToRecord(t.obs);
        if (o.step == DBGREF_STEP_ENTER && !found) {
          enter = o;
          found = true;
        }
      });
  return EntryTraps(enter, "\\n");
}

std::string PhaseText(uint64_t phase, bool dirty) {
  const char* where = phase == model::kPhaseUser ? "in userspace"
                      : phase == model::kPhaseGuest ? "in the guest"
                      : phase == model::kPhaseExited
                          ? "exited to KVM"
                          : "handled in KVM, entering again";
  return absl::StrCat(where, "\\nDIRTY ", dirty ? "set" : "clear");
}

std::string PhaseId(uint64_t phase, bool dirty) {
  return absl::StrCat("p", phase, dirty ? "_dirty" : "_clean");
}

// A KVM_RUN step as an edge of the phase cluster.
std::string StepText(const dbgref_obs& o) {
  switch (o.step) {
    case DBGREF_STEP_ENTER:
      return absl::StrCat("ENTER: ", EntryTraps(o, ", "));
    case DBGREF_STEP_GUEST:
      switch (o.event) {
        case DBGREF_EVENT_RETIRED:
          return "GUEST: an instruction retires";
        case DBGREF_EVENT_EXCEPTION_EL1:
          return "GUEST: the guest takes its own exception";
        case DBGREF_EVENT_ERET:
          return "GUEST: its handler returns";
        default:
          return "GUEST: an exception to EL2";
      }
    default:
      return o.exit_reason == 0
                 ? "EXIT: emulated, back into the guest"
                 : absl::StrCat("EXIT: to userspace, ",
                                trace::ExitReasonName(o.exit_reason));
  }
}

}  // namespace

std::string DebugModeDiagramDot() {
  const dbgref_host& host = Host();
  const std::vector<Edge> edges = Edges();

  std::map<Mode, model::ConcreteVcpu> representative;
  std::map<std::pair<Mode, Mode>, std::vector<std::string>> transitions;
  // (phase, DIRTY) before and after each step of a KVM_RUN.
  using Phase = std::pair<uint64_t, bool>;
  std::map<std::pair<Phase, Phase>, std::set<std::string>> phases;
  std::vector<Mode> queue;
  const model::ConcreteVcpu reset = model::Reset(host);
  representative.emplace(ModeOf(reset), reset);
  queue.push_back(ModeOf(reset));
  for (size_t i = 0; i < queue.size(); ++i) {
    const Mode from = queue[i];
    for (const Edge& edge : edges) {
      model::ConcreteVcpu next = representative.at(from);
      for (const dbgref_op& op : edge.ops) {
        model::ForEachTransition(
            model::FromRecord(host), model::FromRecord(edge.program), next,
            op, [&](const model::ConcreteTransition& t) {
              const dbgref_obs o = model::ToRecord(t.obs);
              if (o.step != DBGREF_STEP_IOCTL) {
                phases[{{t.pre.phase, t.pre.dirty}, {t.post.phase, t.post.dirty}}]
                    .insert(StepText(o));
              }
            });
      }
      const Mode to = ModeOf(next);
      if (to == from) continue;
      transitions[{from, to}].push_back(edge.label);
      if (representative.emplace(to, next).second) queue.push_back(to);
    }
  }

  std::string dot =
      "// Generated by `dbgref diagram` from the model; do not edit.\n"
      "digraph debug_modes {\n"
      "  rankdir=LR;\n"
      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n"
      "  subgraph cluster_modes {\n"
      "    label=\"debug modes between KVM_RUNs\";\n";
  for (const auto& [mode, vcpu] : representative) {
    absl::StrAppend(&dot, "    ", ModeId(mode), " [label=\"",
                    ControlText(mode.control_class), "\\nDIRTY ",
                    mode.dirty ? "set" : "clear", "\\n", EntryText(vcpu),
                    "\"];\n");
  }
  for (const auto& [ends, labels] : transitions) {
    absl::StrAppend(&dot, "    ", ModeId(ends.first), " -> ",
                    ModeId(ends.second), " [label=\"",
                    absl::StrJoin(labels, "\\n"), "\"];\n");
  }
  absl::StrAppend(&dot,
                  "  }\n"
                  "  subgraph cluster_run {\n"
                  "    label=\"the steps of one KVM_RUN\";\n");
  std::set<Phase> seen;
  for (const auto& [ends, labels] : phases) {
    seen.insert(ends.first);
    seen.insert(ends.second);
  }
  for (const Phase& phase : seen) {
    absl::StrAppend(&dot, "    ", PhaseId(phase.first, phase.second),
                    " [label=\"", PhaseText(phase.first, phase.second),
                    "\"];\n");
  }
  for (const auto& [ends, labels] : phases) {
    absl::StrAppend(&dot, "    ", PhaseId(ends.first.first, ends.first.second),
                    " -> ", PhaseId(ends.second.first, ends.second.second),
                    " [label=\"", absl::StrJoin(labels, "\\n"), "\"];\n");
  }
  absl::StrAppend(&dot, "  }\n}\n");
  return dot;
}

}  // namespace dbgref::tools
