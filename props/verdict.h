// Whether a revision keeps a requirement: the one outcome type that a
// campaign finds (props/campaign.h), a manifest expects (props/manifest.h)
// and a review report shows.
#ifndef DBGREF_PROPS_VERDICT_H_
#define DBGREF_PROPS_VERDICT_H_

#include "absl/strings/string_view.h"

namespace dbgref::props {

enum class Verdict { kHolds, kBroken };

// "holds" or "broken", as manifests and reports spell it.
inline absl::string_view VerdictName(Verdict verdict) {
  return verdict == Verdict::kHolds ? "holds" : "broken";
}

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_VERDICT_H_
