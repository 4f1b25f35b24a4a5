// The requirements by position in spec order (model/requirement_list.h), and
// a small set of them: what the observational view of a step reports and
// what a campaign collects.
#ifndef DBGREF_PROPS_REQUIREMENT_SET_H_
#define DBGREF_PROPS_REQUIREMENT_SET_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "model/requirement_list.h"

namespace dbgref::props {

// The requirements by position (dbgref::Requirement, kReqShadow, ...) come
// from the one list, model/requirement_list.h.

// "REQ-SHADOW" for kReqShadow.
absl::string_view RequirementIdOf(Requirement r);

// The position of an ID, or nothing for an unknown one.
std::optional<Requirement> FindRequirement(absl::string_view id);

// Every requirement ID, in spec order.
const std::vector<std::string>& RequirementIds();

// The one-line title of a requirement; empty for an unknown ID.
std::string RequirementTitle(const std::string& id);

class RequirementSet {
 public:
  RequirementSet() = default;
  static RequirementSet Of(std::initializer_list<Requirement> rs) {
    RequirementSet s;
    for (Requirement r : rs) s.Add(r);
    return s;
  }

  void Add(Requirement r) { bits_ |= uint32_t{1} << r; }
  void AddAll(RequirementSet other) { bits_ |= other.bits_; }
  bool Has(Requirement r) const { return (bits_ >> r) & 1; }
  bool empty() const { return bits_ == 0; }
  uint32_t bits() const { return bits_; }
  bool ContainedIn(RequirementSet other) const {
    return (bits_ & ~other.bits_) == 0;
  }
  friend bool operator==(RequirementSet a, RequirementSet b) {
    return a.bits_ == b.bits_;
  }
  friend bool operator!=(RequirementSet a, RequirementSet b) {
    return !(a == b);
  }

  // The members' IDs in spec order.
  std::vector<std::string> Ids() const;
  // "REQ-SHADOW, REQ-ISOLATION", or "(none)".
  std::string ToString() const;

 private:
  uint32_t bits_ = 0;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_REQUIREMENT_SET_H_
