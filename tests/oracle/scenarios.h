// The hand-written oracle scenarios: scripts of KVM ioctls and guest
// programs whose observations on Linux 6.1 and 6.12 are pinned by
// oracle_scenarios_test and recorded in oracle/README.md ("facts
// observed"). Each scenario is one script; all of them run in one boot.
#ifndef DBGREF_TESTS_ORACLE_SCENARIOS_H_
#define DBGREF_TESTS_ORACLE_SCENARIOS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "oracle/host/script.h"

namespace dbgref::oracle::scenarios {

// The register the programs hold the REPORT address in (a program
// register, set by each script).
inline constexpr int kReportReg = 23;

// Control bits and register values the scenarios use.
inline constexpr uint64_t kBcrExecEl1El0 = 0x1e7;  // E, PMC 0b11, BAS 0b1111
inline constexpr uint64_t kWcrLoadStore =
    0x1fff;  // E, PAC 0b11, LSC 0b11, BAS 0xff
inline constexpr uint64_t kMdscrKdeMde = (1u << 13) | (1u << 15);

struct Scenario {
  std::string name;
  Script script;
};

// Where scenario `index` has its program (and its PC at the start): the
// code region's base for all of them.
uint64_t CodeFor(size_t index);

// Every scenario, in the order they run.
std::vector<Scenario> All();

// The registers every scenario watches after each run.
std::vector<uint64_t> Watched();

}  // namespace dbgref::oracle::scenarios

#endif  // DBGREF_TESTS_ORACLE_SCENARIOS_H_
