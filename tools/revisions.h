// The revisions the command line knows, in one list: the model itself, the
// port revisions (port/driver.h) and the real kernels (oracle/, booted
// under QEMU). check, review, replay and list take their names from here.
//
//   absl::StatusOr<const Revision*> r = FindRevision("v2");
//   if (!r.ok()) return InputError(r.status());   // names every revision
//   if ((*r)->kind == RevisionKind::kKernel) ... StartKernel(**r, ...)
#ifndef DBGREF_TOOLS_REVISIONS_H_
#define DBGREF_TOOLS_REVISIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/revision.h"

namespace dbgref::tools {

enum class RevisionKind {
  kModel,   // the model behind dbgref_revision (props/model_revision.h)
  kPort,    // a patch revision ported to user space (port/)
  kKernel,  // a real kernel under QEMU (oracle/host/kernel_session.h)
};

struct Revision {
  std::string name;  // "model", "v2", "linux-6.1"
  RevisionKind kind;
  // The model and the ports: the table the differential check drives.
  // Null for a real kernel, which runs whole traces in a booted VM.
  const dbgref_revision* table;
  std::string description;  // one line, for `dbgref list`
};

// Every revision, in the order `dbgref check` checks them: model, v2,
// v2-review, final, linux-6.1, linux-6.12.
const std::vector<Revision>& AllRevisions();

// The revision called name; InvalidArgument "unknown revision 'NAME'
// (model, v2, ...)" otherwise.
absl::StatusOr<const Revision*> FindRevision(absl::string_view name);

// "model, v2, v2-review, final, linux-6.1, linux-6.12".
std::string RevisionNames();

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_REVISIONS_H_
