// The A64 encoder's test cases: each instruction as the assembler writes
// it and as the encoder builds it. a64_golden_gen prints the assembler
// side for GNU as; a64_test compares the encoder with what as produced.
#ifndef DBGREF_TESTS_ORACLE_A64_CASES_H_
#define DBGREF_TESTS_ORACLE_A64_CASES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dbgref::oracle {

struct A64Case {
  std::string text;  // GNU as syntax
  uint32_t word;     // the encoder's output
};

std::vector<A64Case> A64Cases();

}  // namespace dbgref::oracle

#endif  // DBGREF_TESTS_ORACLE_A64_CASES_H_
