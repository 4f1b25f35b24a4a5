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

namespace dbgref::model {

// Every field equal; padding is ignored.
bool ObsEqual(const dbgref_obs& a, const dbgref_obs& b);

// One line per differing field, "name: <a> != <b>", empty when equal.
std::string ObsDiff(const dbgref_obs& a, const dbgref_obs& b);

// All fields, one per line (banks printed only where non-zero).
std::string ObsToString(const dbgref_obs& o);

}  // namespace dbgref::model
#endif

#endif  // DBGREF_MODEL_RECORD_COMPARE_H_
