// The report of `dbgref explore REV`: the alphabet and its host shape, the
// search's figures (distinct states, transitions, depth, time, rate, the
// fingerprint collision estimate, closed or not), and each finding with
// its shortest counterexample, compared with the revision's manifest
// (expected, unexpected, missing) and with the length of the campaign's
// shrunk counterexample saved beside the manifest. Text or JSON.
#ifndef DBGREF_TOOLS_EXPLORE_REPORT_H_
#define DBGREF_TOOLS_EXPLORE_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "props/alphabet.h"
#include "props/explore.h"
#include "props/manifest.h"

namespace dbgref::tools {

enum class Expectation {
  kExpected,    // the manifest says broken, and it is
  kUnexpected,  // the manifest says holds (or there is none)
  kMissing,     // the manifest says broken, exploration found nothing
};

struct ExploreLine {
  std::string id;
  Expectation expectation = Expectation::kExpected;
  int finding = -1;  // index into result.findings; -1 when missing
  std::optional<int> campaign_length;  // operations of the saved trace
};

struct ExploreReport {
  std::string revision;
  const props::Alphabet* alphabet = nullptr;
  props::ExploreOptions options;
  props::ExploreResult result;
  bool has_manifest = false;
  std::vector<ExploreLine> lines;  // spec order
  // Closed, and the findings are what the manifest expects (none for a
  // revision without one).
  bool AsExpected() const;
};

// Compares the result with the manifest (nullptr: none, every finding is
// unexpected) and reads each expected finding's saved trace for its
// length.
ExploreReport MakeExploreReport(const std::string& revision,
                                const props::Alphabet& alphabet,
                                const props::ExploreOptions& options,
                                props::ExploreResult result,
                                const props::Manifest* manifest);

std::string RenderExploreText(const ExploreReport& report);
std::string RenderExploreJson(const ExploreReport& report);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_EXPLORE_REPORT_H_
