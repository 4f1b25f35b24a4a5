// Every encoding of the A64 encoder against GNU as (aarch64-linux-gnu-as,
// through the a64_golden genrule).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/oracle/a64_cases.h"

namespace dbgref::oracle {
namespace {

std::vector<uint8_t> ReadGolden() {
  const char* dir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  std::string path = std::string(dir ? dir : ".") + "/" + (ws ? ws : "dbgref") +
                     "/tests/oracle/a64_golden.bin";
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

TEST(A64Test, EveryEncodingMatchesTheAssembler) {
  std::vector<uint8_t> golden = ReadGolden();
  std::vector<A64Case> cases = A64Cases();
  ASSERT_EQ(golden.size(), 4 * cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    uint32_t word = golden[4 * i] | golden[4 * i + 1] << 8 |
                    golden[4 * i + 2] << 16 |
                    static_cast<uint32_t>(golden[4 * i + 3]) << 24;
    EXPECT_EQ(cases[i].word, word)
        << cases[i].text << std::hex << ": encoder 0x" << cases[i].word
        << ", as 0x" << word;
  }
}

}  // namespace
}  // namespace dbgref::oracle
