// dbgref list: the revisions and the requirements.

#include <cstdio>
#include <string>

#include "model/requirement_list.h"
#include "tools/commands.h"
#include "tools/revisions.h"

namespace dbgref::tools {

int RunList(const Command& command) {
  (void)command;
  std::printf("revisions:\n");
  for (const Revision& r : AllRevisions()) {
    std::printf("  %-11s %s\n", r.name.c_str(), r.description.c_str());
  }
  std::printf("requirements:\n");
  for (const model::RequirementId& r : model::kRequirements) {
    std::printf("  %-18s %.*s\n", std::string(r.id).c_str(),
                static_cast<int>(r.title.size()), r.title.data());
  }
  return 0;
}

}  // namespace dbgref::tools
