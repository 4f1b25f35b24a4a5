// The main of the tests that boot a kernel: GoogleTest's flags, then ours
// (oracle_test_flags.h). An unknown flag of ours fails the binary.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "tests/oracle/oracle_test_flags.h"

namespace dbgref::oracle {
namespace {

OracleTestFlags& MutableFlags() {
  static OracleTestFlags flags;
  return flags;
}

// Sets the flag that arg names; false when it names none of ours.
bool ParseFlag(const std::string& arg, OracleTestFlags& flags) {
  struct Flag {
    const char* prefix;
    std::string* value;
  };
  for (const Flag& f : {Flag{"--kernel=", &flags.kernel},
                        Flag{"--initramfs=", &flags.initramfs},
                        Flag{"--fake_qemu=", &flags.fake_qemu}}) {
    if (absl::StartsWith(arg, f.prefix)) {
      *f.value = arg.substr(std::string(f.prefix).size());
      return true;
    }
  }
  return false;
}

}  // namespace

const OracleTestFlags& TestFlags() { return MutableFlags(); }

}  // namespace dbgref::oracle

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    if (!dbgref::oracle::ParseFlag(argv[i], dbgref::oracle::MutableFlags())) {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
