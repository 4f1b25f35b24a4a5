// Names of ONE_REG ids for reports (see one_reg.h).
#include "oracle/host/one_reg.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace dbgref::oracle::one_reg {

std::string Name(uint64_t id) {
  for (int n = 0; n < 31; ++n) {
    if (id == X(n)) return absl::StrCat("X", n);
  }
  struct Named {
    uint64_t id;
    const char* name;
  };
  static constexpr Named kNamed[] = {
      {kSp, "SP"},
      {kPc, "PC"},
      {kPstate, "PSTATE"},
      {kSpEl1, "SP_EL1"},
      {kElrEl1, "ELR_EL1"},
      {kSpsrEl1, "SPSR_EL1"},
      {kEsrEl1, "ESR_EL1"},
      {kFarEl1, "FAR_EL1"},
      {kVbarEl1, "VBAR_EL1"},
      {kMdscrEl1, "MDSCR_EL1"},
      {kMdccintEl1, "MDCCINT_EL1"},
      {kOslsrEl1, "OSLSR_EL1"},
      {kIdAa64dfr0El1, "ID_AA64DFR0_EL1"},
  };
  for (const Named& n : kNamed) {
    if (id == n.id) return n.name;
  }
  for (int n = 0; n < 16; ++n) {
    if (id == Dbgbcr(n)) return absl::StrCat("DBGBCR", n, "_EL1");
    if (id == Dbgbvr(n)) return absl::StrCat("DBGBVR", n, "_EL1");
    if (id == Dbgwcr(n)) return absl::StrCat("DBGWCR", n, "_EL1");
    if (id == Dbgwvr(n)) return absl::StrCat("DBGWVR", n, "_EL1");
  }
  return absl::StrFormat("0x%016x", id);
}

}  // namespace dbgref::oracle::one_reg
