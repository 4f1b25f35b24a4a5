// Runs the differential campaign on every port revision and saves each
// broken requirement's shrunk counterexample (host, program, operations) in
// trace format v2 where the manifests and the regression tests expect it,
// tests/regression/traces/<rev>/<REQ-ID>.trace; prints the outcome lines
// for the manifests, each with its length in operations and program lines.
// Run from the workspace:
//
//   bazel run //tools:save_findings -- [--sequences=N] [--seed=S]
//
// The manifests' comments are written by hand; compare the printed lines
// with them before committing new traces.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "port/driver.h"
#include "props/campaign.h"
#include "props/manifest.h"
#include "props/shard.h"
#include "props/workspace_file.h"
#include "trace/format.h"

namespace {

uint64_t Flag(int argc, char** argv, const char* name, uint64_t fallback) {
  const std::string prefix = absl::StrCat("--", name, "=");
  for (int i = 1; i < argc; ++i) {
    uint64_t v = 0;
    if (absl::StartsWith(argv[i], prefix) &&
        absl::SimpleAtoi(argv[i] + prefix.size(), &v)) {
      return v;
    }
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dbgref;
  const std::string root = props::BazelRunWorkspace().value_or(".");
  props::CampaignOptions options;
  options.sequences = Flag(argc, argv, "sequences", 20000);
  options.seed = Flag(argc, argv, "seed", props::kDefaultBaseSeed);
  for (size_t p = 0; p < dbgref_port_count; ++p) {
    const dbgref_revision& port = *dbgref_ports[p];
    std::printf("# %s (campaign seed %llu, %llu sequences)\n", port.name,
                static_cast<unsigned long long>(options.seed),
                static_cast<unsigned long long>(options.sequences));
    for (const props::RequirementOutcome& o :
         props::RunCampaign(port, options)) {
      if (o.verdict != props::Verdict::kBroken) {
        std::printf("%s holds\n", o.id.c_str());
        continue;
      }
      const std::string path = props::TracePathFor(port.name, o.id);
      std::ofstream out(absl::StrCat(root, "/", path));
      out << "# " << o.id << " broken on " << port.name
          << ": the shrunk counterexample of the differential campaign\n"
          << "# (campaign seed " << options.seed << ", sequence seed " << o.seed
          << "). Regenerate with: bazel run //tools:save_findings\n"
          << trace::FormatTrace(*o.counterexample);
      if (!out) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return 1;
      }
      std::printf("%s broken %s  # %zu operations, %u lines\n", o.id.c_str(),
                  path.c_str(), o.counterexample->ops.size(),
                  o.counterexample->program.count);
    }
  }
  return 0;
}
