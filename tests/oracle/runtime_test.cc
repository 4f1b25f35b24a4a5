// The guest runtime as assembled (//oracle/vmm:runtime_bin) against
// oracle/layout.h: the handler's 13 words at 0x200, exactly the
// convention the model mirrors, the unexpected-vector entries and the
// flush's entry.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "oracle/layout.h"

namespace dbgref::oracle {
namespace {

std::vector<uint32_t> Runtime() {
  const char* dir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  std::ifstream f(std::string(dir ? dir : ".") + "/" + (ws ? ws : "dbgref") +
                      "/oracle/vmm/runtime.bin",
                  std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), {});
  std::vector<uint32_t> words(bytes.size() / 4);
  for (size_t i = 0; i < words.size(); ++i) {
    words[i] = static_cast<uint8_t>(bytes[4 * i]) |
               static_cast<uint8_t>(bytes[4 * i + 1]) << 8 |
               static_cast<uint8_t>(bytes[4 * i + 2]) << 16 |
               static_cast<uint32_t>(static_cast<uint8_t>(bytes[4 * i + 3]))
                   << 24;
  }
  return words;
}

TEST(RuntimeTest, HandlerIsTheConvention) {
  std::vector<uint32_t> w = Runtime();
  ASSERT_EQ(w.size() * 4, static_cast<size_t>(DBGREF_RUNTIME_SIZE));
  // As GNU as encodes: str xzr,[x28]; mrs x27,esr_el1; ubfx x27,x27,#26,#6;
  // cmp x27,#0x33; mrs x26,elr_el1; add x25,x26,#4; csel x26,x26,x25,eq;
  // msr elr_el1,x26; mrs x25,spsr_el1; orr x24,x25,#(1<<21);
  // csel x25,x24,x25,eq; msr spsr_el1,x25; eret.
  const std::vector<uint32_t> handler = {
      0xf900039f, 0xd538521b, 0xd35a7f7b, 0xf100cf7f, 0xd538403a,
      0x91001359, 0x9a99035a, 0xd518403a, 0xd5384019, 0xb26b0338,
      0x9a990319, 0xd5184019, 0xd69f03e0};
  ASSERT_EQ(handler.size(), static_cast<size_t>(DBGREF_HANDLER_INSNS));
  for (size_t i = 0; i < handler.size(); ++i) {
    EXPECT_EQ(w[DBGREF_HANDLER_ADDR / 4 + i], handler[i]) << "word " << i;
  }
  EXPECT_EQ(w[DBGREF_HANDLER_REPORT_ADDR / 4], DBGREF_EXCEPTION_STORE_INSN);
  EXPECT_EQ(w[DBGREF_HANDLER_ERET_ADDR / 4], 0xd69f03e0u);
}

TEST(RuntimeTest, OtherVectorsReportTheirNumber) {
  std::vector<uint32_t> w = Runtime();
  for (uint32_t n = 0; n < DBGREF_VECTOR_COUNT; ++n) {
    if (n == DBGREF_HANDLER_VECTOR) continue;
    EXPECT_EQ(w[n * DBGREF_VECTOR_ENTRY_SIZE / 4], 0xd280001bu | n << 5)
        << "movz x27, #" << n;
  }
}

TEST(RuntimeTest, FlushStartsWithTlbi) {
  std::vector<uint32_t> w = Runtime();
  EXPECT_EQ(w[DBGREF_FLUSH_ADDR / 4], 0xd508871fu);  // tlbi vmalle1
}

}  // namespace
}  // namespace dbgref::oracle
