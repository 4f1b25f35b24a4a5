// Generates the traceability table, docs/traceability.md: for each
// requirement of model/requirement_list.h, its section in the spec, its
// predicate in the model, the proof obligations that prove it, and the
// properties and tests that name it. The proofs come from the obligation
// list itself; properties and tests from the test binaries' own test lists
// (--gtest_list_tests), so the table names only what exists.
//
//   traceability --spec=spec/requirements.md --predicates=model/requirements.h
//                TEST_BINARY...
//
// Exits 1, saying why on stderr, when a requirement lacks any column:
// a requirement without a section, predicate, proof, property or test is a
// hole the table must not hide.

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/requirement_list.h"
#include "proofs/obligations.h"

namespace dbgref {
namespace {

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  *ok = static_cast<bool>(file);
  return text.str();
}

// "REQ-TRAP-TDA" -> "REQ_TRAP_TDA", as test names spell it.
std::string TestToken(absl::string_view id) {
  return absl::StrReplaceAll(id, {{"-", "_"}});
}

// Whether name mentions token as a whole word ('_', '/', '.' and the ends
// of the name count as boundaries).
bool Mentions(absl::string_view name, absl::string_view token) {
  size_t at = 0;
  while ((at = name.find(token, at)) != absl::string_view::npos) {
    const bool start_ok = at == 0 || name[at - 1] == '_' ||
                          name[at - 1] == '/' || name[at - 1] == '.';
    const size_t end = at + token.size();
    const bool end_ok = end == name.size() || name[end] == '_' ||
                        name[end] == '/' || name[end] == '.';
    if (start_ok && end_ok) return true;
    at = end;
  }
  return false;
}

// The full test names a gtest binary lists.
std::vector<std::string> ListTests(const std::string& binary, bool* ok) {
  std::vector<std::string> names;
  FILE* pipe = popen(
      absl::StrCat("'", binary, "' --gtest_list_tests 2>/dev/null").c_str(),
      "r");
  if (pipe == nullptr) {
    *ok = false;
    return names;
  }
  std::string suite;
  char buf[4096];
  while (std::fgets(buf, sizeof(buf), pipe) != nullptr) {
    std::string line(buf);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
      line.pop_back();
    }
    const size_t hash = line.find("  #");
    if (hash != std::string::npos) line = line.substr(0, hash);
    if (line.empty()) continue;
    if (line[0] != ' ') {
      suite = line;  // "Suite." or "Instance/Suite."
    } else {
      names.push_back(suite +
                      std::string(absl::StripLeadingAsciiWhitespace(line)));
    }
  }
  *ok = pclose(pipe) == 0;
  return names;
}

// "…/tests/model/run_test" -> "//tests/model:run_test".
std::string LabelOf(const std::string& path) {
  std::vector<std::string> parts = absl::StrSplit(path, '/');
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == "tests" || parts[i] == "props" || parts[i] == "proofs") {
      std::vector<std::string> pkg(parts.begin() + i, parts.end() - 1);
      return absl::StrCat("//", absl::StrJoin(pkg, "/"), ":", parts.back());
    }
  }
  return path;
}

struct Column {
  std::vector<std::string> entries;
};

}  // namespace
}  // namespace dbgref

int main(int argc, char** argv) {
  using namespace dbgref;
  std::string spec_path, predicates_path;
  std::vector<std::string> binaries;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, "--spec=")) {
      spec_path = std::string(arg.substr(7));
    } else if (absl::StartsWith(arg, "--predicates=")) {
      predicates_path = std::string(arg.substr(13));
    } else {
      binaries.emplace_back(arg);
    }
  }
  bool ok = true;
  const std::string spec = ReadFile(spec_path, &ok);
  if (!ok) {
    std::fprintf(stderr, "traceability: cannot read the spec '%s'\n",
                 spec_path.c_str());
    return 1;
  }
  const std::string predicates = ReadFile(predicates_path, &ok);
  if (!ok) {
    std::fprintf(stderr, "traceability: cannot read '%s'\n",
                 predicates_path.c_str());
    return 1;
  }
  // Test names per binary label, binaries in a stable order.
  std::map<std::string, std::vector<std::string>> tests_by_label;
  for (const std::string& binary : binaries) {
    bool listed = true;
    std::vector<std::string> names = ListTests(binary, &listed);
    if (!listed) {
      std::fprintf(stderr, "traceability: cannot list the tests of %s\n",
                   binary.c_str());
      return 1;
    }
    tests_by_label[LabelOf(binary)] = std::move(names);
  }

  std::string out =
      "# Traceability\n\n"
      "Generated by `bazel run //tests/traceability:update` from\n"
      "`model/requirement_list.h`, `spec/requirements.md`,\n"
      "`model/requirements.h`, the proof obligations and the test binaries'\n"
      "own test lists; `//tests/traceability:traceability_test` fails when\n"
      "this file is stale. Do not edit.\n\n"
      "| requirement | spec | model predicate | proofs | properties | tests |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  std::string details;
  std::vector<std::string> holes;
  for (const model::RequirementId& r : model::kRequirements) {
    const std::string id(r.id);
    const std::string token = TestToken(id);
    const bool has_section =
        absl::StrContains(spec, absl::StrCat("\n## ", id, "\n"));
    const bool has_predicate = absl::StrContains(
        predicates, absl::StrCat("BoolOf<D> ", std::string(r.predicate), "("));
    std::vector<std::string> proofs;
    for (const proofs::Obligation& o : proofs::AllObligations()) {
      if (o.requirement == id) proofs.push_back("//proofs:" + o.name);
    }
    // Properties are the targets under props/, tests everything else.
    std::vector<std::string> properties, tests;
    int property_cases = 0, test_cases = 0;
    std::string property_lines, test_lines;
    for (const auto& [label, names] : tests_by_label) {
      std::vector<std::string> hits;
      for (const std::string& name : names) {
        if (Mentions(name, token)) hits.push_back(name);
      }
      if (hits.empty()) continue;
      const bool is_property = absl::StartsWith(label, "//props:");
      (is_property ? properties : tests).push_back(label);
      (is_property ? property_cases : test_cases) += hits.size();
      std::string& lines = is_property ? property_lines : test_lines;
      absl::StrAppend(&lines, "  - `", label, "`: ");
      absl::StrAppend(&lines, absl::StrJoin(hits, ", "), "\n");
    }
    if (!has_section) holes.push_back(id + ": no section in the spec");
    if (!has_predicate) holes.push_back(id + ": no predicate in the model");
    if (proofs.empty()) holes.push_back(id + ": no proof obligation");
    if (properties.empty()) holes.push_back(id + ": no property names it");
    if (tests.empty()) holes.push_back(id + ": no test names it");
    const std::string anchor = absl::AsciiStrToLower(id);
    absl::StrAppend(&out, "| `", id, "` | [section](../spec/requirements.md#",
                    anchor, ") | `", std::string(r.predicate), "` | ",
                    proofs.size(), " | ", property_cases, " cases in ",
                    properties.size(), " | ", test_cases, " in ", tests.size(),
                    " |\n");
    absl::StrAppend(
        &details, "\n## ", id, "\n\n", std::string(r.title), ".\n\n",
        "- spec: `spec/requirements.md`, section ", id, "\n", "- model: `",
        std::string(r.predicate), "` in `model/requirements.h`\n", "- proofs: ",
        proofs.empty() ? "none"
                       : absl::StrCat("`", absl::StrJoin(proofs, "`, `"), "`"),
        "\n- properties:\n", property_lines, "- tests:\n", test_lines);
  }
  absl::StrAppend(&out, details);
  if (!holes.empty()) {
    for (const std::string& hole : holes) {
      std::fprintf(stderr, "traceability: %s\n", hole.c_str());
    }
    return 1;
  }
  std::fputs(out.c_str(), stdout);
  return 0;
}
