// The named model traces that the oracle's model test runs on Linux 6.1 and
// 6.12 and compares with the model's projection: the scenarios of
// tests/exec/execution_test.cc, the earlier hand-written oracle scenarios
// (tests/oracle/scenarios.h) written as traces, and the candidates for a
// difference between the model and a kernel.
#ifndef DBGREF_TESTS_ORACLE_KERNEL_TRACES_H_
#define DBGREF_TESTS_ORACLE_KERNEL_TRACES_H_

#include <string>
#include <vector>

#include "model/record.h"
#include "oracle/host/kernel_trace.h"

namespace dbgref::oracle::traces {

struct NamedTrace {
  std::string name;
  KernelTrace trace;
};

// Every trace, on host (the kernel's shape: KernelSession::host()).
std::vector<NamedTrace> All(const dbgref_host& host);

}  // namespace dbgref::oracle::traces

#endif  // DBGREF_TESTS_ORACLE_KERNEL_TRACES_H_
