// Prints the A64 test cases as GNU as source, one instruction a line, for
// the a64_golden genrule.
#include <cstdio>

#include "tests/oracle/a64_cases.h"

int main() {
  std::printf("\t.text\n");
  for (const auto& c : dbgref::oracle::A64Cases()) {
    std::printf("\t%s\n", c.text.c_str());
  }
  return 0;
}
