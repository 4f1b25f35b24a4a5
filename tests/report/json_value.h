// A small strict JSON reader for tests: parses a document into a tree so
// that a test can check that the output is JSON and follows its documented
// schema. Not used by dbgref itself.
#ifndef DBGREF_TESTS_REPORT_JSON_VALUE_H_
#define DBGREF_TESTS_REPORT_JSON_VALUE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbgref::testing_json {

struct Value {
  enum class Kind {
    kNull,
    kBool,
    kNumber,
    kString,
    kArray,
    kObject
  } kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Value> array;
  std::map<std::string, Value> object;

  bool Has(const std::string& key) const {
    return kind == Kind::kObject && object.count(key) != 0;
  }
  const Value& At(const std::string& key) const { return object.at(key); }
};

// The parsed document, or nothing when text is not exactly one JSON value.
std::optional<Value> Parse(const std::string& text);

}  // namespace dbgref::testing_json

#endif  // DBGREF_TESTS_REPORT_JSON_VALUE_H_
