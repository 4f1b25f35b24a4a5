// The words of the trace text format (docs/trace-format.md): its header;
// the names of the guest's debug registers ("DBGBVR3_EL1", "MDSCR_EL1",
// "OSLAR_EL1") and of the registers KVM_GET_ONE_REG reaches ("PC",
// "PSTATE"); the instructions' mnemonics ("ldrx", "msr"); the names of the
// control word's bits ("ENABLE|USE_HW") and of the capabilities
// ("hw_bps"); the keys of the register banks in key=value arguments
// ("bvr3"); exit reasons; and numbers in hex. The parser reads them, the
// printer writes them, and the stories use them too.
#ifndef DBGREF_TRACE_NAMES_H_
#define DBGREF_TRACE_NAMES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "model/uapi.h"

namespace dbgref::trace {

inline constexpr absl::string_view kTraceHeader = "dbgref-trace v2";

// A guest-visible debug register: its kind (enum dbgref_reg_kind) and, for
// the four banks, its index 0..15 (0 otherwise).
struct Register {
  uint32_t reg_kind = 0;
  uint32_t index = 0;
};

// The architectural name of a register, such as "DBGBVR3_EL1",
// "MDSCR_EL1" or "OSLAR_EL1".
std::string RegisterName(uint32_t reg_kind, uint32_t index);

// The register an architectural name names; nothing for any other text.
std::optional<Register> FindRegisterByName(absl::string_view name);

// The register a bank key such as "bcr3" names (n 0..15, no leading 0);
// nothing for any other text, MDSCR_EL1 and MDCCINT_EL1 included.
std::optional<Register> FindRegisterByKey(absl::string_view key);

// A register of KVM_GET_ONE_REG and KVM_SET_ONE_REG: its id (enum
// dbgref_one_reg) and, for the four banks, its index 0..15.
struct OneReg {
  uint32_t reg = 0;
  uint32_t index = 0;
};

// "PC", "PSTATE", "MDSCR_EL1", "DBGBCR3_EL1", ...
std::string OneRegName(uint32_t reg, uint32_t index);

// The ONE_REG register a name names; nothing for any other text.
std::optional<OneReg> FindOneRegByName(absl::string_view name);

// The mnemonic of a load or store of size bytes: "ldrb", "ldrh", "ldrw",
// "ldrx" (is_store false) or "strb" ... "strx".
std::string AccessMnemonic(bool is_store, uint32_t size);

// A load or store mnemonic: whether it stores, and its size.
struct Access {
  bool is_store = false;
  uint32_t size = 0;
};
std::optional<Access> FindAccessMnemonic(absl::string_view mnemonic);

// The nonzero entries of arch as key=value words, each key after prefix,
// separated by spaces, banks in the order of the struct: "bcr0=0x1e7
// bvr0=0x10008" (prefix ""), "host.bcr0=0x1" (prefix "host."); empty when
// every entry is 0.
std::string RegisterList(const kvm_guest_debug_arch& arch,
                         absl::string_view prefix);

// The control word as "ENABLE|USE_HW", with unknown bits in hex ("0x0" for
// no bit at all).
std::string ControlName(uint32_t control);

// The bit a control bit's name stands for (ENABLE, SINGLESTEP, USE_SW_BP,
// USE_HW, or USE_HW_BP for USE_HW); nothing for any other text.
std::optional<uint32_t> FindControlBit(absl::string_view name);

// "hw_bps", "hw_wps", or "other" for any other capability.
absl::string_view CapabilityName(uint32_t cap);

// The capability (enum dbgref_cap) of one of those names.
std::optional<uint32_t> FindCapability(absl::string_view name);

// "KVM_EXIT_DEBUG", "KVM_EXIT_MMIO", "KVM_EXIT_INTR", or the number.
std::string ExitReasonName(uint32_t reason);

// A number as the format writes it: "0x" and lower-case hex digits.
std::string Hex(uint64_t value);

}  // namespace dbgref::trace

#endif  // DBGREF_TRACE_NAMES_H_
