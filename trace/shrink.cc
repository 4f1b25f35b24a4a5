// The reductions and the rounds of shrinking (see shrink.h).
#include "trace/shrink.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "model/arch/registers.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"
#include "trace/trace.h"

namespace dbgref::trace {
namespace {

// ESR_ELx: IL (bit 25), and the ISS below it.
constexpr uint32_t kEsrIl = 1u << 25;
constexpr uint32_t kEsrIss = kEsrIl - 1;

// Sets field to plain; false when it already was.
template <class T>
bool MakePlain(T& field, T plain) {
  if (field == plain) return false;
  field = plain;
  return true;
}

template <class T>
bool ClearBits(T& field, T bits) {
  return MakePlain<T>(field, field & ~bits);
}

// One value of a record made plainer in place; false when it changes
// nothing.
using OpEdit = std::function<bool(dbgref_op&)>;
using HostEdit = std::function<bool(dbgref_host&)>;

// Applied to every operation whatever its kind: a field the kind does not
// use is 0 in a built trace, and noise in a solver's.
std::vector<OpEdit> OpEdits(Values values) {
  std::vector<OpEdit> edits;
  for (uint32_t bit :
       {KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_SW_BP, KVM_GUESTDBG_USE_HW}) {
    edits.push_back(
        [bit](dbgref_op& op) { return ClearBits(op.dbg.control, bit); });
  }
  for (int n = 0; n < 32; ++n) {
    const uint32_t bit = 1u << n;
    if ((bit & KVM_GUESTDBG_VALID_MASK) != 0) continue;
    edits.push_back(
        [bit](dbgref_op& op) { return ClearBits(op.dbg.control, bit); });
  }
  edits.push_back([](dbgref_op& op) { return MakePlain(op.dbg.pad, 0u); });
  for (uint32_t kind : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      edits.push_back([kind, n](dbgref_op& op) {
        return MakePlain<uint64_t>(model::RegisterBank(op.dbg.arch, kind)[n],
                                   0);
      });
    }
  }
  edits.push_back(
      [](dbgref_op& op) { return ClearBits(op.action.esr, kEsrIss); });
  edits.push_back(
      [](dbgref_op& op) { return MakePlain<uint64_t>(op.action.far, 0); });
  if (values == Values::kArbitrary) {
    edits.push_back(
        [](dbgref_op& op) { return ClearBits(op.action.esr, kEsrIl); });
    edits.push_back(
        [](dbgref_op& op) { return MakePlain<uint64_t>(op.action.pc, 0); });
    edits.push_back(
        [](dbgref_op& op) { return MakePlain<uint64_t>(op.action.value, 0); });
    edits.push_back(
        [](dbgref_op& op) { return MakePlain(op.action.index, 0u); });
  }
  return edits;
}

// ID_AA64DFR0_EL1 first: with fewer breakpoints and watchpoints, the
// registers that still matter are the low ones.
std::vector<HostEdit> HostEdits(Values values) {
  std::vector<HostEdit> edits;
  if (values == Values::kArbitrary) {
    edits.push_back([](dbgref_host& host) {
      return MakePlain<uint64_t>(host.id_aa64dfr0_el1, 0);
    });
    edits.push_back([](dbgref_host& host) {
      return MakePlain<uint64_t>(
          host.id_aa64dfr0_el1,
          host.id_aa64dfr0_el1 &
              ((DBGREF_DFR0_FIELD_MASK << DBGREF_DFR0_BRPS_SHIFT) |
               (DBGREF_DFR0_FIELD_MASK << DBGREF_DFR0_WRPS_SHIFT)));
    });
  }
  edits.push_back([](dbgref_host& host) {
    bool changed = false;
    for (uint32_t kind : model::kRegisterBanks) {
      for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
        changed |= MakePlain<uint64_t>(
            model::RegisterBank(host.host_regs, kind)[n], 0);
      }
    }
    return changed;
  });
  for (uint32_t kind : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      edits.push_back([kind, n](dbgref_host& host) {
        return MakePlain<uint64_t>(model::RegisterBank(host.host_regs, kind)[n],
                                   0);
      });
    }
  }
  return edits;
}

// One round; true when it kept a reduction.
bool Round(Trace& trace, absl::FunctionRef<bool(const Trace&)> still_fails,
           const std::vector<OpEdit>& op_edits,
           const std::vector<HostEdit>& host_edits) {
  bool kept = false;
  const auto keep_if_failing = [&](Trace candidate) {
    if (!still_fails(candidate)) return false;
    trace = std::move(candidate);
    kept = true;
    return true;
  };
  for (size_t i = trace.ops.size(); i-- > 0;) {
    Trace candidate = trace;
    candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
    keep_if_failing(std::move(candidate));
  }
  for (const HostEdit& edit : host_edits) {
    Trace candidate = trace;
    if (edit(candidate.host)) keep_if_failing(std::move(candidate));
  }
  for (size_t i = 0; i < trace.ops.size(); ++i) {
    for (const OpEdit& edit : op_edits) {
      dbgref_op op = trace.ops[i];
      if (!edit(op)) continue;
      Trace candidate = trace;
      candidate.ops[i] = op;
      keep_if_failing(std::move(candidate));
    }
  }
  return kept;
}

}  // namespace

Trace Shrink(Trace trace, absl::FunctionRef<bool(const Trace&)> still_fails,
             Values values) {
  if (!still_fails(trace)) return trace;
  const std::vector<OpEdit> op_edits = OpEdits(values);
  const std::vector<HostEdit> host_edits = HostEdits(values);
  while (Round(trace, still_fails, op_edits, host_edits)) {
  }
  return trace;
}

}  // namespace dbgref::trace
