// The reductions of a trace.
#include "props/reduce.h"

#include <cstdint>
#include <cstring>
#include <utility>

#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"

namespace dbgref::props {
namespace {

// pc moved up by 4 when it names a line after `removed`.
void Relocate(const dbgref_program& before, uint64_t removed, uint64_t& pc) {
  if (pc <= removed) return;
  for (uint32_t i = 0; i < before.count; ++i) {
    if (before.line[i].pc == pc) {
      pc -= 4;
      return;
    }
  }
}

bool Keep(trace::Trace& t, trace::Trace candidate,
          absl::FunctionRef<bool(const trace::Trace&)> still_fails) {
  if (!still_fails(candidate)) return false;
  t = std::move(candidate);
  return true;
}

template <class Edit>
bool TryEachOp(trace::Trace& t, Edit edit,
               absl::FunctionRef<bool(const trace::Trace&)> still_fails) {
  bool kept = false;
  for (std::size_t i = 0; i < t.ops.size(); ++i) {
    dbgref_op op = t.ops[i];
    if (!edit(op)) continue;
    trace::Trace candidate = t;
    candidate.ops[i] = op;
    kept |= Keep(t, std::move(candidate), still_fails);
  }
  return kept;
}

bool Round(trace::Trace& t,
           absl::FunctionRef<bool(const trace::Trace&)> still_fails) {
  bool kept = false;
  for (std::size_t i = t.ops.size(); i-- > 0;) {
    kept |= Keep(t, DeleteOp(t, i), still_fails);
  }
  for (std::size_t k = t.program.count; k-- > 0;) {
    kept |= Keep(t, DeleteLine(t, k), still_fails);
  }
  for (uint32_t bit = 1; bit != 0; bit <<= 1) {
    if (bit == KVM_GUESTDBG_ENABLE) continue;
    kept |= TryEachOp(
        t,
        [bit](dbgref_op& op) {
          if (op.kind != DBGREF_OP_SET_GUEST_DEBUG ||
              (op.dbg.control & bit) == 0) {
            return false;
          }
          op.dbg.control &= ~bit;
          return true;
        },
        still_fails);
  }
  for (uint32_t bank : model::kRegisterBanks) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      kept |= TryEachOp(
          t,
          [bank, n](dbgref_op& op) {
            uint64_t& v = model::RegisterBank(op.dbg.arch, bank)[n];
            if (op.kind != DBGREF_OP_SET_GUEST_DEBUG || v == 0) return false;
            v = 0;
            return true;
          },
          still_fails);
    }
  }
  for (uint32_t k = 0; k < t.program.count; ++k) {
    if (t.program.line[k].insn.kind == DBGREF_INSN_NOP) continue;
    trace::Trace candidate = t;
    candidate.program.line[k].insn = dbgref_insn{};
    kept |= Keep(t, std::move(candidate), still_fails);
  }
  trace::Trace plain_host = t;
  plain_host.host.host_regs = kvm_guest_debug_arch{};
  if (std::memcmp(&plain_host.host.host_regs, &t.host.host_regs,
                  sizeof(kvm_guest_debug_arch)) != 0) {
    kept |= Keep(t, std::move(plain_host), still_fails);
  }
  return kept;
}

}  // namespace

trace::Trace DeleteOp(const trace::Trace& t, std::size_t i) {
  trace::Trace out = t;
  if (i < out.ops.size()) {
    out.ops.erase(out.ops.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return out;
}

trace::Trace DeleteLine(const trace::Trace& t, std::size_t k) {
  trace::Trace out = t;
  dbgref_program& p = out.program;
  if (k >= p.count) return out;
  const uint64_t removed = p.line[k].pc;
  for (uint32_t i = 0; i < p.count; ++i) {
    dbgref_insn& insn = p.line[i].insn;
    if (insn.kind == DBGREF_INSN_MSR && insn.reg == DBGREF_REG_BVR) {
      Relocate(t.program, removed, insn.value);
    }
  }
  for (dbgref_op& op : out.ops) {
    if (op.kind == DBGREF_OP_SET_GUEST_DEBUG) {
      for (uint64_t& bvr : op.dbg.arch.dbg_bvr) Relocate(t.program, removed, bvr);
    }
    if (op.kind == DBGREF_OP_SET_ONE_REG &&
        (op.reg == DBGREF_ONE_REG_PC || op.reg == DBGREF_ONE_REG_BVR)) {
      Relocate(t.program, removed, op.value);
    }
  }
  for (uint32_t i = static_cast<uint32_t>(k); i + 1 < p.count; ++i) {
    p.line[i] = p.line[i + 1];
    p.line[i].pc = t.program.line[i + 1].pc > removed
                       ? t.program.line[i + 1].pc - 4
                       : t.program.line[i + 1].pc;
  }
  --p.count;
  p.line[p.count] = dbgref_line{};
  return out;
}

trace::Trace Reduce(trace::Trace t,
                    absl::FunctionRef<bool(const trace::Trace&)> still_fails) {
  if (!still_fails(t)) return t;
  while (Round(t, still_fails)) {
  }
  return t;
}

bool IsOneMinimal(const trace::Trace& t,
                  absl::FunctionRef<bool(const trace::Trace&)> still_fails) {
  for (std::size_t i = 0; i < t.ops.size(); ++i) {
    if (still_fails(DeleteOp(t, i))) return false;
  }
  for (std::size_t k = 0; k < t.program.count; ++k) {
    if (still_fails(DeleteLine(t, k))) return false;
  }
  return true;
}

}  // namespace dbgref::props
