// What every subcommand shares.

#include <cstdio>
#include <string>

#include "tools/commands.h"

namespace dbgref {

int InputError(const std::string& message) {
  std::fprintf(stderr, "dbgref: %s\n", message.c_str());
  return 2;
}

}  // namespace dbgref
