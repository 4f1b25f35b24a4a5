// The dotted name of a record field ("ctx.bcr3"), as the field walkers of
// the model's records hand it to their visitors. It is a chain of pieces on
// the walker's stack and becomes a string only when a visitor asks, so
// walks that never print a name (copies, comparisons) allocate nothing.
#ifndef DBGREF_MODEL_FIELD_NAME_H_
#define DBGREF_MODEL_FIELD_NAME_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dbgref::model {

class FieldName {
 public:
  // The name every field of a walk starts with, such as "" or "s0.".
  explicit FieldName(std::string_view root) : piece_(root) {}
  // parent followed by piece; parent must outlive this name.
  FieldName(const FieldName& parent, std::string_view piece)
      : parent_(&parent), piece_(piece) {}

  std::string str() const {
    std::string out = parent_ == nullptr ? std::string() : parent_->str();
    out.append(piece_);
    return out;
  }
  // Visitors that take the name as a std::string get it spelled out.
  operator std::string() const { return str(); }

 private:
  const FieldName* parent_ = nullptr;
  std::string_view piece_;
};

// "0" .. "31": the index pieces of the entries of a bank (16) or of the
// lines of a program.
inline constexpr std::string_view kEntryIndex[] = {
    "0",  "1",  "2",  "3",  "4",  "5",  "6",  "7",  "8",  "9",  "10",
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21",
    "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"};
inline constexpr std::size_t kEntryIndexCount =
    sizeof(kEntryIndex) / sizeof(kEntryIndex[0]);

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_FIELD_NAME_H_
