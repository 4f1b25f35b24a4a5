// Comparison and printing of struct dbgref_obs, field by field, walking the
// record's one list of fields (WalkObs, model/observe.h).
#include "model/record_compare.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>

#include "model/concrete_domain.h"
#include "model/field_name.h"
#include "model/observe.h"
#include "model/record_ops.h"

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

// Calls visit(name, a_text, b_text, equal) for every field of two records;
// a bank entry is named "entry_hw.dbg_bcr[3]". Names and texts are built
// only for the fields visit asks about (want(equal)).
template <class Want, class Visit>
struct TextWalker {
  Want want;
  Visit visit;
  void Word(const FieldName& name, const int64_t& x, const int64_t& y) {
    if (want(x == y)) visit(name.str(), Dec(x), Dec(y), x == y);
  }
  template <class T>
  void Word(const FieldName& name, const T& x, const T& y) {
    if (want(x == y)) visit(name.str(), Hex(x), Hex(y), x == y);
  }
  void Bool(const FieldName& name, const uint32_t& x, const uint32_t& y) {
    Word(name, x, y);
  }
  void Regs(const FieldName& name, const kvm_guest_debug_arch& x,
            const kvm_guest_debug_arch& y) {
    Bank(name, "dbg_bcr", x.dbg_bcr, y.dbg_bcr);
    Bank(name, "dbg_bvr", x.dbg_bvr, y.dbg_bvr);
    Bank(name, "dbg_wcr", x.dbg_wcr, y.dbg_wcr);
    Bank(name, "dbg_wvr", x.dbg_wvr, y.dbg_wvr);
  }
  void Bank(const FieldName& name, const char* bank, const uint64_t* x,
            const uint64_t* y) {
    for (int n = 0; n < KVM_ARM_MAX_DBG_REGS; ++n) {
      if (!want(x[n] == y[n])) continue;
      visit(name.str() + "." + bank + "[" + std::to_string(n) + "]", Hex(x[n]),
            Hex(y[n]), x[n] == y[n]);
    }
  }
};

template <class Want, class Visit>
void VisitFields(const dbgref_obs& a, const dbgref_obs& b, Want want,
                 Visit visit) {
  TextWalker<Want, Visit> walker{want, visit};
  WalkObs(walker, FieldName(""), a, b);
}

}  // namespace

bool ObsEqual(const dbgref_obs& a, const dbgref_obs& b) {
  // Equal bytes are equal fields (a flag is stored as 0 or 1); records
  // whose bytes differ are compared over the bytes of their fields, not
  // their padding.
  return RecordsEqual<ConcreteDomain>(kWalkObs, a, b);
}

std::vector<FieldDifference> ObsDifferences(const dbgref_obs& a,
                                            const dbgref_obs& b) {
  std::vector<FieldDifference> out;
  VisitFields(
      a, b, [](bool same) { return !same; },
      [&](std::string name, std::string x, std::string y, bool) {
        out.push_back(
            FieldDifference{std::move(name), std::move(x), std::move(y)});
      });
  return out;
}

std::string ObsDiff(const dbgref_obs& a, const dbgref_obs& b) {
  std::string out;
  for (const FieldDifference& d : ObsDifferences(a, b)) {
    out += d.field + ": " + d.a + " != " + d.b + "\n";
  }
  return out;
}

std::string ObsToString(const dbgref_obs& o) {
  std::string out;
  VisitFields(
      o, o, [](bool) { return true; },
      [&](const std::string& name, const std::string& x, const std::string&,
          bool) {
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
