// The command-line flags of the tests that boot a kernel, or a fake QEMU
// in its place: which kernel revision, which initramfs and which QEMU. The
// test targets pass them as args ($(rootpath ...)); the shared main
// (oracle_test_main.cc) parses them before the tests run.
#ifndef DBGREF_TESTS_ORACLE_ORACLE_TEST_FLAGS_H_
#define DBGREF_TESTS_ORACLE_ORACLE_TEST_FLAGS_H_

#include <string>

namespace dbgref::oracle {

struct OracleTestFlags {
  std::string kernel = "linux-6.1";  // --kernel=
  std::string initramfs;             // --initramfs=
  std::string fake_qemu;             // --fake_qemu=
};

// The flags of this test binary, as its main parsed them.
const OracleTestFlags& TestFlags();

}  // namespace dbgref::oracle

#endif  // DBGREF_TESTS_ORACLE_ORACLE_TEST_FLAGS_H_
