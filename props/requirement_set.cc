// The requirement list and sets of requirements.
#include "props/requirement_set.h"

#include "absl/strings/str_join.h"

namespace dbgref::props {

absl::string_view RequirementIdOf(Requirement r) {
  const std::string_view id = model::kRequirements[r].id;
  return absl::string_view(id.data(), id.size());
}

std::optional<Requirement> FindRequirement(absl::string_view id) {
  for (int i = 0; i < kRequirementCount; ++i) {
    if (RequirementIdOf(static_cast<Requirement>(i)) == id) {
      return static_cast<Requirement>(i);
    }
  }
  return std::nullopt;
}

const std::vector<std::string>& RequirementIds() {
  static const std::vector<std::string>* const ids = [] {
    auto* v = new std::vector<std::string>;
    for (const model::RequirementId& r : model::kRequirements) {
      v->emplace_back(r.id);
    }
    return v;
  }();
  return *ids;
}

std::string RequirementTitle(const std::string& id) {
  const std::optional<Requirement> r = FindRequirement(id);
  if (!r) return "";
  return std::string(model::kRequirements[*r].title);
}

std::vector<std::string> RequirementSet::Ids() const {
  std::vector<std::string> ids;
  for (int i = 0; i < kRequirementCount; ++i) {
    const Requirement r = static_cast<Requirement>(i);
    if (Has(r)) ids.emplace_back(RequirementIdOf(r));
  }
  return ids;
}

std::string RequirementSet::ToString() const {
  if (empty()) return "(none)";
  return absl::StrJoin(Ids(), ", ");
}

}  // namespace dbgref::props
