// The check of the model and of each port revision (tools/revision_check.h)
// with the command line's defaults (DefaultSequences, 20000 sequences, and
// seed 1), rendered as `dbgref review REV` prints it (RenderText) and as
// `dbgref check REV` prints it (RenderCheck), against the golden files
// tests/tools/golden/check_<rev>.review.txt and check_<rev>.check.txt.
// The proofs are left out: they do not depend on the revision, and their
// timings would make the output differ from run to run.
//
// With DBGREF_UPDATE_GOLDEN_DIR set the test writes the renderings into
// that folder instead of comparing them (bazel run
// //tests/tools:update_golden does so for tests/tools/golden/).

#include "tools/revision_check.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "props/workspace_file.h"
#include "tools/report.h"
#include "tools/revisions.h"

namespace dbgref::tools {
namespace {

// The folder to write golden files into, or "" to compare with them.
std::string UpdateDir() {
  const char* dir = std::getenv("DBGREF_UPDATE_GOLDEN_DIR");
  return dir == nullptr ? "" : dir;
}

// The first line where got and want differ, with both lines, or "".
std::string FirstDifference(const std::string& got, const std::string& want) {
  const std::vector<std::string> a = absl::StrSplit(got, '\n');
  const std::vector<std::string> b = absl::StrSplit(want, '\n');
  for (size_t i = 0; i < a.size() || i < b.size(); ++i) {
    const std::string x = i < a.size() ? a[i] : "<end of output>";
    const std::string y = i < b.size() ? b[i] : "<end of golden file>";
    if (x != y) {
      return absl::StrCat("line ", i + 1, ":\n  got:  ", x, "\n  want: ", y);
    }
  }
  return "";
}

// Compares text with golden/<name>, or writes it there when updating.
void ExpectGolden(const std::string& name, const std::string& text) {
  const std::string dir = UpdateDir();
  if (!dir.empty()) {
    std::ofstream out(absl::StrCat(dir, "/", name));
    out << text;
    ASSERT_TRUE(out.good()) << "cannot write " << dir << "/" << name;
    return;
  }
  const std::string path = absl::StrCat("tests/tools/golden/", name);
  const absl::StatusOr<std::string> want = props::ReadWorkspaceFile(path);
  ASSERT_TRUE(want.ok()) << want.status()
                         << " (bazel run //tests/tools:update_golden)";
  EXPECT_EQ(FirstDifference(text, *want), "")
      << path << " differs from the output; if the change is intended, "
      << "bazel run //tests/tools:update_golden. The output:\n"
      << text;
}

class RevisionCheck : public testing::TestWithParam<std::string> {};

TEST_P(RevisionCheck, ReviewAndCheckRenderingsAreTheGoldenOnes) {
  const absl::StatusOr<const Revision*> revision = FindRevision(GetParam());
  ASSERT_TRUE(revision.ok()) << revision.status();
  ASSERT_NE((*revision)->kind, RevisionKind::kKernel);
  CheckOptions options;  // the command line's defaults
  options.quiet = true;
  options.save_traces = false;  // a test writes nothing into the workspace
  const absl::StatusOr<Report> report = CheckRevision(**revision, options);
  ASSERT_TRUE(report.ok()) << report.status();
  // Every revision of the table has an expectation: the model that it
  // keeps every requirement, the ports their manifests.
  ASSERT_TRUE(report->matches_manifest.has_value());
  EXPECT_TRUE(*report->matches_manifest) << RenderText(*report);
  ExpectGolden(absl::StrCat("check_", GetParam(), ".review.txt"),
               RenderText(*report));
  ExpectGolden(absl::StrCat("check_", GetParam(), ".check.txt"),
               RenderCheck(*report));
}

// The model and every port, by their names in tools/revisions.h.
std::vector<std::string> TableRevisions() {
  std::vector<std::string> names;
  for (const Revision& r : AllRevisions()) {
    if (r.kind != RevisionKind::kKernel) names.push_back(r.name);
  }
  return names;
}

INSTANTIATE_TEST_SUITE_P(Revisions, RevisionCheck,
                         testing::ValuesIn(TableRevisions()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace dbgref::tools
