// The operations every record of the model has, derived from the record's
// field walker (WalkRegs, WalkContext, WalkState, WalkObs, ...): the
// if-then-else of two records, their equality, and copies between domains.
// A record's walker is the one list of its fields; nothing here names one.
//
// A walk is passed as a callable walk(visitor, name, records...) that calls
// the record's walker, so that one generic operation serves every record.
#ifndef DBGREF_MODEL_RECORD_OPS_H_
#define DBGREF_MODEL_RECORD_OPS_H_

#include <cstring>
#include <type_traits>

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

// Runs update(r) on the record r (the caller's) unless c holds, in which
// case r keeps its value: r becomes SelectRecord(c, r, r updated). update
// may also give results through what it captures; it runs either way (on
// a copy where c holds). Where the domain's Bool is a C++ bool, the update
// runs on r itself when c does not hold, without a copy.
template <class D, class R, class Walk, class Update>
void UpdateUnless(Walk walk, const BoolOf<D>& c, R& r, Update&& update) {
  if constexpr (std::is_same_v<BoolOf<D>, bool>) {
    if (!c) {
      update(r);
    } else {
      R discarded = r;
      update(discarded);
    }
  } else {
    R updated = r;
    update(updated);
    r = SelectRecord<D>(walk, c, r, updated);
  }
}

// Every field of a equals the same field of b. Where the domain's Bool is
// a C++ bool and the record copies as bytes, equal bytes are equal fields
// (a truth value is stored as 0 or 1): only records whose bytes differ (in
// a field or in padding) are compared field by field.
template <class D, class R, class Walk>
BoolOf<D> RecordsEqual(Walk walk, const R& a, const R& b) {
  if constexpr (std::is_same_v<BoolOf<D>, bool> &&
                std::is_trivially_copyable_v<R>) {
    if (std::memcmp(&a, &b, sizeof(R)) == 0) return true;
  }
  record_ops_internal::EqualVisitor<D> visitor{D::lit_bool(true)};
  walk(visitor, FieldName(""), a, b);
  return visitor.all;
}

}  // namespace dbgref::model

#endif  // DBGREF_MODEL_RECORD_OPS_H_
