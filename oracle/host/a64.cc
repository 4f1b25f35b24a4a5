// The A64 encoder (see a64.h). Encodings: Arm ARM C6, "Load/store register
// (unsigned immediate)", "Exception generation" and "System register move".
#include "oracle/host/a64.h"

#include "absl/strings/str_cat.h"

namespace dbgref::oracle::a64 {
namespace {

SysReg Debug(int n, uint32_t op2, const char* name) {
  return SysReg{2, 0, 0, static_cast<uint32_t>(n & 15), op2, name, n & 15};
}

uint32_t SizeBits(Size size) {
  switch (size) {
    case Size::kByte:
      return 0;
    case Size::kHalf:
      return 1;
    case Size::kWord:
      return 2;
    case Size::kDouble:
      return 3;
  }
  return 0;
}

uint32_t LoadStore(Size size, bool load, int rt, int rn) {
  // size:111:V=0:01:opc(00 store, 01 load):imm12=0:Rn:Rt
  return (SizeBits(size) << 30) | 0x39000000u | (load ? 1u << 22 : 0) |
         ((static_cast<uint32_t>(rn) & 31) << 5) |
         (static_cast<uint32_t>(rt) & 31);
}

uint32_t SysRegMove(bool read, const SysReg& r, int rt) {
  return 0xd5100000u | (read ? 1u << 21 : 0) | ((r.op0 - 2) << 19) |
         (r.op1 << 16) | (r.crn << 12) | (r.crm << 8) | (r.op2 << 5) |
         (static_cast<uint32_t>(rt) & 31);
}

}  // namespace

SysReg Dbgbvr(int n) { return Debug(n, 4, "dbgbvr"); }
SysReg Dbgbcr(int n) { return Debug(n, 5, "dbgbcr"); }
SysReg Dbgwvr(int n) { return Debug(n, 6, "dbgwvr"); }
SysReg Dbgwcr(int n) { return Debug(n, 7, "dbgwcr"); }
SysReg Mdscr() { return SysReg{2, 0, 0, 2, 2, "mdscr_el1", -1}; }
SysReg Mdccint() { return SysReg{2, 0, 0, 2, 0, "mdccint_el1", -1}; }
SysReg Oslar() { return SysReg{2, 0, 1, 0, 4, "oslar_el1", -1}; }
SysReg Oslsr() { return SysReg{2, 0, 1, 1, 4, "oslsr_el1", -1}; }

std::string SysRegName(const SysReg& r) {
  if (r.index < 0) return r.name;
  return absl::StrCat(r.name, r.index, "_el1");
}

uint32_t Nop() { return 0xd503201fu; }
uint32_t Ldr(Size size, int rt, int rn) {
  return LoadStore(size, true, rt, rn);
}
uint32_t Str(Size size, int rt, int rn) {
  return LoadStore(size, false, rt, rn);
}
uint32_t Brk(uint16_t imm16) {
  return 0xd4200000u | (static_cast<uint32_t>(imm16) << 5);
}
uint32_t Mrs(int rt, const SysReg& r) { return SysRegMove(true, r, rt); }
uint32_t Msr(const SysReg& r, int rt) { return SysRegMove(false, r, rt); }
uint32_t Isb() { return 0xd5033fdfu; }
uint32_t BranchToSelf() { return 0x14000000u; }
uint32_t ReportStore(int rt, int rn) { return Str(Size::kDouble, rt, rn); }

}  // namespace dbgref::oracle::a64
