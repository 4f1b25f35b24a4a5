// The host side of the wire format without a VM: frames cut from a stream
// byte by byte, every kind of bad frame refused, and results decoded only
// when they answer the scripts field by field.
#include "oracle/host/wire.h"

#include <cstring>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "oracle/host/one_reg.h"

namespace dbgref::oracle {
namespace {

using ::testing::HasSubstr;

template <typename T>
void Put(std::vector<uint8_t>& out, T v) {
  uint8_t b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.insert(out.end(), b, b + sizeof(T));
}

TEST(WireTest, Crc32OfTheCheckString) {
  const char* s = "123456789";
  EXPECT_EQ(Crc32(reinterpret_cast<const uint8_t*>(s), 9), 0xcbf43926u);
}

TEST(WireTest, FramesComeOutWholeFromAByteStream) {
  std::vector<uint8_t> a = EncodeFrame(DBGREF_FRAME_READY, {1, 2, 3});
  std::vector<uint8_t> b = EncodeFrame(DBGREF_FRAME_RESULTS, {});
  std::vector<uint8_t> stream = a;
  stream.insert(stream.end(), b.begin(), b.end());
  FrameReader r;
  std::vector<Frame> got;
  for (uint8_t byte : stream) {
    r.Feed(&byte, 1);
    absl::StatusOr<std::optional<Frame>> f = r.Next();
    ASSERT_TRUE(f.ok()) << f.status();
    if (f->has_value()) got.push_back(**f);
  }
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type, DBGREF_FRAME_READY);
  EXPECT_EQ(got[0].payload, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(got[1].type, DBGREF_FRAME_RESULTS);
  EXPECT_EQ(r.pending(), 0u);
}

absl::Status Feed(std::vector<uint8_t> bytes) {
  FrameReader r;
  r.Feed(bytes.data(), bytes.size());
  absl::StatusOr<std::optional<Frame>> f = r.Next();
  if (!f.ok()) return f.status();
  return f->has_value() ? absl::OkStatus() : absl::UnknownError("incomplete");
}

TEST(WireTest, BadFramesAreRefused) {
  std::vector<uint8_t> good = EncodeFrame(DBGREF_FRAME_READY, {9, 9, 9, 9});
  ASSERT_TRUE(Feed(good).ok());
  std::vector<uint8_t> magic = good;
  magic[0] ^= 1;
  EXPECT_THAT(Feed(magic).message(), HasSubstr("bad frame magic"));
  std::vector<uint8_t> version = good;
  version[4] = 7;
  EXPECT_THAT(Feed(version).message(), HasSubstr("wire version 7"));
  std::vector<uint8_t> type = good;
  type[6] = 99;
  EXPECT_THAT(Feed(type).message(), HasSubstr("frame type 99"));
  std::vector<uint8_t> crc = good;
  crc.back() ^= 0x80;
  EXPECT_THAT(Feed(crc).message(), HasSubstr("checksum mismatch"));
  std::vector<uint8_t> cut(good.begin(), good.end() - 1);
  EXPECT_EQ(Feed(cut).message(), "incomplete");
}

// The RESULTS payload that the VMM would send for `s`, with a run body of
// `body_len` bytes.
std::vector<uint8_t> Results(uint32_t ops, uint32_t run_len, uint16_t opcode) {
  std::vector<uint8_t> p;
  Put(p, uint32_t{1});
  Put(p, uint32_t{0});
  Put(p, ops);
  for (uint32_t i = 0; i < ops; ++i) {
    Put(p, opcode);
    Put(p, uint16_t{0});
    Put(p, run_len);
    dbgref_run_body b{};
    b.exit_reason = 4;
    b.hsr = 0xcb000022;
    std::vector<uint8_t> body(run_len, 0);
    std::memcpy(body.data(), &b, std::min<size_t>(sizeof(b), run_len));
    if (run_len >= sizeof(b) + 16) {
      uint64_t pc = 0x10004;
      std::memcpy(body.data() + sizeof(b) + 8, &pc, 8);
    }
    p.insert(p.end(), body.begin(), body.end());
  }
  return p;
}

TEST(WireTest, ResultsDecodeAgainstTheirScripts) {
  Script s;
  s.Watch({one_reg::kPc}).Run(10);
  const uint32_t len = sizeof(dbgref_run_body) + sizeof(dbgref_reg_value);
  absl::StatusOr<std::vector<ScriptResult>> r =
      DecodeResults(Results(1, len, DBGREF_WIRE_OP_RUN), {s});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)[0].results[0].run.hsr, 0xcb000022u);
  EXPECT_EQ((*r)[0].results[0].run.Reg(one_reg::kPc), 0x10004u);

  EXPECT_THAT(
      DecodeResults(Results(2, len, DBGREF_WIRE_OP_RUN), {s}).status().message(),
      HasSubstr("2 results for 1 ops"));
  EXPECT_THAT(
      DecodeResults(Results(1, len - 8, DBGREF_WIRE_OP_RUN), {s}).status().message(),
      HasSubstr("run body of"));
  EXPECT_THAT(
      DecodeResults(Results(1, len, DBGREF_WIRE_OP_INIT), {s}).status().message(),
      HasSubstr("opcode 1 for 8"));
  std::vector<uint8_t> cut = Results(1, len, DBGREF_WIRE_OP_RUN);
  cut.resize(cut.size() - 3);
  EXPECT_THAT(DecodeResults(cut, {s}).status().message(),
              HasSubstr("truncated record"));
  std::vector<uint8_t> extra = Results(1, len, DBGREF_WIRE_OP_RUN);
  extra.push_back(0);
  EXPECT_THAT(DecodeResults(extra, {s}).status().message(),
              HasSubstr("1 trailing bytes"));
}

}  // namespace
}  // namespace dbgref::oracle
