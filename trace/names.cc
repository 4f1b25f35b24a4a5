// The vocabulary of the trace format (see names.h).
#include "trace/names.h"

#include <cstdint>
#include <optional>
#include <string>

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
};

// In the order of model::kRegisterBanks.
constexpr Bank kBanks[] = {
    {"DBGBCR", "bcr", DBGREF_REG_BCR},
    {"DBGBVR", "bvr", DBGREF_REG_BVR},
    {"DBGWCR", "wcr", DBGREF_REG_WCR},
    {"DBGWVR", "wvr", DBGREF_REG_WVR},
};

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

}  // namespace

std::string RegisterName(uint32_t reg_kind, uint32_t index) {
  switch (reg_kind) {
    case DBGREF_REG_MDSCR:
      return "MDSCR_EL1";
    case DBGREF_REG_MDCCINT:
      return "MDCCINT_EL1";
    default:
      break;
  }
  for (const Bank& bank : kBanks) {
    if (bank.reg_kind == reg_kind) {
      return absl::StrCat(bank.prefix, index, "_EL1");
    }
  }
  return absl::StrCat("UNKNOWN_REG", reg_kind);
}

std::optional<Register> FindRegisterByName(absl::string_view name) {
  if (name == "MDSCR_EL1") return Register{DBGREF_REG_MDSCR, 0};
  if (name == "MDCCINT_EL1") return Register{DBGREF_REG_MDCCINT, 0};
  constexpr absl::string_view kSuffix = "_EL1";
  for (const Bank& bank : kBanks) {
    if (name.size() > bank.prefix.size() + kSuffix.size() &&
        name.substr(0, bank.prefix.size()) == bank.prefix &&
        name.substr(name.size() - kSuffix.size()) == kSuffix) {
      if (const std::optional<uint32_t> index = ParseIndex(
              name.substr(bank.prefix.size(),
                          name.size() - bank.prefix.size() - kSuffix.size()))) {
        return Register{bank.reg_kind, *index};
      }
    }
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

std::string Hex(uint64_t value) { return absl::StrCat("0x", absl::Hex(value)); }

}  // namespace dbgref::trace
