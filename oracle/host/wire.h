// The host side of oracle/wire_format.h: CRC-32, frames, the BATCH payload
// built from scripts, and the RESULTS payload checked field by field
// against the scripts it answers. Any mismatch is an error, never a
// result.
#ifndef DBGREF_ORACLE_HOST_WIRE_H_
#define DBGREF_ORACLE_HOST_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "oracle/host/script.h"
#include "oracle/wire_format.h"

namespace dbgref::oracle {

// CRC-32 (IEEE 802.3, as zlib computes it).
uint32_t Crc32(const uint8_t* data, size_t len);

struct Frame {
  uint16_t type = 0;
  std::vector<uint8_t> payload;
};

// The frame's bytes: header, then payload.
std::vector<uint8_t> EncodeFrame(uint16_t type,
                                 const std::vector<uint8_t>& payload);

// Cuts frames out of a byte stream.
class FrameReader {
 public:
  void Feed(const uint8_t* data, size_t len);
  // The next whole frame; nullopt when more bytes are needed; an error
  // (DataLoss) for a bad magic, version, type, length or checksum.
  absl::StatusOr<std::optional<Frame>> Next();
  // Bytes received and not yet cut into a frame.
  size_t pending() const { return buffer_.size() - start_; }

 private:
  std::vector<uint8_t> buffer_;
  size_t start_ = 0;
};

std::vector<uint8_t> EncodeBatch(const std::vector<Script>& scripts);

absl::StatusOr<std::vector<ScriptResult>> DecodeResults(
    const std::vector<uint8_t>& payload, const std::vector<Script>& scripts);

}  // namespace dbgref::oracle

#endif  // DBGREF_ORACLE_HOST_WIRE_H_
