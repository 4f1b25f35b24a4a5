// Explores the concrete model's debug modes and prints them as DOT (see
// diagram.h).

#include "tools/diagram.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "model/arch/registers.h"
#include "model/concrete.h"
#include "model/record.h"
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

struct Edge {
  std::string label;
  dbgref_op op;
};

std::vector<Edge> Edges() {
  kvm_guest_debug_arch userspace{};
  userspace.dbg_bcr[0] = 0x1e7;
  userspace.dbg_bvr[0] = kUserspaceValue;
  return {
      {"SET_GUEST_DEBUG(0)", trace::SetGuestDebugOp(0)},
      {"SET_GUEST_DEBUG(ENABLE)", trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE)},
      {"SET_GUEST_DEBUG(ENABLE|SINGLESTEP)",
       trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP)},
      {"SET_GUEST_DEBUG(ENABLE|USE_HW)",
       trace::SetGuestDebugOp(KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
                              userspace)},
      {"SET_GUEST_DEBUG(ENABLE|SINGLESTEP|USE_HW)",
       trace::SetGuestDebugOp(
           KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_HW,
           userspace)},
      {"run: guest writes DBGBVR0_EL1",
       trace::GuestWriteOp(DBGREF_REG_BVR, 0, kGuestValue)},
      {"run: guest sets MDSCR_EL1.MDE",
       trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, DBGREF_MDSCR_MDE)},
      {"run: guest clears MDSCR_EL1",
       trace::GuestWriteOp(DBGREF_REG_MDSCR, 0, 0)},
      {"run: any other exit",
       trace::GuestExceptionOp(DBGREF_EC_WFX << DBGREF_ESR_EC_SHIFT, 0x1000,
                               0)},
  };
}

// What the next entry from this state does: traps and hardware owner.
std::string EntryText(const dbgref_host& host,
                      const model::ConcreteVcpu& vcpu) {
  const dbgref_obs obs =
      model::Step(host, vcpu,
                  trace::GuestExceptionOp(DBGREF_EC_WFX << DBGREF_ESR_EC_SHIFT,
                                          0x1000, 0))
          .obs;
  // The CPU treats TDA as set whenever TDE is (Arm ARM, MDCR_EL2.TDA).
  std::vector<std::string> traps;
  const bool tda = obs.entry_mdcr_el2 & DBGREF_MDCR_TDA;
  const bool tde = obs.entry_mdcr_el2 & DBGREF_MDCR_TDE;
  if (tda) traps.push_back("TDA");
  if (tde) traps.push_back(tda ? "TDE" : "TDE (TDA implied)");
  const uint64_t bvr0 = obs.entry_hw.dbg_bvr[0];
  const char* owner = bvr0 == kHostValue        ? "host"
                      : bvr0 == kUserspaceValue ? "userspace"
                                                : "guest";
  return absl::StrCat(
      "entry traps: ", traps.empty() ? "none" : absl::StrJoin(traps, "+"),
      "\\nhardware holds: ", owner, "'s registers");
}

}  // namespace

std::string DebugModeDiagramDot() {
  dbgref_host host{};
  host.id_aa64dfr0_el1 = 0;
  host.host_regs.dbg_bvr[0] = kHostValue;
  const std::vector<Edge> edges = Edges();

  std::map<Mode, model::ConcreteVcpu> representative;
  std::map<std::pair<Mode, Mode>, std::vector<std::string>> transitions;
  std::vector<Mode> queue;
  const model::ConcreteVcpu reset = model::Reset(host);
  representative.emplace(ModeOf(reset), reset);
  queue.push_back(ModeOf(reset));
  for (size_t i = 0; i < queue.size(); ++i) {
    const Mode from = queue[i];
    const model::ConcreteVcpu vcpu = representative.at(from);
    for (const Edge& edge : edges) {
      const model::ConcreteVcpu next = model::Step(host, vcpu, edge.op).state;
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
      "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const auto& [mode, vcpu] : representative) {
    absl::StrAppend(&dot, "  ", ModeId(mode), " [label=\"",
                    ControlText(mode.control_class), "\\nDIRTY ",
                    mode.dirty ? "set" : "clear", "\\n", EntryText(host, vcpu),
                    "\"];\n");
  }
  for (const auto& [ends, labels] : transitions) {
    absl::StrAppend(&dot, "  ", ModeId(ends.first), " -> ", ModeId(ends.second),
                    " [label=\"", absl::StrJoin(labels, "\\n"), "\"];\n");
  }
  absl::StrAppend(&dot, "}\n");
  return dot;
}

}  // namespace dbgref::tools
