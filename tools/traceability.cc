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

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "model/requirement_list.h"
#include "proofs/obligations.h"

namespace dbgref::tools {
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

// The command line: --spec=, --predicates= and the test binaries.
struct Arguments {
  std::string spec_path;
  std::string predicates_path;
  std::vector<std::string> binaries;
};

Arguments ParseArguments(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, "--spec=")) {
      args.spec_path = std::string(arg.substr(7));
    } else if (absl::StartsWith(arg, "--predicates=")) {
      args.predicates_path = std::string(arg.substr(13));
    } else {
      args.binaries.emplace_back(arg);
    }
  }
  return args;
}

// What the table is made from, besides the obligation list.
struct Sources {
  std::string spec;        // spec/requirements.md
  std::string predicates;  // model/requirements.h
  // Test names per binary label, binaries in a stable order.
  std::map<std::string, std::vector<std::string>> tests_by_label;
};

absl::StatusOr<Sources> ReadSources(const Arguments& args) {
  Sources sources;
  bool ok = true;
  sources.spec = ReadFile(args.spec_path, &ok);
  if (!ok) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the spec '", args.spec_path, "'"));
  }
  sources.predicates = ReadFile(args.predicates_path, &ok);
  if (!ok) {
    return absl::NotFoundError(
        absl::StrCat("cannot read '", args.predicates_path, "'"));
  }
  for (const std::string& binary : args.binaries) {
    bool listed = true;
    std::vector<std::string> names = ListTests(binary, &listed);
    if (!listed) {
      return absl::InternalError(
          absl::StrCat("cannot list the tests of ", binary));
    }
    sources.tests_by_label[LabelOf(binary)] = std::move(names);
  }
  return sources;
}

// Where one requirement is specified, stated, proved and tested.
struct Coverage {
  bool has_section = false;
  bool has_predicate = false;
  std::vector<std::string> proofs;  // obligation targets
  // Properties are the targets of tests/props (RapidCheck and the harness
  // they run on), tests everything else.
  std::vector<std::string> properties, tests;
  int property_cases = 0, test_cases = 0;
  std::string property_lines, test_lines;  // "  - `label`: cases\n" each
};

Coverage CoverageOf(const model::RequirementId& r, const Sources& sources) {
  const std::string id(r.id);
  const std::string token = TestToken(id);
  Coverage c;
  c.has_section =
      absl::StrContains(sources.spec, absl::StrCat("\n## ", id, "\n"));
  c.has_predicate = absl::StrContains(
      sources.predicates,
      absl::StrCat("BoolOf<D> ", std::string(r.predicate), "("));
  for (const proofs::Obligation& o : proofs::AllObligations()) {
    if (o.requirement == id) c.proofs.push_back("//proofs:" + o.name);
  }
  for (const auto& [label, names] : sources.tests_by_label) {
    std::vector<std::string> hits;
    for (const std::string& name : names) {
      if (Mentions(name, token)) hits.push_back(name);
    }
    if (hits.empty()) continue;
    const bool is_property = absl::StartsWith(label, "//tests/props:");
    (is_property ? c.properties : c.tests).push_back(label);
    (is_property ? c.property_cases : c.test_cases) += hits.size();
    std::string& lines = is_property ? c.property_lines : c.test_lines;
    absl::StrAppend(&lines, "  - `", label, "`: ");
    absl::StrAppend(&lines, absl::StrJoin(hits, ", "), "\n");
  }
  return c;
}

// The columns a requirement lacks, one line each.
std::vector<std::string> Holes(const std::string& id, const Coverage& c) {
  std::vector<std::string> holes;
  if (!c.has_section) holes.push_back(id + ": no section in the spec");
  if (!c.has_predicate) holes.push_back(id + ": no predicate in the model");
  if (c.proofs.empty()) holes.push_back(id + ": no proof obligation");
  if (c.properties.empty()) holes.push_back(id + ": no property names it");
  if (c.tests.empty()) holes.push_back(id + ": no test names it");
  return holes;
}

constexpr char kPreamble[] =
    "# Traceability\n\n"
    "Generated by `bazel run //tests/traceability:update` from\n"
    "`model/requirement_list.h`, `spec/requirements.md`,\n"
    "`model/requirements.h`, the proof obligations and the test binaries'\n"
    "own test lists; `//tests/traceability:traceability_test` fails when\n"
    "this file is stale. Do not edit.\n\n"
    "| requirement | spec | model predicate | proofs | properties | tests |\n"
    "| --- | --- | --- | --- | --- | --- |\n";

// The requirement's row of the table.
std::string TableRow(const model::RequirementId& r, const Coverage& c) {
  const std::string id(r.id);
  const std::string anchor = absl::AsciiStrToLower(id);
  return absl::StrCat("| `", id, "` | [section](../spec/requirements.md#",
                      anchor, ") | `", std::string(r.predicate), "` | ",
                      c.proofs.size(), " | ", c.property_cases, " cases in ",
                      c.properties.size(), " | ", c.test_cases, " in ",
                      c.tests.size(), " |\n");
}

// The requirement's section below the table.
std::string Details(const model::RequirementId& r, const Coverage& c) {
  const std::string id(r.id);
  return absl::StrCat(
      "\n## ", id, "\n\n", std::string(r.title), ".\n\n",
      "- spec: `spec/requirements.md`, section ", id, "\n", "- model: `",
      std::string(r.predicate), "` in `model/requirements.h`\n", "- proofs: ",
      c.proofs.empty()
          ? "none"
          : absl::StrCat("`", absl::StrJoin(c.proofs, "`, `"), "`"),
      "\n- properties:\n", c.property_lines, "- tests:\n", c.test_lines);
}

// The table, and the columns it lacks: a table with holes is not printed.
struct Table {
  std::string markdown;
  std::vector<std::string> holes;
};

Table MakeTable(const Sources& sources) {
  Table table{kPreamble, {}};
  std::string details;
  for (const model::RequirementId& r : model::kRequirements) {
    const Coverage c = CoverageOf(r, sources);
    for (std::string& hole : Holes(std::string(r.id), c)) {
      table.holes.push_back(std::move(hole));
    }
    absl::StrAppend(&table.markdown, TableRow(r, c));
    absl::StrAppend(&details, Details(r, c));
  }
  absl::StrAppend(&table.markdown, details);
  return table;
}

}  // namespace
}  // namespace dbgref::tools

int main(int argc, char** argv) {
  using dbgref::tools::MakeTable;
  using dbgref::tools::ParseArguments;
  using dbgref::tools::ReadSources;
  using dbgref::tools::Sources;
  using dbgref::tools::Table;
  const absl::StatusOr<Sources> sources =
      ReadSources(ParseArguments(argc, argv));
  if (!sources.ok()) {
    std::fprintf(stderr, "traceability: %s\n",
                 std::string(sources.status().message()).c_str());
    return 1;
  }
  const Table table = MakeTable(*sources);
  for (const std::string& hole : table.holes) {
    std::fprintf(stderr, "traceability: %s\n", hole.c_str());
  }
  if (!table.holes.empty()) return 1;
  std::fputs(table.markdown.c_str(), stdout);
  return 0;
}
