// Field-by-field comparison of two observation records, and a readable
// account of where they differ: the verdict of the differential check
// between the model and a port.
#ifndef DBGREF_MODEL_RECORD_COMPARE_H_
#define DBGREF_MODEL_RECORD_COMPARE_H_

#include "model/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 when every field of a and b is equal (padding ignored), else 0. */
int dbgref_obs_equal(const struct dbgref_obs* a, const struct dbgref_obs* b);

#ifdef __cplusplus
}  // extern "C"

#include <string>
#include <vector>

namespace dbgref::model {

// Every field equal; padding is ignored.
bool ObsEqual(const dbgref_obs& a, const dbgref_obs& b);

// One field where two observations differ, with both values as text
// ("0x1e7"; the return value in decimal).
struct FieldDifference {
  std::string field;  // "entry_hw.dbg_bcr[0]", "hsr"
  std::string a;
  std::string b;
};

// The fields where a and b differ, in record order.
std::vector<FieldDifference> ObsDifferences(const dbgref_obs& a,
                                            const dbgref_obs& b);

// One line per differing field, "name: <a> != <b>", empty when equal.
std::string ObsDiff(const dbgref_obs& a, const dbgref_obs& b);

// All fields, one per line (banks printed only where non-zero).
std::string ObsToString(const dbgref_obs& o);

}  // namespace dbgref::model
#endif

#endif  // DBGREF_MODEL_RECORD_COMPARE_H_
