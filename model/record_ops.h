// The operations every record of the model has, derived from the record's
// field walker (WalkRegs, WalkContext, WalkState, WalkObs, ...): the
// if-then-else of two records, their equality, and copies between domains.
// A record's walker is the one list of its fields; nothing here names one.
//
// A walk is passed as a callable walk(visitor, name, records...) that calls
// the record's walker, so that one generic operation serves every record.
#ifndef DBGREF_MODEL_RECORD_OPS_H_
#define DBGREF_MODEL_RECORD_OPS_H_

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <vector>

#include "model/domain.h"
#include "model/field_name.h"

namespace dbgref::model {
namespace record_ops_internal {

template <class D>
struct SelectVisitor {
  const BoolOf<D>& c;
  template <class T>
  void Word(const FieldName&, T& out, const T& a, const T& b) {
    out = D::ite(c, a, b);
  }
  template <class T>
  void Bool(const FieldName&, T& out, const T& a, const T& b) {
    out = D::ite(c, a, b);
  }
};

template <class D>
struct EqualVisitor {
  BoolOf<D> all;
  void Word(const FieldName&, const WordOf<D>& a, const WordOf<D>& b) {
    all = D::and_(all, D::eq(a, b));
  }
  void Bool(const FieldName&, const BoolOf<D>& a, const BoolOf<D>& b) {
    all = D::and_(all, BoolEq<D>(a, b));
  }
};

}  // namespace record_ops_internal

// The bytes of a record that its walk's fields cover, as runs of
// consecutive fields in the order of the walk, for a domain whose values
// are C++ values (and records of the C interface, whose debug registers
// the walk passes whole): found once per record type by walking a record
// and noting where each field lies. What no run covers is padding.
struct ByteRun {
  std::size_t begin;
  std::size_t end;
};

namespace record_ops_internal {

struct FieldRunsVisitor {
  const char* base;
  std::vector<ByteRun>* runs;
  template <class T>
  void Word(const FieldName&, const T& field) {
    Add(&field, sizeof(field));
  }
  template <class T>
  void Bool(const FieldName&, const T& field) {
    Add(&field, sizeof(field));
  }
  template <class T>
  void Regs(const FieldName&, const T& field) {
    Add(&field, sizeof(field));
  }
  void Add(const void* field, std::size_t size) {
    const std::size_t begin =
        static_cast<std::size_t>(static_cast<const char*>(field) - base);
    if (!runs->empty() && runs->back().end == begin) {
      runs->back().end = begin + size;
    } else {
      runs->push_back(ByteRun{begin, begin + size});
    }
  }
};

}  // namespace record_ops_internal

template <class R, class Walk>
const std::vector<ByteRun>& FieldByteRuns(Walk walk) {
  static const std::vector<ByteRun> runs = [walk] {
    const R r{};
    std::vector<ByteRun> out;
    record_ops_internal::FieldRunsVisitor visitor{
        reinterpret_cast<const char*>(&r), &out};
    walk(visitor, FieldName(""), r);
    return out;
  }();
  return runs;
}

// c ? a : b, field by field. Where the domain's Bool is a C++ bool (the
// concrete domain), the choice is made once for the whole record: the same
// value, without an if-then-else per field.
template <class D, class R, class Walk>
R SelectRecord(Walk walk, const BoolOf<D>& c, const R& a, const R& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return c ? a : b;
  } else {
    R out = b;
    record_ops_internal::SelectVisitor<D> visitor{c};
    walk(visitor, FieldName(""), out, a, b);
    return out;
  }
}

// SelectRecord(walk, c, a, b) to read from, not to keep, as the initializer
// of a const reference: where the domain's Bool is a C++ bool, a reference
// to a or b, without a copy; every other domain builds the selection, a
// temporary whose life the reference extends.
template <class D, class R, class Walk>
decltype(auto) SelectedRecord(Walk walk, const BoolOf<D>& c, const R& a,
                              const R& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    return c ? a : b;
  } else {
    return SelectRecord<D>(walk, c, a, b);
  }
}

// Runs update(r) on the record r (the caller's) unless c holds, in which
// case r keeps its value: r becomes SelectRecord(c, r, r updated); returns
// what update returns. update may also give results through what it
// captures; it runs either way (on a copy where c holds). Where the
// domain's Bool is a C++ bool, the update runs on r itself when c does not
// hold, without a copy, and its result is made in place.
template <class D, class R, class Walk, class Update>
auto UpdateUnlessGiving(Walk walk, const BoolOf<D>& c, R& r, Update&& update) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    if (!c) return update(r);
    R discarded = r;
    return update(discarded);
  } else {
    R updated = r;
    auto result = update(updated);
    r = SelectRecord<D>(walk, c, r, updated);
    return result;
  }
}

// UpdateUnlessGiving for an update that gives no result.
template <class D, class R, class Walk, class Update>
void UpdateUnless(Walk walk, const BoolOf<D>& c, R& r, Update&& update) {
  UpdateUnlessGiving<D>(walk, c, r, [&](R& x) {
    update(x);
    return true;
  });
}

// Every field of a equals the same field of b. Where the domain's Bool is
// a C++ bool and the record copies as bytes, a field is equal where its
// bytes are (a truth value is stored as 0 or 1): equal records are equal
// bytes, and records whose bytes differ are compared over the bytes of
// their fields (not their padding), run by run.
template <class D, class R, class Walk>
BoolOf<D> RecordsEqual(Walk walk, const R& a, const R& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool> &&
                std::is_trivially_copyable_v<R> &&
                std::is_default_constructible_v<R>) {
    if (std::memcmp(&a, &b, sizeof(R)) == 0) return true;
    const char* x = reinterpret_cast<const char*>(&a);
    const char* y = reinterpret_cast<const char*>(&b);
    for (const ByteRun& run : FieldByteRuns<R>(walk)) {
      if (std::memcmp(x + run.begin, y + run.begin, run.end - run.begin) != 0) {
        return false;
      }
    }
    return true;
  } else {
    record_ops_internal::EqualVisitor<D> visitor{D::lit_bool(true)};
    walk(visitor, FieldName(""), a, b);
    return visitor.all;
  }
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RECORD_OPS_H_
