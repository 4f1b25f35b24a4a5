// The revisions by name (see revisions.h).
#include "tools/revisions.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "port/driver.h"
#include "props/model_revision.h"

namespace dbgref::tools {
namespace {

std::string PortDescription(absl::string_view name) {
  if (name == "v2") return "port: the patch as posted (v2 08/10)";
  if (name == "v2-review") return "port: v2 with the reviewer's suggestions";
  if (name == "final") return "port: the design that was merged";
  return "port";
}

std::vector<Revision> MakeRevisions() {
  std::vector<Revision> out;
  out.push_back({"model", RevisionKind::kModel, &props::ModelRevision(),
                 "the model itself (the reference, checked against itself)"});
  for (size_t i = 0; i < dbgref_port_count; ++i) {
    const dbgref_revision* port = dbgref_ports[i];
    out.push_back(
        {port->name, RevisionKind::kPort, port, PortDescription(port->name)});
  }
  for (const char* kernel : {"linux-6.1", "linux-6.12"}) {
    out.push_back({kernel, RevisionKind::kKernel, nullptr,
                   absl::StrCat("real kernel: Debian's ", kernel + 6,
                                " arm64 build under QEMU with EL2")});
  }
  return out;
}

}  // namespace

const std::vector<Revision>& AllRevisions() {
  static const std::vector<Revision>* const revisions =
      new std::vector<Revision>(MakeRevisions());
  return *revisions;
}

std::string RevisionNames() {
  std::vector<std::string> names;
  for (const Revision& r : AllRevisions()) names.push_back(r.name);
  return absl::StrJoin(names, ", ");
}

absl::StatusOr<const Revision*> FindRevision(absl::string_view name) {
  for (const Revision& r : AllRevisions()) {
    if (r.name == name) return &r;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown revision '", name, "' (", RevisionNames(), ")"));
}

}  // namespace dbgref::tools
