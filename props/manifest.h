// The expected-outcome manifest of a port revision,
// props/manifests/<rev>.txt: for each requirement, in spec order, whether
// the revision keeps it, and for a broken one the saved minimal
// counterexample. The format, for a reviewer to read:
//
//   # v2: the patch as posted
//   REQ-CAP holds
//   # a trapped MDSCR_EL1 read under USE_HW gets an UNDEF (2 operations)
//   REQ-NOUNDEF broken tests/regression/traces/v2/REQ-NOUNDEF.trace
//
// `#` starts a comment that runs to the end of the line; blank lines are
// ignored. Every requirement appears exactly once; a broken one names its
// trace, tests/regression/traces/<rev>/<REQ-ID>.trace.
#ifndef DBGREF_PROPS_MANIFEST_H_
#define DBGREF_PROPS_MANIFEST_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "props/requirement_set.h"
#include "props/verdict.h"

namespace dbgref::props {

struct ManifestEntry {
  std::string id;
  Verdict verdict = Verdict::kHolds;  // what the revision is expected to do
  std::string trace_path;             // for a broken requirement
  std::string comment;                // the comment lines just above, joined
};

struct Manifest {
  std::string revision;
  std::vector<ManifestEntry> entries;  // spec order

  bool IsBroken(absl::string_view id) const;
  const ManifestEntry* Find(absl::string_view id) const;
  RequirementSet Broken() const;
};

// Where a revision's finding for a requirement is saved.
std::string TracePathFor(absl::string_view revision, absl::string_view id);

// Parses the text of a manifest; errors name the line.
absl::StatusOr<Manifest> ParseManifest(absl::string_view revision,
                                       absl::string_view text);

// props/manifests/<revision>.txt, from a test's runfiles, a binary's
// runfiles or the workspace.
absl::StatusOr<Manifest> LoadManifest(const std::string& revision);

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_MANIFEST_H_
