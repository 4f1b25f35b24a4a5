// Port revisions by name (see revisions.h).

#include "tools/revisions.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "port/driver.h"

namespace dbgref::tools {

std::string RevisionNames() {
  std::string out;
  for (size_t i = 0; i < dbgref_port_count; ++i) {
    absl::StrAppend(&out, i ? ", " : "", dbgref_ports[i]->name);
  }
  return out;
}

absl::StatusOr<std::vector<const dbgref_port*>> SelectRevisions(
    const std::string& name) {
  if (name.empty()) {
    return std::vector<const dbgref_port*>(dbgref_ports,
                                           dbgref_ports + dbgref_port_count);
  }
  const dbgref_port* port = dbgref_port_find(name.c_str());
  if (port == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown revision '", name, "' (", RevisionNames(), ")"));
  }
  return std::vector<const dbgref_port*>{port};
}

}  // namespace dbgref::tools
