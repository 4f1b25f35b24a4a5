// dbgref list: the port revisions and the requirements.

#include <cstdio>
#include <string>

#include "model/requirement_list.h"
#include "port/driver.h"
#include "tools/commands.h"

namespace dbgref::tools {

int RunList(const Command& command) {
  (void)command;
  std::printf("revisions:\n");
  for (size_t i = 0; i < dbgref_port_count; ++i) {
    std::printf("  %s\n", dbgref_ports[i]->name);
  }
  std::printf("requirements:\n");
  for (const model::RequirementId& r : model::kRequirements) {
    std::printf("  %-18s %.*s\n", std::string(r.id).c_str(),
                static_cast<int>(r.title.size()), r.title.data());
  }
  return 0;
}

}  // namespace dbgref::tools
