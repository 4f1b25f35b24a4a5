// Prints the obligations of AllObligations as the Markdown table of
// proofs/README.md ("Obligations"), so that the table is derived from the
// definitions rather than kept by hand:
//
//   bazel run //proofs:obligation_table
#include <cstdio>

#include "proofs/obligations.h"

int main() {
  std::printf("| obligation | requirement | method | what it proves |\n");
  std::printf("| --- | --- | --- | --- |\n");
  for (const dbgref::proofs::Obligation& o : dbgref::proofs::AllObligations()) {
    std::printf("| `%s` | %s | %s | %s |\n", o.name.c_str(),
                o.requirement.c_str(), o.method.c_str(), o.summary.c_str());
  }
  return 0;
}
