// Tells a trace as a story in a kernel reviewer's terms: each operation as
// "userspace: KVM_SET_GUEST_DEBUG(ENABLE|USE_HW, bcr0=0x1e7 ...)" or
// "guest: writes DBGBVR1_EL1 = 0x1234 (trapped)", with what the model says
// happened, and, where a port's observation differs, expected against
// actual field by field.
#ifndef DBGREF_TOOLS_STORY_H_
#define DBGREF_TOOLS_STORY_H_

#include <string>
#include <vector>

#include "model/record.h"
#include "tools/report.h"

namespace dbgref::tools {

// One operation and its outcome as the observation tells it.
std::string DescribeStep(const dbgref_op& op, const dbgref_obs& obs);

// The fields where actual differs from expected (the model's record).
std::vector<FieldDifference> Differences(const dbgref_obs& expected,
                                         const dbgref_obs& actual);

}  // namespace dbgref::tools

#endif  // DBGREF_TOOLS_STORY_H_
