// A strict recursive-descent JSON reader (see json_value.h).

#include "tests/report/json_value.h"

#include <cstdlib>
#include <optional>
#include <string>

namespace dbgref::testing_json {
namespace {

class Reader {
 public:
  explicit Reader(const std::string& text) : text_(text) {}

  std::optional<Value> Document() {
    std::optional<Value> v = ParseValue(0);
    SkipSpace();
    if (!v || pos_ != text_.size()) return std::nullopt;
    return v;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Literal(const char* word) {
    const std::string w(word);
    if (text_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }

  std::optional<std::string> ParseString() {
    if (pos_ >= text_.size() || text_[pos_] != '"') return std::nullopt;
    ++pos_;
    std::string out;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return std::nullopt;
          for (int i = 0; i < 4; ++i) {
            if (!isxdigit(static_cast<unsigned char>(text_[pos_ + i]))) {
              return std::nullopt;
            }
          }
          out += static_cast<char>(
              std::strtol(text_.substr(pos_, 4).c_str(), nullptr, 16));
          pos_ += 4;
          break;
        }
        default:
          return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::optional<Value> ParseValue(int depth) {
    if (depth > 64) return std::nullopt;
    SkipSpace();
    if (pos_ >= text_.size()) return std::nullopt;
    Value v;
    char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind = Value::Kind::kObject;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return v;
      }
      while (true) {
        SkipSpace();
        std::optional<std::string> key = ParseString();
        if (!key) return std::nullopt;
        SkipSpace();
        if (pos_ >= text_.size() || text_[pos_] != ':') return std::nullopt;
        ++pos_;
        std::optional<Value> member = ParseValue(depth + 1);
        if (!member || v.object.count(*key)) return std::nullopt;
        v.object.emplace(*key, std::move(*member));
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == '}') {
          ++pos_;
          return v;
        }
        return std::nullopt;
      }
    }
    if (c == '[') {
      ++pos_;
      v.kind = Value::Kind::kArray;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return v;
      }
      while (true) {
        std::optional<Value> element = ParseValue(depth + 1);
        if (!element) return std::nullopt;
        v.array.push_back(std::move(*element));
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] == ']') {
          ++pos_;
          return v;
        }
        return std::nullopt;
      }
    }
    if (c == '"') {
      std::optional<std::string> s = ParseString();
      if (!s) return std::nullopt;
      v.kind = Value::Kind::kString;
      v.string = *s;
      return v;
    }
    if (Literal("null")) return v;
    if (Literal("true")) {
      v.kind = Value::Kind::kBool;
      v.boolean = true;
      return v;
    }
    if (Literal("false")) {
      v.kind = Value::Kind::kBool;
      return v;
    }
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    size_t digits = 0;
    while (pos_ < text_.size() &&
           (isdigit(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E' ||
            text_[pos_] == '+' || text_[pos_] == '-')) {
      ++pos_;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    char* end = nullptr;
    const std::string number = text_.substr(start, pos_ - start);
    v.number = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return std::nullopt;
    v.kind = Value::Kind::kNumber;
    return v;
  }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<Value> Parse(const std::string& text) {
  return Reader(text).Document();
}

}  // namespace dbgref::testing_json
