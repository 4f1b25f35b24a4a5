// The vocabulary of the trace format (see names.h).
#include "trace/names.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "model/record.h"
#include "model/record_banks.h"
#include "model/uapi.h"

namespace dbgref::trace {
namespace {

struct NamedBit {
  absl::string_view name;
  uint32_t bit;
};

constexpr NamedBit kControlBits[] = {
    {"ENABLE", KVM_GUESTDBG_ENABLE},
    {"SINGLESTEP", KVM_GUESTDBG_SINGLESTEP},
    {"USE_SW_BP", KVM_GUESTDBG_USE_SW_BP},
    {"USE_HW", KVM_GUESTDBG_USE_HW},
};

struct Bank {
  absl::string_view prefix;  // as in the register name, e.g. "DBGBCR"
  absl::string_view key;     // as in a key=value argument, e.g. "bcr"
  uint32_t reg_kind;
  uint32_t one_reg;  // the ONE_REG id of the same bank
};

// In the order of model::kRegisterBanks.
constexpr Bank kBanks[] = {
    {"DBGBCR", "bcr", DBGREF_REG_BCR, DBGREF_ONE_REG_BCR},
    {"DBGBVR", "bvr", DBGREF_REG_BVR, DBGREF_ONE_REG_BVR},
    {"DBGWCR", "wcr", DBGREF_REG_WCR, DBGREF_ONE_REG_WCR},
    {"DBGWVR", "wvr", DBGREF_REG_WVR, DBGREF_ONE_REG_WVR},
};

struct Named {
  absl::string_view name;
  uint32_t id;
};

// The registers that are no bank.
constexpr Named kSingleRegisters[] = {
    {"MDSCR_EL1", DBGREF_REG_MDSCR},
    {"MDCCINT_EL1", DBGREF_REG_MDCCINT},
    {"OSLAR_EL1", DBGREF_REG_OSLAR},
    {"OSLSR_EL1", DBGREF_REG_OSLSR},
};
constexpr Named kSingleOneRegs[] = {
    {"PC", DBGREF_ONE_REG_PC},
    {"PSTATE", DBGREF_ONE_REG_PSTATE},
    {"MDSCR_EL1", DBGREF_ONE_REG_MDSCR},
};

constexpr absl::string_view kSizeSuffixes = "bhwx";  // 1, 2, 4, 8 bytes

// The decimal index 0..15 that follows a bank prefix: one or two digits,
// no leading 0.
std::optional<uint32_t> ParseIndex(absl::string_view digits) {
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  if (digits.size() == 2 && digits[0] == '0') return std::nullopt;
  uint32_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value >= KVM_ARM_MAX_DBG_REGS) return std::nullopt;
  return value;
}

// The bank and index of "DBGBVR3_EL1"; nothing for any other text.
std::optional<std::pair<const Bank*, uint32_t>> FindBankRegister(
    absl::string_view name) {
  constexpr absl::string_view kSuffix = "_EL1";
  for (const Bank& bank : kBanks) {
    if (name.size() > bank.prefix.size() + kSuffix.size() &&
        name.substr(0, bank.prefix.size()) == bank.prefix &&
        name.substr(name.size() - kSuffix.size()) == kSuffix) {
      if (const std::optional<uint32_t> index = ParseIndex(
              name.substr(bank.prefix.size(),
                          name.size() - bank.prefix.size() - kSuffix.size()))) {
        return std::make_pair(&bank, *index);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string RegisterName(uint32_t reg_kind, uint32_t index) {
  for (const Named& r : kSingleRegisters) {
    if (r.id == reg_kind) return std::string(r.name);
  }
  for (const Bank& bank : kBanks) {
    if (bank.reg_kind == reg_kind) {
      return absl::StrCat(bank.prefix, index, "_EL1");
    }
  }
  return absl::StrCat("UNKNOWN_REG", reg_kind);
}

std::optional<Register> FindRegisterByName(absl::string_view name) {
  for (const Named& r : kSingleRegisters) {
    if (r.name == name) return Register{r.id, 0};
  }
  if (const auto bank = FindBankRegister(name)) {
    return Register{bank->first->reg_kind, bank->second};
  }
  return std::nullopt;
}

std::optional<Register> FindRegisterByKey(absl::string_view key) {
  for (const Bank& bank : kBanks) {
    if (key.size() > bank.key.size() &&
        key.substr(0, bank.key.size()) == bank.key) {
      if (const std::optional<uint32_t> index =
              ParseIndex(key.substr(bank.key.size()))) {
        return Register{bank.reg_kind, *index};
      }
    }
  }
  return std::nullopt;
}

std::string OneRegName(uint32_t reg, uint32_t index) {
  for (const Named& r : kSingleOneRegs) {
    if (r.id == reg) return std::string(r.name);
  }
  for (const Bank& bank : kBanks) {
    if (bank.one_reg == reg) return absl::StrCat(bank.prefix, index, "_EL1");
  }
  return absl::StrCat("UNKNOWN_ONE_REG", reg);
}

std::optional<OneReg> FindOneRegByName(absl::string_view name) {
  for (const Named& r : kSingleOneRegs) {
    if (r.name == name) return OneReg{r.id, 0};
  }
  if (const auto bank = FindBankRegister(name)) {
    return OneReg{bank->first->one_reg, bank->second};
  }
  return std::nullopt;
}

std::string AccessMnemonic(bool is_store, uint32_t size) {
  for (size_t i = 0; i < kSizeSuffixes.size(); ++i) {
    if (size == (1u << i)) {
      return absl::StrCat(is_store ? "str" : "ldr", kSizeSuffixes.substr(i, 1));
    }
  }
  return absl::StrCat(is_store ? "str" : "ldr", "?", size);
}

std::optional<Access> FindAccessMnemonic(absl::string_view mnemonic) {
  if (mnemonic.size() != 4) return std::nullopt;
  const absl::string_view op = mnemonic.substr(0, 3);
  if (op != "ldr" && op != "str") return std::nullopt;
  const size_t i = kSizeSuffixes.find(mnemonic[3]);
  if (i == absl::string_view::npos) return std::nullopt;
  return Access{op == "str", 1u << i};
}

std::string RegisterList(const kvm_guest_debug_arch& arch,
                         absl::string_view prefix) {
  std::string out;
  for (const Bank& bank : kBanks) {
    const uint64_t* values = model::RegisterBank(arch, bank.reg_kind);
    for (uint32_t i = 0; i < KVM_ARM_MAX_DBG_REGS; ++i) {
      if (values[i] != 0) {
        absl::StrAppend(&out, out.empty() ? "" : " ", prefix, bank.key, i, "=",
                        Hex(values[i]));
      }
    }
  }
  return out;
}

std::string ControlName(uint32_t control) {
  std::string out;
  uint32_t rest = control;
  for (const NamedBit& bit : kControlBits) {
    if (control & bit.bit) {
      absl::StrAppend(&out, out.empty() ? "" : "|", bit.name);
      rest &= ~bit.bit;
    }
  }
  if (rest != 0 || out.empty()) {
    absl::StrAppend(&out, out.empty() ? "" : "|", Hex(rest));
  }
  return out;
}

std::optional<uint32_t> FindControlBit(absl::string_view name) {
  if (name == "USE_HW_BP") name = "USE_HW";
  for (const NamedBit& bit : kControlBits) {
    if (name == bit.name) return bit.bit;
  }
  return std::nullopt;
}

absl::string_view CapabilityName(uint32_t cap) {
  switch (cap) {
    case DBGREF_CAP_HW_BPS:
      return "hw_bps";
    case DBGREF_CAP_HW_WPS:
      return "hw_wps";
    default:
      return "other";
  }
}

std::optional<uint32_t> FindCapability(absl::string_view name) {
  for (uint32_t cap :
       {DBGREF_CAP_HW_BPS, DBGREF_CAP_HW_WPS, DBGREF_CAP_OTHER}) {
    if (name == CapabilityName(cap)) return cap;
  }
  return std::nullopt;
}

std::string ExitReasonName(uint32_t reason) {
  switch (reason) {
    case KVM_EXIT_DEBUG:
      return "KVM_EXIT_DEBUG";
    case KVM_EXIT_MMIO:
      return "KVM_EXIT_MMIO";
    case KVM_EXIT_INTR:
      return "KVM_EXIT_INTR";
    default:
      return absl::StrCat("exit reason ", reason);
  }
}

std::string Hex(uint64_t value) { return absl::StrCat("0x", absl::Hex(value)); }

}  // namespace dbgref::trace
