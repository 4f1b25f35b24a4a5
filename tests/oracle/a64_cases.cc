// The A64 encoder's test cases (see a64_cases.h).
#include "tests/oracle/a64_cases.h"

#include "absl/strings/str_cat.h"
#include "oracle/host/a64.h"

namespace dbgref::oracle {

std::vector<A64Case> A64Cases() {
  using namespace a64;
  std::vector<A64Case> c;
  c.push_back({"nop", Nop()});
  c.push_back({"isb", Isb()});
  c.push_back({"b .", BranchToSelf()});
  for (int rt : {0, 1, 17, 30}) {
    for (int rn : {0, 5, 23, 29}) {
      std::string a = absl::StrCat("[x", rn, "]");
      c.push_back(
          {absl::StrCat("ldrb w", rt, ", ", a), Ldr(Size::kByte, rt, rn)});
      c.push_back(
          {absl::StrCat("ldrh w", rt, ", ", a), Ldr(Size::kHalf, rt, rn)});
      c.push_back(
          {absl::StrCat("ldr w", rt, ", ", a), Ldr(Size::kWord, rt, rn)});
      c.push_back(
          {absl::StrCat("ldr x", rt, ", ", a), Ldr(Size::kDouble, rt, rn)});
      c.push_back(
          {absl::StrCat("strb w", rt, ", ", a), Str(Size::kByte, rt, rn)});
      c.push_back(
          {absl::StrCat("strh w", rt, ", ", a), Str(Size::kHalf, rt, rn)});
      c.push_back(
          {absl::StrCat("str w", rt, ", ", a), Str(Size::kWord, rt, rn)});
      c.push_back(
          {absl::StrCat("str x", rt, ", ", a), Str(Size::kDouble, rt, rn)});
    }
  }
  c.push_back({"str xzr, [x29]", ReportStore(31, 29)});
  c.push_back({"str xzr, [x28]", ReportStore(31, 28)});
  c.push_back({"str x5, [x23]", ReportStore(5, 23)});
  for (uint32_t imm : {0u, 1u, 0x1234u, 0xffffu}) {
    c.push_back({absl::StrCat("brk #", imm), Brk(static_cast<uint16_t>(imm))});
  }
  std::vector<SysReg> regs = {Mdscr(), Mdccint(), Oslsr()};
  for (int n = 0; n < 16; ++n) {
    regs.push_back(Dbgbcr(n));
    regs.push_back(Dbgbvr(n));
    regs.push_back(Dbgwcr(n));
    regs.push_back(Dbgwvr(n));
  }
  for (const SysReg& r : regs) {
    c.push_back({absl::StrCat("mrs x3, ", SysRegName(r)), Mrs(3, r)});
    c.push_back({absl::StrCat("msr ", SysRegName(r), ", x7"), Msr(r, 7)});
  }
  c.push_back({"msr oslar_el1, x4", Msr(Oslar(), 4)});
  c.push_back({"mrs x30, oslsr_el1", Mrs(30, Oslsr())});
  return c;
}

}  // namespace dbgref::oracle
