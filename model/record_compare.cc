// Comparison and printing of struct dbgref_obs, field by field.
#include "model/record_compare.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace dbgref::model {
namespace {

std::string Hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "0x%" PRIx64, v);
  return buf;
}

std::string Dec(int64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%" PRId64, v);
  return buf;
}

// Calls visit(name, a_text, b_text, equal) for every field of the record.
template <class Visit>
void VisitFields(const dbgref_obs& a, const dbgref_obs& b, Visit visit) {
  auto word = [&](const char* name, uint64_t x, uint64_t y) {
    visit(std::string(name), Hex(x), Hex(y), x == y);
  };
  visit("op_kind", Dec(a.op_kind), Dec(b.op_kind), a.op_kind == b.op_kind);
  visit("ret", Dec(a.ret), Dec(b.ret), a.ret == b.ret);
  word("entry_mdcr_el2", a.entry_mdcr_el2, b.entry_mdcr_el2);
  auto bank = [&](const char* name, const uint64_t* x, const uint64_t* y) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      word((std::string("entry_hw.") + name + "[" + std::to_string(n) + "]")
               .c_str(),
           x[n], y[n]);
    }
  };
  bank("dbg_bcr", a.entry_hw.dbg_bcr, b.entry_hw.dbg_bcr);
  bank("dbg_bvr", a.entry_hw.dbg_bvr, b.entry_hw.dbg_bvr);
  bank("dbg_wcr", a.entry_hw.dbg_wcr, b.entry_hw.dbg_wcr);
  bank("dbg_wvr", a.entry_hw.dbg_wvr, b.entry_hw.dbg_wvr);
  word("entry_mdscr_el1", a.entry_mdscr_el1, b.entry_mdscr_el1);
  word("entry_pstate_ss", a.entry_pstate_ss, b.entry_pstate_ss);
  word("trapped", a.trapped, b.trapped);
  word("undef", a.undef, b.undef);
  word("read_value", a.read_value, b.read_value);
  word("exit_reason", a.exit_reason, b.exit_reason);
  word("hsr", a.hsr, b.hsr);
  word("pc", a.pc, b.pc);
  word("far", a.far, b.far);
  word("ctx_mdscr_el1", a.ctx_mdscr_el1, b.ctx_mdscr_el1);
  word("ctx_pstate_ss", a.ctx_pstate_ss, b.ctx_pstate_ss);
}

}  // namespace

bool ObsEqual(const dbgref_obs& a, const dbgref_obs& b) {
  // Direct comparisons: the differential check calls this on every step.
  return a.op_kind == b.op_kind && a.ret == b.ret &&
         a.entry_mdcr_el2 == b.entry_mdcr_el2 &&
         std::memcmp(&a.entry_hw, &b.entry_hw, sizeof(a.entry_hw)) == 0 &&
         a.entry_mdscr_el1 == b.entry_mdscr_el1 &&
         a.entry_pstate_ss == b.entry_pstate_ss && a.trapped == b.trapped &&
         a.undef == b.undef && a.read_value == b.read_value &&
         a.exit_reason == b.exit_reason && a.hsr == b.hsr && a.pc == b.pc &&
         a.far == b.far && a.ctx_mdscr_el1 == b.ctx_mdscr_el1 &&
         a.ctx_pstate_ss == b.ctx_pstate_ss;
}

std::string ObsDiff(const dbgref_obs& a, const dbgref_obs& b) {
  std::string out;
  VisitFields(a, b,
              [&](const std::string& name, const std::string& x,
                  const std::string& y, bool same) {
                if (!same) out += name + ": " + x + " != " + y + "\n";
              });
  return out;
}

std::string ObsToString(const dbgref_obs& o) {
  std::string out;
  VisitFields(o, o,
              [&](const std::string& name, const std::string& x,
                  const std::string&, bool) {
                const bool bank_entry = name.rfind("entry_hw.", 0) == 0;
                if (!bank_entry || x != "0x0") out += name + " = " + x + "\n";
              });
  return out;
}

}  // namespace dbgref::model

extern "C" int dbgref_obs_equal(const struct dbgref_obs* a,
                                const struct dbgref_obs* b) {
  return dbgref::model::ObsEqual(*a, *b) ? 1 : 0;
}
