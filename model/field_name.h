// The dotted name of a record field ("ctx.bcr3"), as the field walkers of
// the model's records hand it to their visitors. It is a chain of pieces on
// the walker's stack and becomes a string only when a visitor asks, so
// walks that never print a name (copies, comparisons) allocate nothing.
#ifndef DBGREF_MODEL_FIELD_NAME_H_
#define DBGREF_MODEL_FIELD_NAME_H_

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

// "0" .. "15": the index pieces of the sixteen entries of a bank.
inline constexpr std::string_view kEntryIndex[] = {
    "0", "1", "2",  "3",  "4",  "5",  "6",  "7",
    "8", "9", "10", "11", "12", "13", "14", "15"};

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_FIELD_NAME_H_
