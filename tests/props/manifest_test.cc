// The manifest format: what it accepts, what it refuses and where, and
// that every revision's manifest loads from the test's runfiles.
#include "props/manifest.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "props/requirement_set.h"

namespace dbgref::props {
namespace {

std::string AllHold() {
  std::string text = "# every requirement holds\n";
  for (const std::string& id : RequirementIds()) {
    absl::StrAppend(&text, id, " holds\n");
  }
  return text;
}

TEST(Manifest, ParsesHoldsBrokenAndComments) {
  std::string text = AllHold();
  const std::string line = "REQ-SHADOW holds\n";
  text.replace(text.find(line), line.size(),
               "# reads the saved copy\n"
               "REQ-SHADOW broken tests/regression/traces/v9/REQ-SHADOW.trace"
               "  # trailing\n");
  const absl::StatusOr<Manifest> m = ParseManifest("v9", text);
  ASSERT_TRUE(m.ok()) << m.status();
  ASSERT_EQ(m->entries.size(), RequirementIds().size());
  EXPECT_TRUE(m->IsBroken("REQ-SHADOW"));
  EXPECT_FALSE(m->IsBroken("REQ-CAP"));
  EXPECT_EQ(m->Find("REQ-SHADOW")->comment, "reads the saved copy");
  EXPECT_EQ(m->Find("REQ-SHADOW")->trace_path,
            "tests/regression/traces/v9/REQ-SHADOW.trace");
  EXPECT_EQ(m->Broken(), RequirementSet::Of({kReqShadow}));
  for (size_t i = 0; i < m->entries.size(); ++i) {
    EXPECT_EQ(m->entries[i].id, RequirementIds()[i]) << "spec order";
  }
}

TEST(Manifest, RefusesWithTheLine) {
  const std::string all = AllHold();
  struct Bad {
    std::string text;
    std::string message;
  };
  const Bad bad[] = {
      {all + "REQ-NOPE holds\n",
       absl::StrCat("line ", RequirementIds().size() + 2,
                    ": unknown requirement 'REQ-NOPE'")},
      {all + "REQ-CAP holds\n", "REQ-CAP appears twice"},
      {"REQ-CAP holds\n", "no line for REQ-IOCTL-VALID"},
      {"REQ-CAP maybe\n", "line 1: expected 'REQ-CAP holds'"},
      {"REQ-CAP broken traces/REQ-CAP.trace\n",
       "line 1: the trace of REQ-CAP on v9 is "
       "tests/regression/traces/v9/REQ-CAP.trace"},
  };
  for (const Bad& b : bad) {
    const absl::StatusOr<Manifest> m = ParseManifest("v9", b.text);
    ASSERT_FALSE(m.ok()) << b.text;
    EXPECT_NE(std::string(m.status().message()).find(b.message),
              std::string::npos)
        << m.status();
  }
}

// The port revisions' names (port/driver.h; tests/props checks the list
// against dbgref_ports once the ports are on the branch).
TEST(Manifest, EveryRevisionHasOneWithAReasonForEveryFinding) {
  for (const char* revision : {"v2", "v2-review", "final"}) {
    const absl::StatusOr<Manifest> m = LoadManifest(revision);
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(m->revision, revision);
    for (const ManifestEntry& e : m->entries) {
      if (e.verdict == Verdict::kBroken) {
        EXPECT_FALSE(e.comment.empty()) << revision << " " << e.id;
      }
    }
  }
}

TEST(Manifest, UnknownRevisionIsNotFound) {
  EXPECT_EQ(LoadManifest("v7").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(LoadManifest("../etc/passwd").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadManifest("..").status().code(),
            absl::StatusCode::kInvalidArgument);
}

// A real kernel's name has a dot: a missing manifest for it is NotFound
// (the kernel is reviewed with no expectation), not a bad name.
TEST(Manifest, KernelNamesAreRevisionNames) {
  EXPECT_EQ(LoadManifest("linux-6.6").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(LoadManifest("linux-6.12.3").status().code(),
            absl::StatusCode::kNotFound);
}

// The kernels dbgref reviews have their manifests.
TEST(Manifest, ReviewedKernelsHaveManifests) {
  EXPECT_TRUE(LoadManifest("linux-6.1").ok());
  EXPECT_TRUE(LoadManifest("linux-6.12").ok());
}

}  // namespace
}  // namespace dbgref::props
