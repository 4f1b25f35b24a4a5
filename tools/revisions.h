// Picks port revisions by name for the command line.
#ifndef DBGREF_TOOLS_REVISIONS_H_
#define DBGREF_TOOLS_REVISIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "port/driver.h"

namespace dbgref::tools {

// The revision called name, or every revision when name is empty;
// InvalidArgument naming the known revisions otherwise.
absl::StatusOr<std::vector<const dbgref_port*>> SelectRevisions(
    const std::string& name);

// "v2, v2-review, final".
std::string RevisionNames();

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REVISIONS_H_
