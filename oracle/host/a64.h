// An A64 instruction encoder for the guest programs the oracle runs: the
// few instructions guest debug needs (NOP, loads and stores with a base
// register, BRK, MRS and MSR of the debug system registers) and the MMIO
// report store. tests/oracle/a64_test checks each against GNU as.
#ifndef DBGREF_ORACLE_HOST_A64_H_
#define DBGREF_ORACLE_HOST_A64_H_

#include <cstdint>
#include <string>

namespace dbgref::oracle::a64 {

// A system register by its MRS/MSR operands (op0 is 2 or 3).
struct SysReg {
  uint32_t op0, op1, crn, crm, op2;
  const char* name;  // the assembler's name, without the number
  int index;         // n for DBGBCRn_EL1 and the like, else -1
};

SysReg Dbgbvr(int n);  // DBGBVRn_EL1, n = 0..15
SysReg Dbgbcr(int n);  // DBGBCRn_EL1
SysReg Dbgwvr(int n);  // DBGWVRn_EL1
SysReg Dbgwcr(int n);  // DBGWCRn_EL1
SysReg Mdscr();        // MDSCR_EL1
SysReg Mdccint();      // MDCCINT_EL1
SysReg Oslar();        // OSLAR_EL1 (write-only)
SysReg Oslsr();        // OSLSR_EL1 (read-only)

// The assembler's name of a register, e.g. "dbgbcr3_el1".
std::string SysRegName(const SysReg& r);

// The access size of a load or store.
enum class Size { kByte, kHalf, kWord, kDouble };

uint32_t Nop();
// LDRB/LDRH/LDR Wt/LDR Xt, [Xn] (unsigned offset 0). Xn = 31 is SP.
uint32_t Ldr(Size size, int rt, int rn);
// STRB/STRH/STR Wt/STR Xt, [Xn].
uint32_t Str(Size size, int rt, int rn);
uint32_t Brk(uint16_t imm16);
uint32_t Mrs(int rt, const SysReg& r);
uint32_t Msr(const SysReg& r, int rt);
// ISB, after a debug register write that must take effect.
uint32_t Isb();
// B . (a branch to itself): a guest that spins forever.
uint32_t BranchToSelf();
// The MMIO report store `str xt, [xn]` (xn holding a report address).
uint32_t ReportStore(int rt, int rn);

}  // namespace dbgref::oracle::a64

#endif  // DBGREF_ORACLE_HOST_A64_H_
