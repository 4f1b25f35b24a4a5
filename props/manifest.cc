// Parsing and loading manifests.
#include "props/manifest.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "props/workspace_file.h"

namespace dbgref::props {
namespace {

absl::Status LineError(int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", what));
}

}  // namespace

bool Manifest::IsBroken(absl::string_view id) const {
  const ManifestEntry* e = Find(id);
  return e != nullptr && e->verdict == Verdict::kBroken;
}

const ManifestEntry* Manifest::Find(absl::string_view id) const {
  for (const ManifestEntry& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

RequirementSet Manifest::Broken() const {
  RequirementSet s;
  for (const ManifestEntry& e : entries) {
    if (e.verdict != Verdict::kBroken) continue;
    if (const std::optional<Requirement> r = FindRequirement(e.id)) s.Add(*r);
  }
  return s;
}

std::string TracePathFor(absl::string_view revision, absl::string_view id) {
  return absl::StrCat("tests/regression/traces/", revision, "/", id, ".trace");
}

absl::StatusOr<Manifest> ParseManifest(absl::string_view revision,
                                       absl::string_view text) {
  Manifest m;
  m.revision = std::string(revision);
  std::vector<std::optional<ManifestEntry>> by_position(kRequirementCount);
  std::vector<std::string> comments;
  int number = 0;
  for (absl::string_view raw : absl::StrSplit(text, '\n')) {
    ++number;
    absl::string_view line = raw;
    const size_t hash = line.find('#');
    if (hash != absl::string_view::npos) {
      const absl::string_view comment =
          absl::StripAsciiWhitespace(line.substr(hash + 1));
      line = line.substr(0, hash);
      if (absl::StripAsciiWhitespace(line).empty()) {
        if (!comment.empty()) comments.emplace_back(comment);
        continue;
      }
    }
    std::vector<absl::string_view> words =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (words.empty()) {
      comments.clear();
      continue;
    }
    const std::optional<Requirement> r = FindRequirement(words[0]);
    if (!r) {
      return LineError(number,
                       absl::StrCat("unknown requirement '", words[0], "'"));
    }
    if (by_position[*r]) {
      return LineError(number, absl::StrCat(words[0], " appears twice"));
    }
    ManifestEntry e;
    e.id = std::string(words[0]);
    e.comment = absl::StrJoin(comments, " ");
    comments.clear();
    if (words.size() == 2 && words[1] == VerdictName(Verdict::kHolds)) {
      e.verdict = Verdict::kHolds;
    } else if (words.size() == 3 && words[1] == VerdictName(Verdict::kBroken)) {
      e.verdict = Verdict::kBroken;
      e.trace_path = std::string(words[2]);
      const std::string expected = TracePathFor(revision, e.id);
      if (e.trace_path != expected) {
        return LineError(number, absl::StrCat("the trace of ", e.id, " on ",
                                              revision, " is ", expected));
      }
    } else {
      return LineError(
          number, absl::StrCat("expected '", words[0], " holds' or '", words[0],
                               " broken <trace>'"));
    }
    by_position[*r] = std::move(e);
  }
  for (int i = 0; i < kRequirementCount; ++i) {
    if (!by_position[i]) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no line for ", RequirementIdOf(static_cast<Requirement>(i))));
    }
    m.entries.push_back(std::move(*by_position[i]));
  }
  return m;
}

absl::StatusOr<Manifest> LoadManifest(const std::string& revision) {
  // Revision names are lower case, digits, '-' and '.' ("linux-6.1"),
  // never a path.
  if (revision.empty() || revision[0] == '.' ||
      revision.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-.") !=
          std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", revision, "' is not a revision name"));
  }
  const std::string path = absl::StrCat("props/manifests/", revision, ".txt");
  absl::StatusOr<std::string> text = ReadWorkspaceFile(path);
  if (!text.ok()) {
    return absl::NotFoundError(absl::StrCat("no manifest for revision '",
                                            revision,
                                            "': ", text.status().message()));
  }
  absl::StatusOr<Manifest> m = ParseManifest(revision, *text);
  if (!m.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", m.status().message()));
  }
  return m;
}

}  // namespace dbgref::props
